/**
 * eCom's webhooks as Ecwid sends them [E4][E5]: one URL per app (for every store the app is
 * installed in), a JSON POST per event to `<url>?eventtype=<eventType>`, signed with
 * X-Ecwid-Webhook-Signature = base64(HMAC-SHA256(client secret, "<eventCreated>.<eventId>")),
 * and retried until the app acknowledges it. They fire for the app's own writes too.
 */
import { createHmac } from 'node:crypto'
import { createWebhookSender, minutes, type WebhookSender } from '../shared/webhook-sender'
import type { EcomEvent } from './ecom-catalog'

/** [E4]: these count as delivered; 203, 208 and every other status as failed. */
export const ECWID_DELIVERED = new Set([200, 201, 202, 204, 209])

/**
 * [E4]: about 27 retries over 24 hours, at 15, 30 and 45 minutes, 1 hour, then hourly to 24 hours.
 * The waits between them, as the sender takes them.
 */
export const ECWID_RETRY_DELAYS_MS = minutes([15, 15, 15, 15, ...Array<number>(23).fill(60)])

// LIMITATION: one 10-second limit per attempt; Ecwid's separate 3-second connect limit is not
// modelled, since a local receiver connects at once or refuses.
const ECWID_TIMEOUT_MS = 10_000

export function ecwidSignature(clientSecret: string, eventCreated: number, eventId: string) {
  return createHmac('sha256', clientSecret).update(`${eventCreated}.${eventId}`).digest('base64')
}

/** Ecwid takes ports 80, 443 and 1024–65535 [E1]; anything else is refused at once. */
export function assertWebhookUrl(raw: string) {
  const url = new URL(raw)
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`webhook URL must be http or https: ${raw}`)
  }
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
  if (port !== 80 && port !== 443 && port < 1024) {
    throw new Error(`webhook URL port must be 80, 443 or 1024-65535: ${raw}`)
  }
}

export interface EcomWebhooks {
  readonly sender: WebhookSender
  readonly url: string | undefined
  setUrl(url: string | undefined): void
  deliver(event: EcomEvent): void
}

export function createEcomWebhooks(options: {
  clientSecret: string
  url?: string
  timeScale: number
}): EcomWebhooks {
  let url = options.url
  const sender = createWebhookSender({
    retryDelaysMs: ECWID_RETRY_DELAYS_MS,
    timeScale: options.timeScale,
    timeoutMs: ECWID_TIMEOUT_MS,
    isDelivered: (status) => ECWID_DELIVERED.has(status),
  })

  return {
    sender,
    get url() {
      return url
    },
    setUrl(next) {
      url = next
    },
    deliver(event) {
      if (!url) return
      const target = new URL(url)
      target.searchParams.append('eventtype', event.eventType)
      const body = {
        eventId: event.eventId,
        eventCreated: event.eventCreated,
        storeId: event.storeId,
        entityId: event.entityId,
        eventType: event.eventType,
        ...(event.data ? { data: event.data } : {}),
      }
      sender.send(
        {
          url: target.toString(),
          headers: {
            'content-type': 'application/json; charset=UTF-8',
            'x-ecwid-webhook-signature': ecwidSignature(
              options.clientSecret,
              event.eventCreated,
              event.eventId,
            ),
          },
          body: JSON.stringify(body),
        },
        {
          eventId: event.eventId,
          eventType: event.eventType,
          storeId: event.storeId,
          entityId: event.entityId,
        },
      )
    },
  }
}
