import { queryOptions } from '@tanstack/react-query'

import { apiPaths, runPreviewSchema, type StartRunBody } from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'

export function fetchRunPreview(body: StartRunBody, { signal }: { signal?: AbortSignal } = {}) {
  return apiClient.post(apiPaths.runPreview, runPreviewSchema, body, { signal })
}

/** The preview writes nothing, so it is a query: loading, error and Retry come for free. */
export const previewQueries = {
  all: () => ['run-preview'] as const,
  preview: (body: StartRunBody) =>
    queryOptions({
      queryKey: [...previewQueries.all(), body],
      queryFn: ({ signal }) => fetchRunPreview(body, { signal }),
      // Each confirm step reads the catalogs as they are now.
      staleTime: 0,
      gcTime: 0,
      // What the merchant confirms is the answer on screen: coming back to the tab or the network
      // does not run the check again under their eyes (the upload checks every product anyway).
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    }),
}
