import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import type { QueryClient } from '@tanstack/react-query'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { Link as RouterLink, useLocation, useParams, type LoaderFunctionArgs } from 'react-router'

import { PageHeading } from '../../components/page-heading'
import { QueryErrorAlert } from '../../components/query-error-alert'
import { linkQueries } from '../../features/links/api/link-queries'
import { runQueries } from '../../features/runs/api/run-queries'
import { useRunFinished } from '../../features/runs/api/use-run-finished'
import { RunActions } from '../../features/runs/components/run-actions'
import { RunItemsTable } from '../../features/runs/components/run-items-table'
import { RunProgress } from '../../features/runs/components/run-progress'
import { isRunActive } from '../../features/runs/utils/run-status'
import { directionTitles } from '../../lib/direction-labels'
import { formatDateTime } from '../../lib/format'

export function createRunLoader(queryClient: QueryClient) {
  return async function runLoader({ params }: LoaderFunctionArgs) {
    await queryClient.ensureQueryData(runQueries.detail(params.id ?? ''))

    return null
  }
}

/** Why the merchant landed here instead of on a new upload (see upload.tsx). */
export type RunRouteState = { notice?: string } | null

export function RunRoute() {
  const runId = useParams().id ?? ''
  const notice = (useLocation().state as RunRouteState)?.notice
  const queryClient = useQueryClient()
  const run = useQuery(runQueries.detail(runId))

  const refreshAfterRun = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: runQueries.itemLists(runId) })
    void queryClient.invalidateQueries({ queryKey: linkQueries.all() })
  }, [queryClient, runId])
  useRunFinished(runId, refreshAfterRun)

  return (
    <Stack spacing={3}>
      <Box>
        <PageHeading>Sync status</PageHeading>
        {run.data && (
          <Typography color="text.secondary">
            {directionTitles[run.data.direction]} · started {formatDateTime(run.data.createdAt)}
          </Typography>
        )}
      </Box>
      {notice && <Alert severity="info">{notice}</Alert>}
      {run.isError && !run.data && (
        <QueryErrorAlert error={run.error} what="the upload" onRetry={() => void run.refetch()} />
      )}
      {run.data && (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <RunProgress run={run.data} />
          <Box sx={{ mt: 2 }}>
            <RunActions run={run.data} />
          </Box>
        </Paper>
      )}
      <RunItemsTable
        runId={runId}
        isPolling={isRunActive(run.data)}
        canRetry={run.data !== undefined && run.data.status !== 'cancelled'}
      />
      <Box sx={{ display: 'flex', gap: 3 }}>
        <Link component={RouterLink} to="/">
          Back to Listed on Lightspeed Retail
        </Link>
        <Link component={RouterLink} to="/runs">
          Upload history
        </Link>
      </Box>
    </Stack>
  )
}
