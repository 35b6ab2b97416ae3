import Box from '@mui/material/Box'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { Link as RouterLink } from 'react-router'

import { LoadingState } from '../../../components/loading-state'
import { QueryErrorAlert } from '../../../components/query-error-alert'
import { directionTitles } from '../../../lib/direction-labels'
import { formatDateTime } from '../../../lib/format'
import { runQueries } from '../api/run-queries'
import { RunProgress } from './run-progress'

export type RunStatusPanelProps = { runId: string }

/** The newest upload, followed on the Listed page until it completes. */
export function RunStatusPanel({ runId }: RunStatusPanelProps) {
  const run = useQuery(runQueries.detail(runId))

  return (
    <Paper
      component="section"
      variant="outlined"
      aria-labelledby="sync-status-heading"
      sx={{ p: 2 }}
    >
      <Typography id="sync-status-heading" variant="h6" component="h2">
        Sync status
      </Typography>
      {run.isPending && <LoadingState label="Loading the upload…" />}
      {run.isError && (
        <QueryErrorAlert error={run.error} what="the upload" onRetry={() => void run.refetch()} />
      )}
      {run.data && (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {directionTitles[run.data.direction]} · started {formatDateTime(run.data.createdAt)}
          </Typography>
          <RunProgress run={run.data} />
          <Box sx={{ mt: 1.5 }}>
            <Link component={RouterLink} to={`/runs/${encodeURIComponent(run.data.id)}`}>
              View upload details
            </Link>
          </Box>
        </>
      )}
    </Paper>
  )
}
