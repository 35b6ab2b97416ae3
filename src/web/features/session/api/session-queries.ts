import { queryOptions } from '@tanstack/react-query'

import { apiPaths, sessionSchema } from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'

type CallOptions = { signal?: AbortSignal | undefined }

export function fetchSession({ signal }: CallOptions = {}) {
  return apiClient.get(apiPaths.session, sessionSchema, { signal })
}

/** Trades the payload eCom hands the iframe for a session cookie (set by the BFF, httpOnly). */
export function createSession(payload: string, { signal }: CallOptions = {}) {
  return apiClient.post(apiPaths.session, sessionSchema, { payload }, { signal })
}

export const sessionQueries = {
  all: () => ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: [...sessionQueries.all(), 'current'],
      queryFn: ({ signal }) => fetchSession({ signal }),
      staleTime: 60_000,
    }),
}
