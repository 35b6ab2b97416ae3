import { keepPreviousData, queryOptions } from '@tanstack/react-query'

import {
  apiPaths,
  sourceProductPageSchema,
  type SourceProductsQuery,
} from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'

export function fetchSourceProducts(
  query: SourceProductsQuery,
  { signal }: { signal?: AbortSignal } = {},
) {
  return apiClient.get(apiPaths.sourceProducts, sourceProductPageSchema, { query, signal })
}

export const sourceProductQueries = {
  all: () => ['source-products'] as const,
  lists: () => [...sourceProductQueries.all(), 'list'] as const,
  list: (query: SourceProductsQuery) =>
    queryOptions({
      queryKey: [...sourceProductQueries.lists(), query],
      queryFn: ({ signal }) => fetchSourceProducts(query, { signal }),
      placeholderData: keepPreviousData,
    }),
}
