/**
 * Errors as API 2.0 sends them: a status and `{"error": "<message>"}`. Validation failures are
 * 422, as the 2.1 product endpoints and variant attributes document; the create endpoint documents
 * no error status, so it uses the same.
 */
import type { FastifyInstance } from 'fastify'
import type { z } from 'zod'

export class PosApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new PosApiError(404, `${what} not found`)

export const unprocessable = (message: string) => new PosApiError(422, message)

/** `variants[3].sku` from a zod path, so a client can tell which element was refused. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`,
    )
    .join('')
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${fieldPath(issue.path)}: ` : ''

  throw unprocessable(`${where}${issue?.message ?? 'invalid request body'}`)
}

export function installErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof PosApiError) {
      return reply.code(error.status).send({ error: error.message })
    }
    const status = (error as { statusCode?: number }).statusCode
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send({ error: (error as Error).message })
    }
    request.log.error(error)

    return reply.code(500).send({ error: 'Internal Server Error' })
  })

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `no route for ${request.method} ${request.url.split('?')[0]}` }),
  )
}

/** The body X-Series sends with a status it chose, for injected faults. */
export function errorBodyForStatus(status: number) {
  if (status === 429) return { error: 'Too Many Requests', message: 'Rate limiting enforced' }
  if (status === 401) return { error: 'Access token is not valid' }
  if (status === 403) return { error: 'permission denied' }
  if (status === 404) return { error: 'not found' }
  if (status === 503) return { error: 'Service Unavailable' }
  if (status >= 500) return { error: 'Internal Server Error' }

  return { error: `Request failed with status ${status}` }
}
