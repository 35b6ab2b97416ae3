/**
 * Routes under /_sim/ that belong to the simulator, not to Ecwid's API: faults, reset, rate-limit
 * settings, the non-unique SKUs setting, a fresh app payload, recent events, the webhook URL and
 * its deliveries. They need no
 * token: the simulator only ever runs locally, and tests in another process drive it through them.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { registerFaultRoutes, type FaultInjector } from '../shared/faults'
import type { RateLimiter } from '../shared/rate-limit'
import { registerDeliveryRoutes } from '../shared/webhook-sender'
import type { EcomEvent } from './ecom-catalog'
import type { StoreEntry } from './ecom-context'
import { assertWebhookUrl, type EcomWebhooks } from './ecom-webhooks'

export interface SimRouteDeps {
  stores: ReadonlyMap<number, StoreEntry>
  faults: FaultInjector
  limiter: RateLimiter
  events: readonly EcomEvent[]
  webhooks: EcomWebhooks
  reset: (seed: 'demo' | 'none') => Promise<void>
  defaultSeed: 'demo' | 'none'
  /** A fresh payload and the iframe URL eCom would open for the store. */
  openApp: (storeId: number, appState?: string) => { payload: string; iframeUrl: string }
}

const resetSchema = z.object({ seed: z.enum(['demo', 'none']).optional() }).optional()

const webhookSchema = z.object({
  url: z.string().url().nullable(),
  timeScale: z.number().nonnegative().optional(),
})

const skusSchema = z.object({ storeId: z.number().int().optional(), unique: z.boolean() })

const rateLimitSchema = z.object({
  enabled: z.boolean().optional(),
  timeScale: z.number().positive().optional(),
  limit: z.number().int().positive().optional(),
})

export function registerSimRoutes(app: FastifyInstance, deps: SimRouteDeps) {
  registerFaultRoutes(app, deps.faults, '/_sim')

  app.get('/_sim/health', async () => ({ ok: true, stores: [...deps.stores.keys()] }))

  app.post('/_sim/reset', async (request, reply) => {
    const parsed = resetSchema.safeParse(request.body ?? undefined)
    if (!parsed.success) return reply.code(400).send({ error: 'invalid reset body' })
    await deps.reset(parsed.data?.seed ?? deps.defaultSeed)

    return { reset: true }
  })

  app.get<{ Querystring: { storeId?: string; app_state?: string } }>(
    '/_sim/payload',
    async (request, reply) => {
      const storeId = Number(request.query.storeId ?? [...deps.stores.keys()][0])
      if (!deps.stores.has(storeId)) return reply.code(404).send({ error: 'unknown store' })

      return { storeId, ...deps.openApp(storeId, request.query.app_state) }
    },
  )

  app.get('/_sim/rate-limit', async () => deps.limiter.settings)

  app.post('/_sim/rate-limit', async (request, reply) => {
    const parsed = rateLimitSchema.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send({ error: 'invalid rate-limit settings' })
    deps.limiter.configure(parsed.data)

    return deps.limiter.settings
  })

  // Ecwid's "non-unique SKUs" setting of a store (the first when none is named): off, a SKU in
  // use is refused with 409 SKU_ALREADY_EXISTS; on, it is taken [E3].
  app.put('/_sim/skus', async (request, reply) => {
    const parsed = skusSchema.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send({ error: 'body must be {unique: boolean}' })
    const storeId = parsed.data.storeId ?? [...deps.stores.keys()][0]
    const entry = storeId === undefined ? undefined : deps.stores.get(storeId)
    if (!entry) return reply.code(404).send({ error: 'unknown store' })
    entry.catalog.allowsDuplicateSkus = !parsed.data.unique

    return { storeId, unique: parsed.data.unique }
  })

  app.get('/_sim/events', async () => ({ items: deps.events }))

  const webhookState = () => ({
    url: deps.webhooks.url ?? null,
    timeScale: deps.webhooks.sender.timeScale,
  })

  app.get('/_sim/webhook', async () => webhookState())

  // Where the app gets its webhooks: set (or null to stop) at run time, as eCom support would.
  app.put('/_sim/webhook', async (request, reply) => {
    const parsed = webhookSchema.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send({ error: 'body must be {url: string | null}' })
    try {
      if (parsed.data.url) assertWebhookUrl(parsed.data.url)
    } catch (error) {
      return reply.code(400).send({ error: (error as Error).message })
    }
    deps.webhooks.setUrl(parsed.data.url ?? undefined)
    if (parsed.data.timeScale !== undefined) {
      deps.webhooks.sender.configure({ timeScale: parsed.data.timeScale })
    }

    return webhookState()
  })

  registerDeliveryRoutes(app, deps.webhooks.sender, '/_sim')
}
