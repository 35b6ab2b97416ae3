/**
 * The BFF as a Fastify app built from its dependencies. It never listens: main.ts does, and
 * tests use inject().
 */
import cookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import Fastify, { LogController, type FastifyReply } from 'fastify'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { ZodError } from 'zod'
import { isUpstreamError } from '../connectors/shared/upstream-error'
import { API_PREFIX } from '../contracts/api'
import type { Logger } from './logger'
import { AppError } from './errors'
import { registerLinkRoutes } from './routes/links.routes'
import { registerPosConnectionRoutes } from './routes/pos-connection.routes'
import { registerRunActionRoutes } from './routes/run-actions.routes'
import { registerRunRoutes } from './routes/runs.routes'
import { registerSessionRoutes } from './routes/session.routes'
import { registerSourceProductRoutes } from './routes/source-products.routes'
import { registerStoreSettingsRoutes } from './routes/store-settings.routes'
import { registerWebhookRoutes } from './routes/webhooks.routes'
import { registerSupportRoutes } from './routes/support.routes'
import type { AppContext } from './services/context'
import { isPosNotConnected } from './services/pos-tokens'

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
    // A URL the router cannot read (a stray %, a bad encoding) answers in the API's error shape.
    frameworkErrors: (error, request, reply) =>
      void (reply as FastifyReply).code(400).send({
        error: {
          code: 'INVALID_REQUEST',
          message: `The request is not valid: ${error.message}`,
          requestId: request.id,
        },
      }),
  })

  await app.register(cookie)
  const csp = contentSecurityPolicy(ctx.config.frameAncestors)
  const isHttps = ctx.config.appUrl.startsWith('https:')
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id)
    // A page with a policy of its own (the Retail POS callback) keeps it.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', csp)
    reply.header('x-content-type-options', 'nosniff')
    // The app opens with eCom's payload in its URL; no request may carry it elsewhere.
    reply.header('referrer-policy', 'no-referrer')
    if (isHttps) reply.header('strict-transport-security', 'max-age=31536000')
    if (request.url.startsWith(API_PREFIX)) reply.header('cache-control', 'no-store')
  })
  // Text with a NUL character is never a product name, SKU or id, and PostgreSQL refuses it
  // with a server error; a body nested deeper than any of ours only costs stack. Both are bad
  // requests.
  app.addHook('preValidation', async (request) => {
    const problem = /%00/i.test(request.url)
      ? 'it contains a NUL character'
      : bodyProblem(request.body)
    if (problem) throw new AppError('INVALID_REQUEST', `The request is not valid: ${problem}.`)
  })
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode >= 500 || request.url.startsWith(API_PREFIX)) {
      request.log.debug(
        {
          method: request.method,
          url: request.routeOptions.url,
          status: reply.statusCode,
          ms: reply.elapsedTime,
        },
        'request',
      )
    }
  })

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          details: error.details,
          requestId: request.id,
        },
      })
    }
    if (error instanceof ZodError) {
      return reply.status(400).send({
        error: {
          code: 'INVALID_REQUEST',
          message:
            'The request is not valid: ' +
            error.issues.map((i) => `${i.path.join('.') || 'body'} ${i.message}`).join('; '),
          details: error.issues,
          requestId: request.id,
        },
      })
    }
    // Not a fault of Retail POS: the store has to connect it (again) first.
    if (isPosNotConnected(error)) {
      const { vendorCode, message } = error

      return reply.status(409).send({
        error: { code: vendorCode, message: `${message}.`, requestId: request.id },
      })
    }
    if (isUpstreamError(error)) {
      request.log.warn({ err: error.toJSON() }, 'upstream error answered as 502')

      return reply.status(502).send({
        error: { code: 'UPSTREAM_ERROR', message: error.message, requestId: request.id },
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
      registerPosConnectionRoutes(api, ctx)
      registerSourceProductRoutes(api, ctx)
      registerRunRoutes(api, ctx)
      registerLinkRoutes(api, ctx)
      registerWebhookRoutes(api, ctx)
      registerRunActionRoutes(api, ctx)
      registerSupportRoutes(api, ctx)
      registerStoreSettingsRoutes(api, ctx)
      api.setNotFoundHandler((request, reply) =>
        reply.status(404).send({
          error: {
            code: 'NOT_FOUND',
            message: `No such API route: ${request.method} ${request.url}`,
            requestId: request.id,
          },
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

      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: 'Not found', requestId: request.id } })
    })
  }

  return app
}

/**
 * Only the app's own origin serves its scripts and styles; images may come from the stores' CDNs.
 * The eCom admin (`ECOM_ADMIN_ORIGINS`) frames the app; nothing else may.
 */
export function contentSecurityPolicy(frameAncestors: string[]): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: https: http:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors 'self' ${frameAncestors.join(' ')}`,
  ].join('; ')
}

const MAX_BODY_DEPTH = 16

/** Walks a parsed body without recursion: too deep, or a NUL in any key or text. */
function bodyProblem(body: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: body, depth: 0 }]
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number }
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return 'it contains a NUL character'
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_BODY_DEPTH) return `it is nested more than ${MAX_BODY_DEPTH} levels deep`
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return 'it contains a NUL character'
      stack.push({ value: inner, depth: depth + 1 })
    }
  }

  return null
}
