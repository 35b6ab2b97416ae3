import type { FastifyInstance } from 'fastify'
import { saveStoreSettingsBodySchema } from '../../contracts/api'
import { requireStore } from '../auth/sessions'
import type { AppContext } from '../services/context'
import { describeStoreSettings, saveStoreSettings } from '../services/store-settings'

/** The store's Settings: which outlets stock eCom, serve its online store, and the eCom payment. */
export function registerStoreSettingsRoutes(api: FastifyInstance, ctx: AppContext) {
  api.get('/store-settings', async (request) => {
    const storeId = await requireStore(ctx.db, request)

    return describeStoreSettings(ctx, storeId)
  })

  api.put('/store-settings', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const body = saveStoreSettingsBodySchema.parse(request.body)

    return saveStoreSettings(ctx, storeId, body)
  })
}
