import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import TextField from '@mui/material/TextField'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'

import { linkStateSchema, type LinkState } from '../../../../contracts/api'
import { LoadingState } from '../../../components/loading-state'
import { QueryErrorAlert } from '../../../components/query-error-alert'
import { SearchField } from '../../../components/search-field'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import { linkQueries } from '../api/link-queries'
import { LinkStateChip } from '../../../components/link-state-chip'
import { linkStateLabels } from '../../../lib/status-labels'
import { ServerPagination } from '../../../components/server-pagination'
import { staleRowsSx } from '../../../components/stale-rows'

const EMPTY_TEXT = 'No products are linked yet. Upload products from either side to get started.'
const PAGE_SIZES = [10, 25, 50]

export function LinksTable() {
  const [search, setSearch] = useState('')
  const [state, setState] = useState<LinkState | ''>('')
  const [page, setPage] = useState(0)
  const [pageSize, setPageSize] = useState(25)
  const q = useDebouncedValue(search.trim())
  const links = useQuery(
    linkQueries.list({ q, state: state || undefined, page: page + 1, pageSize }),
  )
  const isFiltered = q !== '' || state !== ''

  function changeSearch(value: string) {
    setSearch(value)
    setPage(0)
  }

  function changeState(value: string) {
    const parsed = linkStateSchema.safeParse(value)
    setState(parsed.success ? parsed.data : '')
    setPage(0)
  }

  return (
    <Box component="section" aria-labelledby="linked-products-heading">
      <Typography id="linked-products-heading" variant="h6" component="h2" sx={{ mb: 1.5 }}>
        Linked products
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2 }}>
        <SearchField value={search} onChange={changeSearch} />
        <TextField
          select
          size="small"
          label="State"
          value={state}
          onChange={(event) => changeState(event.target.value)}
          sx={{ minWidth: 200 }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">All states</option>
          {linkStateSchema.options.map((option) => (
            <option key={option} value={option}>
              {linkStateLabels[option]}
            </option>
          ))}
        </TextField>
      </Box>
      {links.isPending && <LoadingState label="Loading linked products…" />}
      {links.isError && (
        <QueryErrorAlert
          error={links.error}
          what="linked products"
          onRetry={() => void links.refetch()}
        />
      )}
      {links.data && links.data.total === 0 && (
        <Typography sx={{ py: 3 }} color="text.secondary">
          {isFiltered ? 'No linked products match your search.' : EMPTY_TEXT}
        </Typography>
      )}
      {links.data && links.data.total > 0 && (
        <Paper variant="outlined">
          <Box sx={{ height: 4 }}>
            {links.isPlaceholderData && <LinearProgress aria-label="Loading linked products" />}
          </Box>
          <TableContainer>
            <Table size="small" aria-label="Linked products" aria-busy={links.isPlaceholderData}>
              <TableHead>
                <TableRow>
                  <TableCell>Name</TableCell>
                  <TableCell>SKU</TableCell>
                  <TableCell align="right">Variants</TableCell>
                  <TableCell>State</TableCell>
                </TableRow>
              </TableHead>
              <TableBody sx={links.isPlaceholderData ? staleRowsSx : undefined}>
                {links.data.items.map((link) => (
                  <TableRow key={link.id}>
                    <TableCell>{link.name}</TableCell>
                    <TableCell>{link.sku}</TableCell>
                    <TableCell align="right">{link.variantCount}</TableCell>
                    <TableCell>
                      <LinkStateChip state={link.state} />
                      {link.state === 'failed' && link.lastError && (
                        <Typography variant="body2" color="error" sx={{ mt: 0.5 }}>
                          {link.lastError}
                        </Typography>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <ServerPagination
            total={links.data.total}
            page={page}
            pageSize={pageSize}
            pageSizes={PAGE_SIZES}
            onPageChange={setPage}
            onPageSizeChange={setPageSize}
            isLoading={links.isPlaceholderData}
          />
        </Paper>
      )}
    </Box>
  )
}
