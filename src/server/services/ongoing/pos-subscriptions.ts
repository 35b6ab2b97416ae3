/**
 * Subscribes each store's Retail POS account to the webhooks the app uses as hints
 * (product.update, inventory.update), pointing at the store's own keyed address
 * (POST /api/webhooks/pos/{storeId}/{key}?type=…, auth/webhook-keys.ts). A subscription already
 * there (same type and address) is kept; the app's subscriptions to any other address of its own
 * (an older one, without a key) are removed.
 */
import { posWebhookKey } from '../../auth/webhook-keys'
import type { PosClient } from '../connections'
import type { AppContext } from '../context'

const HINT_TYPES = ['product.update', 'inventory.update'] as const

interface WebhookApi {
  listWebhooks(): Promise<unknown>
  createWebhook(body: { url: string; active: boolean; type: string }): Promise<unknown>
  deleteWebhook?(id: string): Promise<unknown>
}

/** The address (path and query) a store's Retail POS delivers one type of webhook to. */
export function posWebhookPath(ctx: AppContext, storeId: number, type: string): string {
  const key = posWebhookKey(ctx.config.secretKey, storeId)

  return `/api/webhooks/pos/${storeId}/${key}?type=${encodeURIComponent(type)}`
}

/**
 * True when every hint type is subscribed; false when the connector cannot manage webhooks (the
 * catch-up over the version cursor then still finds every change, a catch-up interval later).
 */
export async function ensurePosWebhooks(
  ctx: AppContext,
  storeId: number,
  pos: PosClient,
): Promise<boolean> {
  const api = pos as unknown as Partial<WebhookApi>

  if (typeof api.listWebhooks !== 'function' || typeof api.createWebhook !== 'function')
    return false

  // The type rides in the URL: a delivery's form fields do not reliably name it.
  const urlFor = (type: string) => `${ctx.config.appUrl}${posWebhookPath(ctx, storeId, type)}`
  const ours = `${ctx.config.appUrl}/api/webhooks/pos`
  const listed = await api.listWebhooks.call(pos)
  const items = Array.isArray(listed)
    ? listed
    : ((listed as { data?: unknown[] } | null)?.data ?? [])
  const existing = new Set<string>()

  for (const item of items) {
    const { id, url: at, type } = (item ?? {}) as { id?: unknown; url?: unknown; type?: unknown }

    if (typeof type === 'string' && at === urlFor(type)) existing.add(type)
    else if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      (at.startsWith(`${ours}?`) || at.startsWith(`${ours}/${storeId}/`)) &&
      typeof api.deleteWebhook === 'function'
    ) {
      // The store's address without a key, or with a key made from an earlier APP_SECRET_KEY:
      // deliveries to it are refused now. (Other stores' addresses on a shared account stay.)
      await api.deleteWebhook.call(pos, id)
    }
  }

  for (const type of HINT_TYPES) {
    if (!existing.has(type))
      await api.createWebhook.call(pos, { url: urlFor(type), active: true, type })
  }

  return true
}
