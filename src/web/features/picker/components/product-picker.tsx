import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { useNavigate } from 'react-router'

import { sourceSideOf, type Direction, type StartRunBody } from '../../../../contracts/api'
import { LoadingState } from '../../../components/loading-state'
import { QueryErrorAlert } from '../../../components/query-error-alert'
import { SearchField } from '../../../components/search-field'
import { sideNames } from '../../../lib/direction-labels'
import { useDebouncedValue } from '../../../lib/use-debounced-value'
import { sourceProductQueries } from '../api/source-product-queries'
import { SourceProductsTable } from './source-products-table'
import { ServerPagination } from '../../../components/server-pagination'

const PAGE_SIZES = [10, 25, 50, 100]
// The contract accepts at most this many ids; beyond it, Upload all is the way.
const MAX_SELECTED = 5000

export type ProductPickerProps = {
  direction: Direction
  currency: string | undefined
  isBlocked: boolean
  isStarting: boolean
  onStart: (selection: StartRunBody['selection']) => void
}

export function ProductPicker({
  direction,
  currency,
  isBlocked,
  isStarting,
  onStart,
}: ProductPickerProps) {
  const side = sourceSideOf(direction)
  const navigate = useNavigate()
  const [search, setSearch] = useState('')
  const [page, setPage] = useState(0)
  const [pageSize, setPageSize] = useState(25)
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const q = useDebouncedValue(search.trim())
  const products = useQuery(sourceProductQueries.list({ side, q, page: page + 1, pageSize }))
  const pageItems = products.data?.items ?? []
  // keepPreviousData shows the page before while the one asked for loads: its rows are not this
  // page's, so they are dimmed, cannot be ticked, and the footer says the page is loading.
  const isLoadingPage = products.isPlaceholderData

  function changeSearch(value: string) {
    setSearch(value)
    setPage(0)
  }

  function toggle(sourceId: string) {
    if (isLoadingPage) return
    setSelected((current) => {
      const next = new Set(current)
      if (!next.delete(sourceId)) next.add(sourceId)

      return next
    })
  }

  function togglePage(isSelecting: boolean) {
    if (isLoadingPage) return
    setSelected((current) => {
      const next = new Set(current)
      for (const product of pageItems) {
        if (isSelecting) next.add(product.sourceId)
        else next.delete(product.sourceId)
      }

      return next
    })
  }

  const isDisabled = isBlocked || isStarting
  const isOverLimit = selected.size > MAX_SELECTED

  return (
    <Stack spacing={2}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 2 }}>
        <SearchField value={search} onChange={changeSearch} />
        <Typography aria-live="polite">{selected.size} selected</Typography>
        <Button size="small" disabled={selected.size === 0} onClick={() => setSelected(new Set())}>
          Clear selection
        </Button>
      </Box>
      {products.isPending && <LoadingState label="Loading products…" />}
      {products.isError && (
        <QueryErrorAlert
          error={products.error}
          what={`products from ${sideNames[side]}`}
          onRetry={() => void products.refetch()}
        />
      )}
      {products.data && products.data.total === 0 && (
        <Typography color="text.secondary" sx={{ py: 3 }}>
          {q
            ? 'No products match your search.'
            : `There are no products in ${sideNames[side]} yet.`}
        </Typography>
      )}
      {products.data && products.data.total > 0 && (
        <Paper variant="outlined">
          <Box sx={{ height: 4 }}>
            {isLoadingPage && <LinearProgress aria-label="Loading products" />}
          </Box>
          <SourceProductsTable
            label={`${sideNames[side]} products`}
            products={pageItems}
            currency={currency}
            selected={selected}
            onToggle={toggle}
            onTogglePage={togglePage}
            isLoading={isLoadingPage}
          />
          <ServerPagination
            total={products.data.total}
            page={page}
            pageSize={pageSize}
            pageSizes={PAGE_SIZES}
            onPageChange={setPage}
            onPageSizeChange={setPageSize}
            isLoading={isLoadingPage}
          />
        </Paper>
      )}
      {isOverLimit && (
        <Alert severity="info">
          Select at most {MAX_SELECTED.toLocaleString()} products, or use Upload all.
        </Alert>
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        <Button
          variant="contained"
          disabled={isDisabled || selected.size === 0 || isOverLimit}
          onClick={() => onStart({ kind: 'ids', ids: [...selected] })}
        >
          Add products
        </Button>
        <Button variant="outlined" disabled={isDisabled} onClick={() => onStart({ kind: 'all' })}>
          Upload all
        </Button>
        <Button onClick={() => void navigate('/')}>Cancel</Button>
      </Box>
    </Stack>
  )
}
