import { useMutation, useQueryClient } from '@tanstack/react-query'

import { apiPaths, runSchema, type StartRunBody } from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'
import { runQueries } from './run-queries'

export function startRun(body: StartRunBody) {
  return apiClient.post(apiPaths.runs, runSchema, body)
}

export function useStartRun() {
  const queryClient = useQueryClient()

  return useMutation({
    mutationFn: startRun,
    onSuccess: (run) => {
      queryClient.setQueryData(runQueries.detail(run.id).queryKey, run)

      void queryClient.invalidateQueries({ queryKey: runQueries.lists() })
    },
  })
}
