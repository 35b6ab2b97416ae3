/**
 * X-Series rate limiting on top of the shared limiter [X4]: 300 × registers + 50 requests per
 * 300 s, X-RateLimit-Limit/-Remaining on every API answer, and on a breach a 429 with
 * `Retry-After` as an HTTP date (plus the date in the body, where the ShoppinPal SDK read it).
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { createRateLimiter } from '../shared/rate-limit'

const WINDOW_MS = 300_000

export function posRateLimitHook(options: { registers: number; timeScale: number; key: string }) {
  const limiter = createRateLimiter({
    limit: 300 * options.registers + 50,
    windowMs: WINDOW_MS,
    timeScale: options.timeScale,
  })

  return async (_request: FastifyRequest, reply: FastifyReply) => {
    const decision = limiter.hit(options.key)
    void reply.header('x-ratelimit-limit', String(decision.limit))
    void reply.header('x-ratelimit-remaining', String(decision.remaining))
    if (decision.allowed) return

    const retryAt = new Date(Date.now() + decision.retryAfterSeconds * 1000).toUTCString()

    return reply.code(429).header('retry-after', retryAt).send({
      error: 'Too Many Requests',
      message: 'Rate limiting enforced',
      'retry-after': retryAt,
    })
  }
}
