import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { Link as RouterLink } from 'react-router'

import { LoadingState } from '../../../components/loading-state'
import { QueryErrorAlert } from '../../../components/query-error-alert'
import { directionTitles, uploadLinkName } from '../../../lib/direction-labels'
import { formatDateTime } from '../../../lib/format'
import { runQueries } from '../api/run-queries'
import { runStatusText } from '../utils/run-status'
import { ServerPagination } from '../../../components/server-pagination'
import { staleRowsSx } from '../../../components/stale-rows'

const PAGE_SIZES = [10, 25, 50]

export function RunHistoryTable() {
  const [page, setPage] = useState(0)
  const [pageSize, setPageSize] = useState(25)
  const runs = useQuery(runQueries.list({ page: page + 1, pageSize }))

  if (runs.isPending) return <LoadingState label="Loading uploads…" />

  if (runs.isError) {
    return <QueryErrorAlert error={runs.error} what="uploads" onRetry={() => void runs.refetch()} />
  }

  if (runs.data.total === 0) {
    return <Typography color="text.secondary">No uploads yet.</Typography>
  }

  return (
    <Paper variant="outlined">
      <Box sx={{ height: 4 }}>
        {runs.isPlaceholderData && <LinearProgress aria-label="Loading uploads" />}
      </Box>
      <TableContainer>
        <Table size="small" aria-label="Upload history" aria-busy={runs.isPlaceholderData}>
          <TableHead>
            <TableRow>
              <TableCell>Started</TableCell>
              <TableCell>Upload</TableCell>
              <TableCell>Status</TableCell>
              <TableCell align="right">Products</TableCell>
              <TableCell align="right">Failed or refused</TableCell>
            </TableRow>
          </TableHead>
          <TableBody sx={runs.isPlaceholderData ? staleRowsSx : undefined}>
            {runs.data.items.map((run) => (
              <TableRow key={run.id}>
                <TableCell>
                  <Link
                    component={RouterLink}
                    to={`/runs/${encodeURIComponent(run.id)}`}
                    aria-label={uploadLinkName(
                      formatDateTime(run.createdAt),
                      run.direction,
                      runStatusText(run),
                    )}
                  >
                    {formatDateTime(run.createdAt)}
                  </Link>
                </TableCell>
                <TableCell>{directionTitles[run.direction]}</TableCell>
                <TableCell>{runStatusText(run)}</TableCell>
                <TableCell align="right">{run.counts.total}</TableCell>
                <TableCell align="right">{run.counts.failed + run.counts.refused}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Box>
        <ServerPagination
          total={runs.data.total}
          page={page}
          pageSize={pageSize}
          pageSizes={PAGE_SIZES}
          onPageChange={setPage}
          onPageSizeChange={setPageSize}
          isLoading={runs.isPlaceholderData}
        />
      </Box>
    </Paper>
  )
}
