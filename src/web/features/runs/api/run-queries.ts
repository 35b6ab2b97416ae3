import { keepPreviousData, queryOptions } from '@tanstack/react-query'

import {
  apiPaths,
  runItemPageSchema,
  runPageSchema,
  runSchema,
  type RunItemsQuery,
} from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'
import { isRunActive } from '../utils/run-status'

const POLL_MS = 1_000

type CallOptions = { signal?: AbortSignal }
type PageQuery = { page: number; pageSize: number }

export function fetchRuns(query: PageQuery, { signal }: CallOptions = {}) {
  return apiClient.get(apiPaths.runs, runPageSchema, { query, signal })
}

export function fetchRun(runId: string, { signal }: CallOptions = {}) {
  return apiClient.get(apiPaths.run(runId), runSchema, { signal })
}

export function fetchRunItems(runId: string, query: RunItemsQuery, { signal }: CallOptions = {}) {
  return apiClient.get(apiPaths.runItems(runId), runItemPageSchema, { query, signal })
}

export const runQueries = {
  all: () => ['runs'] as const,
  lists: () => [...runQueries.all(), 'list'] as const,
  list: (query: PageQuery) =>
    queryOptions({
      queryKey: [...runQueries.lists(), query],
      queryFn: ({ signal }) => fetchRuns(query, { signal }),
      placeholderData: keepPreviousData,
    }),
  details: () => [...runQueries.all(), 'detail'] as const,
  detail: (runId: string) =>
    queryOptions({
      queryKey: [...runQueries.details(), runId],
      queryFn: ({ signal }) => fetchRun(runId, { signal }),
      refetchInterval: (query) => (isRunActive(query.state.data) ? POLL_MS : false),
      staleTime: POLL_MS,
    }),
  itemLists: (runId: string) => [...runQueries.detail(runId).queryKey, 'items'] as const,
  items: (runId: string, query: RunItemsQuery, isPolling: boolean) =>
    queryOptions({
      queryKey: [...runQueries.itemLists(runId), query],
      queryFn: ({ signal }) => fetchRunItems(runId, query, { signal }),
      placeholderData: keepPreviousData,
      refetchInterval: isPolling ? POLL_MS : false,
    }),
}
