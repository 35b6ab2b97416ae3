import { http, HttpResponse } from 'msw'

import {
  apiPaths,
  saveStoreSettingsBodySchema,
  type StoreSettings,
  type StoreSettingsSaved,
} from '../../../../contracts/api'
import { db } from '../db'
import { errorResponse } from '../http-error'

/** The store's settings as the BFF keeps them: checked against the mock store's options. */
export const storeSettingsHandlers = [
  http.get(apiPaths.storeSettings, () => {
    if (db.session.posConnection.status !== 'connected') {
      return errorResponse(409, 'POS_NOT_CONNECTED', 'Retail POS is not connected to this store.')
    }

    return HttpResponse.json<StoreSettings>(db.settings)
  }),

  http.put(apiPaths.storeSettings, async ({ request }) => {
    const body = saveStoreSettingsBodySchema.safeParse(await request.json())
    if (!body.success) return errorResponse(400, 'INVALID_REQUEST', 'The request is not valid.')

    const { onlineOutletId, stockOutletIds, ecomPaymentTypeId } = body.data
    const outletIds = new Set(db.settings.outlets.map((o) => o.id))
    const unknown = [onlineOutletId, ...(Array.isArray(stockOutletIds) ? stockOutletIds : [])]
      .filter((id): id is string => id !== null)
      .find((id) => !outletIds.has(id))
    if (unknown !== undefined) {
      return errorResponse(
        400,
        'INVALID_SETTINGS',
        `The settings were not saved: Retail POS has no outlet ${unknown}.`,
      )
    }

    const before = JSON.stringify(db.settings.stockOutlets.ids)
    const stockIds = stockOutletIds ?? 'all'
    db.settings = {
      ...db.settings,
      onlineOutlet: {
        id: onlineOutletId ?? db.settings.outlets[0]?.id ?? null,
        source: onlineOutletId === null ? 'app' : 'store',
        problem: null,
      },
      stockOutlets: {
        ids: stockIds,
        source: stockOutletIds === null ? 'app' : 'store',
        problem: null,
      },
      ecomPaymentType: {
        id: ecomPaymentTypeId ?? db.settings.ecomPaymentType.id,
        source: ecomPaymentTypeId === null ? 'app' : 'store',
        problem: null,
      },
      updatedAt: new Date().toISOString(),
    }
    const recounting = before === JSON.stringify(stockIds) ? 0 : db.links.length

    return HttpResponse.json<StoreSettingsSaved>({ settings: db.settings, recounting })
  }),
]
