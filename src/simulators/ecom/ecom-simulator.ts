/**
 * A local stand-in for eCom (Lightspeed E-Series, Ecwid REST API v3) and its admin page. It imports
 * nothing from the product: it stands for the outside world, so the app's connector is tested
 * against Ecwid's shapes and errors, not against our own assumptions.
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import { randomBytes } from 'node:crypto'
import { openDocStore } from '../shared/doc-store'
import { createFaultInjector, installFaultHooks } from '../shared/faults'
import { createRateLimiter } from '../shared/rate-limit'
import { renderAdminPage } from './ecom-admin-page'
import { BatchRunner } from './ecom-batch'
import { EcomCatalog, type EcomEvent } from './ecom-catalog'
import { authenticate, createStoreEntry, tokenOf, type StoreEntry } from './ecom-context'
import { EcwidError, errorBodyForStatus } from './ecom-errors'
import { MIN_CLIENT_SECRET_LENGTH, encryptPayload } from './ecom-payload'
import { registerProductRoutes } from './ecom-product-routes'
import type { EcomStoreConfig } from './ecom-profile'
import { seedStore } from './ecom-seed'
import { registerSimRoutes } from './ecom-sim-routes'
import { registerStoreRoutes } from './ecom-store-routes'
import { assertWebhookUrl, createEcomWebhooks } from './ecom-webhooks'

export interface EcomSimulatorOptions {
  dataFile: string
  stores: EcomStoreConfig[]
  clientSecret: string
  /** Where the app is served; the admin page embeds `${appUrl}/?payload=...`. */
  appUrl: string
  seed: 'demo' | 'none'
  rateLimit?: { enabled: boolean; timeScale: number; limit?: number }
  logger?: boolean
  /** Every catalog and order event, as it happens (seeding included). */
  onEvent?: (event: EcomEvent) => void
  /**
   * The app's webhook URL: every event of every store is POSTed there, signed with clientSecret.
   * Without it nothing is sent until PUT /_sim/webhook sets one.
   */
  webhookUrl?: string
  /** Scales Ecwid's retry schedule (15 minutes × 0.0001 = 90 ms); default rateLimit.timeScale. */
  webhookTimeScale?: number
}

/** Ecwid's published limit: 600 requests per minute per token. */
export const ECWID_RATE_LIMIT = 600
const RATE_WINDOW_MS = 60_000
const MAX_EVENTS_KEPT = 1000
const API_PREFIX = '/api/v3/'
// A batch's sub-requests are the batch's, not new requests: no rate limit, no faults.
const INTERNAL_HEADER = 'x-ecom-sim-internal'

export function buildEcomSimulator(options: EcomSimulatorOptions): FastifyInstance {
  if (options.clientSecret.length < MIN_CLIENT_SECRET_LENGTH) {
    throw new Error(`clientSecret must have at least ${MIN_CLIENT_SECRET_LENGTH} characters`)
  }
  const app = Fastify({
    logger: options.logger ? { redact: ['req.headers.authorization'] } : false,
    bodyLimit: 25 * 1024 * 1024,
    // As the Retail POS simulator: closing drops open connections rather than waiting on them.
    forceCloseConnections: true,
  })
  if (options.webhookUrl) assertWebhookUrl(options.webhookUrl)
  const docs = openDocStore(options.dataFile)
  const internalSecret = randomBytes(16).toString('hex')
  const events: EcomEvent[] = []
  const webhooks = createEcomWebhooks({
    clientSecret: options.clientSecret,
    url: options.webhookUrl,
    timeScale: options.webhookTimeScale ?? options.rateLimit?.timeScale ?? 1,
  })
  // Seeding stands for a store that already existed: no webhooks for it.
  let seeding = false
  const emit = (event: EcomEvent) => {
    events.push(event)
    if (events.length > MAX_EVENTS_KEPT) events.shift()
    options.onEvent?.(event)
    if (!seeding) webhooks.deliver(event)
  }

  const stores = new Map<number, StoreEntry>(
    options.stores.map((config) => [
      config.storeId,
      createStoreEntry(new EcomCatalog(config.storeId, docs, emit), config),
    ]),
  )
  const seedAll = () => {
    seeding = true
    try {
      options.stores.forEach((config, index) => {
        const entry = stores.get(config.storeId)
        if (entry) seedStore(entry.catalog, index === 0)
      })
    } finally {
      seeding = false
    }
  }
  if (options.seed === 'demo') seedAll()

  const limiter = createRateLimiter({
    limit: options.rateLimit?.limit ?? ECWID_RATE_LIMIT,
    windowMs: RATE_WINDOW_MS,
    timeScale: options.rateLimit?.timeScale ?? 1,
    enabled: options.rateLimit?.enabled ?? true,
  })
  const faults = createFaultInjector()
  const isInternal = (request: FastifyRequest) =>
    request.headers[INTERNAL_HEADER] === internalSecret

  const batches = new BatchRunner(docs, async (storeId, item) => {
    const token = stores.get(storeId)?.config.token ?? ''
    const hasBody = item.method !== 'GET' && item.body !== undefined && item.body !== ''
    const response = await app.inject({
      method: item.method,
      url: `${API_PREFIX}${storeId}${item.path}`,
      headers: {
        authorization: `Bearer ${token}`,
        [INTERNAL_HEADER]: internalSecret,
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
      },
      ...(hasBody
        ? { payload: typeof item.body === 'string' ? item.body : JSON.stringify(item.body) }
        : {}),
    })

    return { statusCode: response.statusCode, body: response.body }
  })
  for (const storeId of stores.keys()) batches.resume(storeId)

  installFaultHooks(app, faults, {
    skip: (request) => !request.url.startsWith(API_PREFIX) || isInternal(request),
    errorBody: errorBodyForStatus,
  })
  installErrorHandling(app)

  void app.register(
    async (api) => {
      api.addContentTypeParser(
        /^(image\/.*|application\/octet-stream)$/,
        { parseAs: 'buffer' },
        (_request, body, done) => done(null, body),
      )
      api.addHook('onRequest', async (request, reply) => {
        if (!isInternal(request)) {
          const decision = limiter.hit(tokenOf(request) ?? `ip:${request.ip}`)
          if (!decision.allowed) {
            void reply.header('retry-after', String(decision.retryAfterSeconds))

            return reply.code(429).send(errorBodyForStatus(429))
          }
        }
        authenticate(request, stores)
      })
      registerProductRoutes(api)
      registerStoreRoutes(api, batches)
    },
    { prefix: `${API_PREFIX}:storeId` },
  )

  const openApp = (storeId: number, appState = '') => {
    const entry = stores.get(storeId)
    if (!entry) throw new Error(`unknown store ${storeId}`)
    const payload = encryptPayload(
      {
        store_id: storeId,
        access_token: entry.config.token,
        lang: 'en',
        view_mode: 'PAGE',
        public_token: entry.publicToken,
      },
      options.clientSecret,
    )
    const query = new URLSearchParams({
      payload,
      app_state: appState,
      'cache-killer': randomBytes(6).toString('hex'),
    })

    return { payload, iframeUrl: `${options.appUrl.replace(/\/+$/, '')}/?${query.toString()}` }
  }

  registerSimRoutes(app, {
    stores,
    faults,
    limiter,
    events,
    webhooks,
    defaultSeed: options.seed,
    openApp,
    reset: async (seed) => {
      batches.stop()
      await batches.idle()
      for (const entry of stores.values()) {
        entry.catalog.clear()
        entry.catalog.allowsDuplicateSkus = false
      }
      batches.restart()
      faults.clear()
      limiter.reset()
      events.length = 0
      webhooks.sender.clear()
      if (seed === 'demo') seedAll()
    },
  })

  app.get<{ Querystring: { store?: string; app_state?: string } }>('/', async (request, reply) => {
    const all = options.stores.map(({ storeId, name }) => ({ storeId, name }))
    const current = all.find((store) => String(store.storeId) === request.query.store) ?? all[0]
    if (!current) return reply.code(404).type('text/plain').send('No store is configured')
    const { iframeUrl } = openApp(current.storeId, request.query.app_state)

    return reply
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(renderAdminPage({ stores: all, current, iframeUrl }))
  })

  app.addHook('preClose', async () => {
    webhooks.sender.stop()
    batches.stop()
    await batches.idle()
  })
  app.addHook('onClose', async () => docs.close())

  return app
}

/** Every error leaves in Ecwid's shape, {errorMessage, errorCode}, with Ecwid's status. */
function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof EcwidError) return reply.code(error.status).send(error.toBody())
    const status = (error as { statusCode?: number }).statusCode ?? 500
    if (status === 415) {
      return reply
        .code(415)
        .send({ errorMessage: 'Unsupported content type', errorCode: 'WRONG_PARAMETER' })
    }
    if (status >= 400 && status < 500) {
      const message = error instanceof Error ? error.message : 'Bad request'

      return reply.code(status).send({ errorMessage: message, errorCode: 'WRONG_PARAMETER' })
    }
    request.log.error({ err: error }, 'eCom simulator failed')

    return reply.code(500).send(errorBodyForStatus(500))
  })

  app.setNotFoundHandler((request, reply) => {
    const inApi = request.url.startsWith(API_PREFIX)

    return reply
      .code(404)
      .send(
        inApi
          ? { errorMessage: `Resource not found: ${request.method} ${request.url.split('?')[0]}` }
          : { error: 'not found' },
      )
  })
}
