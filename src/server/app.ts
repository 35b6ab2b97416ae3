/**
 * The BFF as a Fastify app built from its dependencies. It never listens: main.ts does, and
 * tests use inject().
 */
import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import Fastify, { LogController } from 'fastify'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { ZodError } from 'zod'
import { API_PREFIX } from '../contracts/api'
import type { Logger } from './logger'
import { AppError } from './errors'
import { registerLinkRoutes } from './routes/links.routes'
import { registerRunActionRoutes } from './routes/run-actions.routes'
import { registerRunRoutes } from './routes/runs.routes'
import { registerSessionRoutes } from './routes/session.routes'
import { registerSourceProductRoutes } from './routes/source-products.routes'
import { registerWebhookRoutes } from './routes/webhooks.routes'
import { registerSupportRoutes } from './routes/support.routes'
import type { AppContext } from './services/context'

export interface BuildAppOptions {
  ctx: AppContext
  logger: Logger
  /** Folder of the built SPA; served at / when present. */
  webRoot?: string
}

export async function buildApp({ ctx, logger, webRoot }: BuildAppOptions) {
  const app = Fastify({
    loggerInstance: logger,
    genReqId: () => randomUUID(),
    bodyLimit: 256 * 1024,
    // Requests are logged once, at debug, by the onResponse hook below.
    logController: new LogController({ disableRequestLogging: true }),
  })

  await app.register(cookie)
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // The eCom admin frames the app; nothing else may.
    reply.header(
      'content-security-policy',
      `default-src 'self'; img-src 'self' data: https: http:; style-src 'self' 'unsafe-inline'; ` +
        `frame-ancestors 'self' ${ctx.config.frameAncestors.join(' ')}`,
    )
  })
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 500 || request.url.startsWith(API_PREFIX)) {
      request.log.debug(
        { method: request.method, url: request.routeOptions.url, status: reply.statusCode, ms: reply.elapsedTime },
        'request',
      )
    }
  })

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: { code: error.code, message: error.message, details: error.details, requestId: request.id },
      })
    }
    if (error instanceof ZodError) {
      return reply.status(400).send({
        error: {
          code: 'INVALID_REQUEST',
          message: 'The request is not valid: ' + error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; '),
          details: error.issues,
          requestId: request.id,
        },
      })
    }
    const status = (error as { statusCode?: number }).statusCode
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({
        error: { code: 'BAD_REQUEST', message: (error as Error).message, requestId: request.id },
      })
    }
    request.log.error({ err: error }, 'unhandled error')

    return reply.status(500).send({
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong on our side. Give support this reference: ' + request.id,
        requestId: request.id,
      },
    })
  })

  app.get('/healthz', async () => ({ ok: true }))
  await app.register(
    async (api) => {
      registerSessionRoutes(api, ctx)
      registerSourceProductRoutes(api, ctx)
      registerRunRoutes(api, ctx)
      registerLinkRoutes(api, ctx)
      registerWebhookRoutes(api, ctx)
      registerRunActionRoutes(api, ctx)
      registerSupportRoutes(api, ctx)
      api.setNotFoundHandler((request, reply) =>
        reply.status(404).send({
          error: { code: 'NOT_FOUND', message: `No such API route: ${request.method} ${request.url}`, requestId: request.id },
        }),
      )
    },
    { prefix: API_PREFIX },
  )

  if (webRoot && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: webRoot, index: ['index.html'] })
    // Client-side routes (/upload/…, /runs/…) load the SPA's shell.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith(API_PREFIX)) {
        return reply.type('text/html').sendFile('index.html')
      }

      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found', requestId: request.id } })
    })
  }

  return app
}
