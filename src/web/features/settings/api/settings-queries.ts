import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'

import {
  apiPaths,
  type SaveStoreSettingsBody,
  storeSettingsSavedSchema,
  storeSettingsSchema,
} from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'
import { linkQueries } from '../../links/api/link-queries'
import { sessionQueries } from '../../session/api/session-queries'

type CallOptions = { signal?: AbortSignal | undefined }

export function fetchStoreSettings({ signal }: CallOptions = {}) {
  return apiClient.get(apiPaths.storeSettings, storeSettingsSchema, { signal })
}

export function saveStoreSettings(body: SaveStoreSettingsBody) {
  return apiClient.put(apiPaths.storeSettings, storeSettingsSavedSchema, body)
}

export const settingsQueries = {
  all: () => ['store-settings'] as const,
  current: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'current'],
      queryFn: ({ signal }) => fetchStoreSettings({ signal }),
    }),
}

/** Saves the store's settings; the page shows them as saved, the linked products as re-synced. */
export function useSaveStoreSettings() {
  const queryClient = useQueryClient()

  return useMutation({
    mutationFn: saveStoreSettings,
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsQueries.current().queryKey, saved.settings)
      // The session carries the settings' problems, shown on the Linked products page.
      await queryClient.invalidateQueries({ queryKey: sessionQueries.all() })
      if (saved.recounting > 0) {
        await queryClient.invalidateQueries({ queryKey: linkQueries.all() })
      }
    },
  })
}
