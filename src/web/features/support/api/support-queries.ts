import { keepPreviousData, queryOptions } from '@tanstack/react-query'

import { apiPaths, supportSearchSchema } from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'

export function fetchSupportProducts(q: string, { signal }: { signal?: AbortSignal } = {}) {
  return apiClient.get(apiPaths.supportProducts, supportSearchSchema, { query: { q }, signal })
}

export const supportQueries = {
  all: () => ['support'] as const,
  products: (q: string) =>
    queryOptions({
      queryKey: [...supportQueries.all(), 'products', q],
      queryFn: ({ signal }) => fetchSupportProducts(q, { signal }),
      placeholderData: keepPreviousData,
      enabled: q !== '',
    }),
}
