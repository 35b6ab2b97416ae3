/**
 * Subscribes the app to the Retail POS webhooks it uses as hints (product.update,
 * inventory.update), once per Retail POS account, pointing at POST /api/webhooks/pos?type=…. A
 * subscription already there (same type and URL) is kept.
 */
import type { PosClient } from '../connections'
import type { AppContext } from '../context'

const HINT_TYPES = ['product.update', 'inventory.update'] as const

interface WebhookApi {
  listWebhooks(): Promise<unknown>
  createWebhook(body: { url: string; active: boolean; type: string }): Promise<unknown>
}

/**
 * True when every hint type is subscribed; false when the connector cannot manage webhooks (the
 * catch-up over the version cursor then still finds every change, a catch-up interval later).
 */
export async function ensurePosWebhooks(ctx: AppContext, pos: PosClient): Promise<boolean> {
  const api = pos as unknown as Partial<WebhookApi>

  if (typeof api.listWebhooks !== 'function' || typeof api.createWebhook !== 'function')
    return false

  // The type rides in the URL: a delivery's form fields do not reliably name it.
  const urlFor = (type: string) => `${ctx.config.appUrl}/api/webhooks/pos?type=${type}`
  const listed = await api.listWebhooks.call(pos)
  const items = Array.isArray(listed)
    ? listed
    : ((listed as { data?: unknown[] } | null)?.data ?? [])
  const existing = new Set(
    items.flatMap((item) => {
      const { url: at, type } = (item ?? {}) as { url?: unknown; type?: unknown }

      return typeof type === 'string' && at === urlFor(type) ? [type] : []
    }),
  )

  for (const type of HINT_TYPES) {
    if (!existing.has(type))
      await api.createWebhook.call(pos, { url: urlFor(type), active: true, type })
  }

  return true
}
