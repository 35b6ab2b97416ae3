import { useMutation, useQueryClient } from '@tanstack/react-query'

import { disconnectPos } from './pos-connection-api'
import { sessionQueries } from './session-queries'

/** Forgets the store's Retail POS connection; the session then says it is not connected. */
export function useDisconnectPos() {
  const queryClient = useQueryClient()

  return useMutation({
    mutationFn: disconnectPos,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionQueries.all() }),
  })
}
