import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import LinearProgress from '@mui/material/LinearProgress'
import Paper from '@mui/material/Paper'
import Tab from '@mui/material/Tab'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Tabs from '@mui/material/Tabs'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'

import type { ItemStatus } from '../../../../contracts/api'
import { LoadingState } from '../../../components/loading-state'
import { QueryErrorAlert } from '../../../components/query-error-alert'
import { actionErrorText } from '../../../lib/error-text'
import { runQueries } from '../api/run-queries'
import { useRetryRun } from '../api/use-run-actions'
import { ItemStatusChip } from '../../../components/item-status-chip'
import { itemStatusLabels } from '../../../lib/status-labels'
import { ServerPagination } from '../../../components/server-pagination'
import { staleRowsSx } from '../../../components/stale-rows'

const FILTERS = ['all', 'failed', 'refused', 'created', 'linked', 'pending'] as const
type Filter = (typeof FILTERS)[number]

const PAGE_SIZES = [10, 25, 50, 100]

export type RunItemsTableProps = {
  runId: string
  isPolling: boolean
  /** Failed items offer Retry (not in a cancelled upload). */
  canRetry?: boolean
}

export function RunItemsTable({ runId, isPolling, canRetry = false }: RunItemsTableProps) {
  const [filter, setFilter] = useState<Filter>('all')
  const [page, setPage] = useState(0)
  const [pageSize, setPageSize] = useState(25)
  const status: ItemStatus | undefined = filter === 'all' ? undefined : filter
  const items = useQuery(runQueries.items(runId, { status, page: page + 1, pageSize }, isPolling))
  const retry = useRetryRun(runId)
  // The page before, shown while the one asked for loads: not to be retried from.
  const isLoadingPage = items.isPlaceholderData
  const retryError = actionErrorText(retry.error)
  const hasRetry = canRetry && (items.data?.items ?? []).some((item) => item.status === 'failed')

  return (
    <Box component="section" aria-labelledby="run-items-heading">
      <Typography id="run-items-heading" variant="h6" component="h2" sx={{ mb: 1 }}>
        Items
      </Typography>
      <Tabs
        value={filter}
        onChange={(_, next: Filter) => {
          setFilter(next)
          setPage(0)
        }}
        aria-label="Show items"
        variant="scrollable"
        sx={{ mb: 1 }}
      >
        {FILTERS.map((value) => (
          <Tab
            key={value}
            value={value}
            label={value === 'all' ? 'All' : itemStatusLabels[value]}
          />
        ))}
      </Tabs>
      {retryError && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {retryError}
        </Alert>
      )}
      {items.isPending && <LoadingState label="Loading items…" />}
      {items.isError && (
        <QueryErrorAlert error={items.error} what="items" onRetry={() => void items.refetch()} />
      )}
      {items.data && items.data.total === 0 && (
        <Typography color="text.secondary" sx={{ py: 3 }}>
          {filter === 'all' ? 'This upload has no items.' : 'No items with this outcome.'}
        </Typography>
      )}
      {items.data && items.data.total > 0 && (
        <Paper variant="outlined">
          <Box sx={{ height: 4 }}>
            {isLoadingPage && <LinearProgress aria-label="Loading items" />}
          </Box>
          <TableContainer>
            <Table size="small" aria-label="Upload items" aria-busy={isLoadingPage}>
              <TableHead>
                <TableRow>
                  <TableCell>Name</TableCell>
                  <TableCell>SKU</TableCell>
                  <TableCell>Outcome</TableCell>
                  <TableCell>Reasons</TableCell>
                  <TableCell>Target ID</TableCell>
                  {hasRetry && <TableCell>Action</TableCell>}
                </TableRow>
              </TableHead>
              <TableBody sx={isLoadingPage ? staleRowsSx : undefined}>
                {items.data.items.map((item) => (
                  <TableRow key={item.id}>
                    <TableCell>{item.name}</TableCell>
                    <TableCell>{item.sku}</TableCell>
                    <TableCell>
                      <ItemStatusChip status={item.status} />
                    </TableCell>
                    <TableCell>
                      {item.reasons.length > 0 && (
                        <Box component="ul" sx={{ m: 0, pl: 2 }}>
                          {item.reasons.map((reason, index) => (
                            <Typography component="li" variant="body2" key={index}>
                              {reason}
                            </Typography>
                          ))}
                        </Box>
                      )}
                    </TableCell>
                    <TableCell>{item.targetId ?? '—'}</TableCell>
                    {hasRetry && (
                      <TableCell>
                        {item.status === 'failed' && (
                          <Button
                            size="small"
                            disabled={retry.isPending || isLoadingPage}
                            aria-label={`Retry ${item.name || item.sku || 'this product'}`}
                            onClick={() => retry.mutate([item.id])}
                          >
                            Retry
                          </Button>
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          <ServerPagination
            total={items.data.total}
            page={page}
            pageSize={pageSize}
            pageSizes={PAGE_SIZES}
            onPageChange={setPage}
            onPageSizeChange={setPageSize}
            isLoading={isLoadingPage}
          />
        </Paper>
      )}
    </Box>
  )
}
