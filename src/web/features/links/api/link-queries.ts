import { keepPreviousData, queryOptions } from '@tanstack/react-query'

import { apiPaths, linkPageSchema, type LinksQuery } from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'

export function fetchLinks(query: LinksQuery, { signal }: { signal?: AbortSignal } = {}) {
  return apiClient.get(apiPaths.links, linkPageSchema, { query, signal })
}

export const linkQueries = {
  all: () => ['links'] as const,
  lists: () => [...linkQueries.all(), 'list'] as const,
  list: (query: LinksQuery) =>
    queryOptions({
      queryKey: [...linkQueries.lists(), query],
      queryFn: ({ signal }) => fetchLinks(query, { signal }),
      placeholderData: keepPreviousData,
    }),
}
