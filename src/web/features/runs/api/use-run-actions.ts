import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'

import { apiPaths, runSchema, type RetryRunBody, type Run } from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'
import { runQueries } from './run-queries'

export function retryRun(runId: string, body: RetryRunBody) {
  return apiClient.post(apiPaths.runRetry(runId), runSchema, body)
}

export function cancelRun(runId: string) {
  return apiClient.post(apiPaths.runCancel(runId), runSchema, {})
}

function applyRun(queryClient: QueryClient, run: Run) {
  queryClient.setQueryData(runQueries.detail(run.id).queryKey, run)

  void queryClient.invalidateQueries({ queryKey: runQueries.itemLists(run.id) })
  void queryClient.invalidateQueries({ queryKey: runQueries.lists() })
}

/** Puts failed items back in the queue: all of them, or the ones given. */
export function useRetryRun(runId: string) {
  const queryClient = useQueryClient()

  return useMutation({
    mutationFn: (itemIds?: string[]) => retryRun(runId, itemIds ? { itemIds } : {}),
    onSuccess: (run) => applyRun(queryClient, run),
  })
}

export function useCancelRun(runId: string) {
  const queryClient = useQueryClient()

  return useMutation({
    mutationFn: () => cancelRun(runId),
    onSuccess: (run) => applyRun(queryClient, run),
  })
}
