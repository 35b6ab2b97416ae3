import Checkbox from '@mui/material/Checkbox'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'

import type { SourceProduct } from '../../../../contracts/api'
import { staleRowsSx } from '../../../components/stale-rows'
import { formatPrice, formatStock } from '../../../lib/format'

export type SourceProductsTableProps = {
  label: string
  products: SourceProduct[]
  currency: string | undefined
  selected: ReadonlySet<string>
  onToggle: (sourceId: string) => void
  onTogglePage: (isSelecting: boolean) => void
  /** The rows are the page before's, shown while the page asked for loads: none can be ticked. */
  isLoading?: boolean
}

export function SourceProductsTable({
  label,
  products,
  currency,
  selected,
  onToggle,
  onTogglePage,
  isLoading = false,
}: SourceProductsTableProps) {
  const selectedOnPage = products.filter((product) => selected.has(product.sourceId)).length
  const isPageSelected = products.length > 0 && selectedOnPage === products.length

  return (
    <TableContainer>
      <Table size="small" aria-label={label} aria-busy={isLoading}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">
              <Checkbox
                checked={isPageSelected}
                indeterminate={selectedOnPage > 0 && !isPageSelected}
                disabled={isLoading}
                onChange={() => onTogglePage(!isPageSelected)}
                slotProps={{ input: { 'aria-label': 'Select all on this page' } }}
              />
            </TableCell>
            <TableCell>Name</TableCell>
            <TableCell>SKU</TableCell>
            <TableCell align="right">Variants</TableCell>
            <TableCell align="right">Price</TableCell>
            <TableCell align="right">Stock</TableCell>
          </TableRow>
        </TableHead>
        <TableBody sx={isLoading ? staleRowsSx : undefined}>
          {products.map((product) => {
            const isSelected = selected.has(product.sourceId)

            return (
              <TableRow key={product.sourceId} hover={!isLoading} selected={isSelected}>
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={isSelected}
                    disabled={isLoading}
                    onChange={() => onToggle(product.sourceId)}
                    slotProps={{ input: { 'aria-label': `Select ${product.name}` } }}
                  />
                </TableCell>
                <TableCell>{product.name}</TableCell>
                <TableCell>{product.sku}</TableCell>
                <TableCell align="right">{product.variantCount}</TableCell>
                <TableCell align="right">{formatPrice(product.price, currency)}</TableCell>
                <TableCell align="right">{formatStock(product.stock)}</TableCell>
              </TableRow>
            )
          })}
        </TableBody>
      </Table>
    </TableContainer>
  )
}
