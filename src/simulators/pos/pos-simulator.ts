/**
 * A local stand-in for the Retail POS (Lightspeed X-Series, Vend API 2.0/2.1) API: the endpoints
 * the app uses, with the documented shapes, version cursor, soft deletes and limits, sales,
 * webhooks and OAuth, kept in one SQLite file so a restart finds the store as it was.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { openDocStore } from '../shared/doc-store'
import { createFaultInjector, installFaultHooks, registerFaultRoutes } from '../shared/faults'
import { registerDeliveryRoutes } from '../shared/webhook-sender'
import { BACK_OFFICE_HEADER } from './back-office'
import { registerCatalogRoutes } from './catalog.routes'
import { seedStore } from './demo-catalog'
import { registerImageRoutes } from './images.routes'
import { ensurePaymentTypes } from './payment-types'
import { errorBodyForStatus, installErrorHandlers } from './pos-errors'
import {
  DEFAULT_TOKEN_TTL_SECONDS,
  DEMO_OAUTH_CLIENT,
  installOAuth,
  type OAuthClient,
  type PosOAuth,
} from './pos-oauth'
import { createPosRateLimit, registerRateLimitRoutes, type PosRateLimit } from './pos-rate-limit'
import { PosStore } from './pos-store'
import { installWebhooks } from './pos-webhooks'
import { registerProductRoutes } from './products.routes'
import { ensureOwner, ensureRegisters } from './registers-users'
import { registerSaleRoutes } from './sales.routes'
import { registerSimControlRoutes } from './sim-control.routes'

export type PosRequestHook = (request: FastifyRequest, reply: FastifyReply) => unknown

export interface PosSimulatorOptions {
  dataFile: string
  token: string
  /** 'demo' seeds the demo catalog into an empty store; a store with data is left as it is. */
  seed: 'demo' | 'none'
  /** Where clients reach the simulator; image URLs in products are built on it. */
  publicUrl: string
  logger?: boolean
  /** 1 = the real 300-second windows, 0.01 = 100× shorter; 0 or absent = no rate limit. */
  timeScale?: number
  /** Registers of the simulated store; the limit is 300 × registers + 50 per window. */
  registers?: number
  /**
   * Hook point for rate limiting and fault injection: runs on every /api request after the bearer
   * check (and after the built-in limit). Reply (e.g. 429) to stop the request there.
   */
  onRequest?: PosRequestHook
  /** Second hook point: receives the app after auth and before the routes, e.g. for fault hooks. */
  extend?: (app: FastifyInstance) => void
  /** Apps that may connect over OAuth; by default the demo client (pos-ecom-sync-demo). */
  oauthClients?: OAuthClient[]
  /** Lifetime of issued access tokens; about a day unless a test shortens it. */
  oauthTokenTtlSeconds?: number
  /**
   * Scales the webhook retry schedule (1 minute × 0.001 = 60 ms); default timeScale, or 1 when
   * rate limits are off.
   */
  webhookTimeScale?: number
}

/** Paths a client reaches without a bearer token: the image CDN and the OAuth endpoints. */
const PUBLIC_PATHS = ['/connect', '/api/1.0/token']

export function buildPosSimulator(options: PosSimulatorOptions): FastifyInstance {
  const docs = openDocStore(options.dataFile)
  const store = new PosStore(docs)
  const publicUrl = options.publicUrl.replace(/\/+$/, '')
  const ctx = { store, publicUrl }
  store.quietly(() => {
    if (store.isEmpty) seedStore(store, options.seed)
    ensureRegisters(store)
    ensureOwner(store)
    ensurePaymentTypes(store)
  })

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 16 * 1024 * 1024,
    // Closing drops the connections still open, as a server going away does: a client waiting on
    // an answer (the app's paced sync) must not keep `npm start` from stopping.
    forceCloseConnections: true,
  })
  const timeScale = options.timeScale ?? 0
  const rate = createPosRateLimit({ registers: options.registers ?? 1, timeScale })
  const faults = createFaultInjector()
  installErrorHandlers(app)
  const oauth = installOAuth(app, {
    docs,
    store,
    clients: options.oauthClients ?? [DEMO_OAUTH_CLIENT],
    ttlSeconds: options.oauthTokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
  })
  installAuth(app, options, oauth, rate)
  installFaultHooks(app, faults, {
    skip: (request) =>
      !request.url.startsWith('/api/') || Boolean(request.headers[BACK_OFFICE_HEADER]),
    errorBody: errorBodyForStatus,
  })
  options.extend?.(app)

  const webhooks = installWebhooks(app, {
    docs,
    store,
    timeScale: options.webhookTimeScale ?? (timeScale > 0 ? timeScale : 1),
  })
  registerImageRoutes(app)
  registerProductRoutes(app, ctx)
  registerCatalogRoutes(app, ctx)
  registerSaleRoutes(app, ctx)
  registerSimControlRoutes(app, ctx, options.seed, () => {
    faults.clear()
    rate.limiter.reset()
    webhooks.sender.clear()
  })
  registerFaultRoutes(app, faults, '/_sim')
  registerRateLimitRoutes(app, rate)
  registerDeliveryRoutes(app, webhooks.sender, '/_sim')
  app.addHook('preClose', async () => webhooks.sender.stop())
  app.addHook('onClose', async () => store.close())

  return app
}

/**
 * Every request but the public paths needs `Authorization: Bearer <token>`: the personal token, or
 * an access token issued over OAuth that has not expired. API requests then meet the rate limit
 * and the onRequest hook; the merchant's back office (the CSV loader) meets neither.
 */
function installAuth(
  app: FastifyInstance,
  options: PosSimulatorOptions,
  oauth: PosOAuth,
  rate: PosRateLimit,
) {
  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    if (path.startsWith('/images/') || PUBLIC_PATHS.includes(path)) return
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1]
    const verdict = token === options.token ? 'valid' : oauth.check(token)
    if (verdict !== 'valid') {
      const error = verdict === 'expired' ? 'Access token has expired' : 'Access token is not valid'

      return reply.code(401).send({ error })
    }
    if (!path.startsWith('/api/') || request.headers[BACK_OFFICE_HEADER]) return
    for (const hook of [rate.hook, options.onRequest]) {
      if (!hook) continue
      await hook(request, reply)
      if (reply.sent) return reply
    }
  })
}
