/**
 * Retail POS signs no webhook (API-FACTS §2.11), so each store's subscriptions point at an
 * address only the app can make: its store id and a key derived from APP_SECRET_KEY. A delivery
 * to any other address is refused and records nothing. The key is no stored secret: it is made
 * again from the app's key whenever it is needed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

export function posWebhookKey(secretKey: string, storeId: number): string {
  return createHmac('sha256', secretKey).update(`pos-webhooks:${storeId}`).digest('base64url')
}

export function isPosWebhookKey(secretKey: string, storeId: number, key: string): boolean {
  const expected = Buffer.from(posWebhookKey(secretKey, storeId))
  const given = Buffer.from(key)

  return given.length === expected.length && timingSafeEqual(given, expected)
}
