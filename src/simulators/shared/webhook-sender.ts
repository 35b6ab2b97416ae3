/**
 * Delivers a simulator's webhooks the way the real platforms do: a POST per event, acknowledged or
 * not within a timeout, and retried on the platform's schedule until it is acknowledged or the
 * retries run out. The schedule is the published one, multiplied by a time scale, so a test can
 * watch a retry in milliseconds that the real platform makes after fifteen minutes. Each
 * simulator builds the request (body, headers, signature); this module only sends and records.
 */
import type { FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'

export interface WebhookRequest {
  url: string
  headers: Record<string, string>
  body: string
}

export interface DeliveryAttempt {
  at: string
  /** The receiver's status, when it answered at all. */
  status?: number
  /** Why no acknowledgement came: a timeout, a refused connection. */
  error?: string
  durationMs: number
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'

export interface Delivery {
  id: string
  /** What the simulator says it is, e.g. { eventType, storeId } or { type, retailerId }. */
  meta: Record<string, unknown>
  url: string
  headers: Record<string, string>
  body: string
  status: DeliveryStatus
  createdAt: string
  attempts: DeliveryAttempt[]
  /** When the next attempt is due (ISO), while pending. */
  nextAttemptAt: string | null
}

export interface WebhookSenderOptions {
  /** Real-time waits before each retry, in order; their count is the number of retries. */
  retryDelaysMs: readonly number[]
  /** 1 = the published schedule; 0.0001 turns a 15-minute wait into 90 ms. */
  timeScale: number
  /** How long the receiver has to answer an attempt. */
  timeoutMs: number
  isDelivered: (status: number) => boolean
  /** Deliveries in flight at once; the rest wait their turn. */
  maxConcurrent?: number
  /** How many deliveries are kept for GET /_sim/webhooks/deliveries. */
  maxKept?: number
}

export interface WebhookSender {
  send(request: WebhookRequest, meta: Record<string, unknown>): Delivery
  list(filter?: { status?: DeliveryStatus }): Delivery[]
  /** Makes every pending delivery due now (a simulator control, not platform behaviour). */
  retryNow(): void
  configure(patch: { timeScale?: number }): void
  readonly timeScale: number
  /** Forgets every delivery and cancels pending retries. */
  clear(): void
  /** Cancels timers and in-flight requests; for closing the simulator. */
  stop(): void
}

// LIMITATION: deliveries and their pending retries live in memory, so a restart of a simulator
// drops them; neither platform guarantees delivery either, and the app's catch-up over the APIs
// is what must find what a webhook missed.
const DEFAULT_MAX_CONCURRENT = 8
const DEFAULT_MAX_KEPT = 1000

interface Entry {
  delivery: Delivery
  timer?: NodeJS.Timeout
  abort?: AbortController
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  let timeScale = options.timeScale
  let stopped = false
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT
  const maxKept = options.maxKept ?? DEFAULT_MAX_KEPT
  const entries = new Map<string, Entry>()
  const due: Entry[] = []
  let inFlight = 0

  function forgetOldest() {
    if (entries.size <= maxKept) return
    for (const [id, entry] of entries) {
      if (entries.size <= maxKept) return
      if (entry.delivery.status === 'pending') continue
      entries.delete(id)
    }
  }

  function schedule(entry: Entry, delayMs: number) {
    const wait = Math.max(0, Math.round(delayMs * timeScale))
    entry.delivery.nextAttemptAt = new Date(Date.now() + wait).toISOString()
    entry.timer = setTimeout(() => {
      entry.timer = undefined
      due.push(entry)
      pump()
    }, wait)
    entry.timer.unref?.()
  }

  function pump() {
    while (!stopped && inFlight < maxConcurrent && due.length > 0) {
      const entry = due.shift()
      if (!entry || !entries.has(entry.delivery.id)) continue
      inFlight += 1
      void attempt(entry).finally(() => {
        inFlight -= 1
        pump()
      })
    }
  }

  async function attempt(entry: Entry) {
    const { delivery } = entry
    const started = Date.now()
    const record: DeliveryAttempt = { at: new Date(started).toISOString(), durationMs: 0 }
    entry.abort = new AbortController()
    const timeout = setTimeout(() => entry.abort?.abort(), options.timeoutMs)
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        // A redirect is no acknowledgement: the platforms count 3xx as failed.
        redirect: 'manual',
        signal: entry.abort.signal,
      })
      record.status = response.status
      await response.arrayBuffer().catch(() => undefined)
    } catch (error) {
      record.error = entry.abort.signal.aborted
        ? `no answer within ${options.timeoutMs} ms`
        : describe(error)
    } finally {
      clearTimeout(timeout)
      entry.abort = undefined
    }
    record.durationMs = Date.now() - started
    delivery.attempts.push(record)
    if (stopped || !entries.has(delivery.id)) return

    if (record.status !== undefined && options.isDelivered(record.status)) {
      delivery.status = 'delivered'
      delivery.nextAttemptAt = null
      return
    }
    const retry = delivery.attempts.length - 1
    const delay = options.retryDelaysMs[retry]
    if (delay === undefined) {
      delivery.status = 'failed'
      delivery.nextAttemptAt = null
      return
    }
    schedule(entry, delay)
  }

  function clear() {
    for (const entry of entries.values()) {
      if (entry.timer) clearTimeout(entry.timer)
      entry.abort?.abort()
    }
    entries.clear()
    due.length = 0
  }

  return {
    send(request, meta) {
      const delivery: Delivery = {
        id: randomUUID(),
        meta,
        url: request.url,
        headers: request.headers,
        body: request.body,
        status: 'pending',
        createdAt: new Date().toISOString(),
        attempts: [],
        nextAttemptAt: new Date().toISOString(),
      }
      const entry: Entry = { delivery }
      entries.set(delivery.id, entry)
      forgetOldest()
      if (!stopped) {
        due.push(entry)
        pump()
      }

      return delivery
    },
    list(filter) {
      const all = [...entries.values()].map((entry) => entry.delivery)

      return filter?.status ? all.filter((d) => d.status === filter.status) : all
    },
    retryNow() {
      for (const entry of entries.values()) {
        if (entry.delivery.status !== 'pending' || !entry.timer) continue
        clearTimeout(entry.timer)
        entry.timer = undefined
        due.push(entry)
      }
      pump()
    },
    configure(patch) {
      if (patch.timeScale !== undefined) timeScale = patch.timeScale
    },
    get timeScale() {
      return timeScale
    },
    clear,
    stop() {
      stopped = true
      clear()
    },
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  if (cause?.code) return cause.code

  return error instanceof Error ? error.message : String(error)
}

/** Minutes to milliseconds, for writing schedules the way the platforms publish them. */
export const minutes = (values: readonly number[]) => values.map((m) => m * 60_000)

const deliveryFilter = z.object({ status: z.enum(['pending', 'delivered', 'failed']).optional() })
const timeScaleInput = z.object({ timeScale: z.number().nonnegative() })

/**
 * Simulator-only routes to watch and steer deliveries: GET (optionally ?status=), DELETE (forget
 * them all), POST …/retry (make pending retries due now), PUT …/time-scale.
 */
export function registerDeliveryRoutes(
  app: FastifyInstance,
  sender: WebhookSender,
  prefix = '/_sim',
) {
  app.get(`${prefix}/webhooks/deliveries`, async (request, reply) => {
    const parsed = deliveryFilter.safeParse(request.query ?? {})
    if (!parsed.success)
      return reply.code(400).send({ error: 'status must be pending, delivered or failed' })

    return { items: sender.list(parsed.data) }
  })

  app.delete(`${prefix}/webhooks/deliveries`, async () => {
    sender.clear()

    return { cleared: true }
  })

  app.post(`${prefix}/webhooks/retry`, async () => {
    sender.retryNow()

    return { pending: sender.list({ status: 'pending' }).length }
  })

  app.put(`${prefix}/webhooks/time-scale`, async (request, reply) => {
    const parsed = timeScaleInput.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send({ error: 'timeScale must be a number ≥ 0' })
    sender.configure(parsed.data)

    return { timeScale: sender.timeScale }
  })
}
