import { QueryClient } from '@tanstack/react-query'

import { isApiError } from './api-client'

const MAX_RETRIES = 2

function shouldRetry(failureCount: number, error: unknown) {
  // A 4xx will answer the same way again; only an unreachable or failing service is worth retrying.
  const isTransient = !isApiError(error) || error.status === 0 || error.status >= 500

  return isTransient && failureCount < MAX_RETRIES
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  })
}
