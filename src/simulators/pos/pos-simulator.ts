/**
 * A local stand-in for the Retail POS (Lightspeed X-Series, Vend API 2.0/2.1) API: the endpoints
 * the app uses, with the documented shapes, version cursor, soft deletes and limits, kept in one
 * SQLite file so a restart finds the store as it was.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { openDocStore } from '../shared/doc-store'
import { BACK_OFFICE_HEADER } from './back-office'
import { registerCatalogRoutes } from './catalog.routes'
import { seedStore } from './demo-catalog'
import { registerImageRoutes } from './images.routes'
import { installErrorHandlers } from './pos-errors'
import { posRateLimitHook } from './pos-rate-limit'
import { PosStore } from './pos-store'
import { registerProductRoutes } from './products.routes'
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
}

export function buildPosSimulator(options: PosSimulatorOptions): FastifyInstance {
  const docs = openDocStore(options.dataFile)
  const store = new PosStore(docs)
  const publicUrl = options.publicUrl.replace(/\/+$/, '')
  const ctx = { store, publicUrl }
  if (store.isEmpty) store.transaction(() => seedStore(store, options.seed))

  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 * 1024 })
  installErrorHandlers(app)
  installAuth(app, options)
  options.extend?.(app)

  registerImageRoutes(app)
  registerProductRoutes(app, ctx)
  registerCatalogRoutes(app, ctx)
  registerSimControlRoutes(app, ctx, options.seed)
  app.addHook('onClose', async () => store.close())

  return app
}

/**
 * WORKAROUND(doc-store): each put computes `MAX(seq)` over the whole docs table, reading every
 * document (32 KB descriptions included) without an index, so loading 1,217 rows took 15 s and
 * 50,000 products would crawl. An index on seq makes it a lookup; doc-store.ts should own it.
 */
function installAuth(app: FastifyInstance, options: PosSimulatorOptions) {
  const expected = `bearer ${options.token}`
  const limit =
    (options.timeScale ?? 0) > 0
      ? posRateLimitHook({
          registers: options.registers ?? 1,
          timeScale: options.timeScale ?? 1,
          key: options.token,
        })
      : undefined

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/images/')) return
    const header = request.headers.authorization ?? ''
    if (header.toLowerCase() !== expected.toLowerCase() || header.slice(7) !== options.token) {
      return reply.code(401).send({ error: 'Access token is not valid' })
    }
    if (!request.url.startsWith('/api/') || request.headers[BACK_OFFICE_HEADER]) return
    for (const hook of [limit, options.onRequest]) {
      if (!hook) continue
      await hook(request, reply)
      if (reply.sent) return reply
    }
  })
}
