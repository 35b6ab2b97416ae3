/**
 * X-Series rate limiting on top of the shared limiter [X4]: 300 × registers + 50 requests per
 * 300 s per retailer, X-RateLimit-Limit/-Remaining on every API answer, and on a breach a 429
 * `{"error": "Too Many Requests", "message": "Rate limiting enforced"}` with `Retry-After` as an
 * HTTP date (and the same date in the body, where the ShoppinPal SDK read it [X9]).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { createRateLimiter, type RateLimiter } from '../shared/rate-limit'

const WINDOW_MS = 300_000

// One counter per retailer: the personal token and every OAuth token of the store share it.
// LIMITATION: [X4] also counts per application; with one app in play the two are the same.
const RETAILER_KEY = 'retailer'

export const limitFor = (registers: number) => 300 * registers + 50

export interface PosRateLimit {
  limiter: RateLimiter
  registers: number
  hook: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>
}

/** timeScale 0 turns enforcement off; the headers are still sent, as the real API always does. */
export function createPosRateLimit(options: {
  registers: number
  timeScale: number
}): PosRateLimit {
  const state: PosRateLimit = {
    registers: options.registers,
    limiter: createRateLimiter({
      limit: limitFor(options.registers),
      windowMs: WINDOW_MS,
      timeScale: options.timeScale > 0 ? options.timeScale : 1,
      enabled: options.timeScale > 0,
    }),
    hook: async (_request, reply) => {
      const decision = state.limiter.hit(RETAILER_KEY)
      void reply.header('x-ratelimit-limit', String(decision.limit))
      void reply.header('x-ratelimit-remaining', String(decision.remaining))
      if (decision.allowed) return

      // Rounded up to the whole second: an HTTP date has no milliseconds, and a client waiting
      // until a rounded-down date would come back before the window has reset.
      const retryAt = new Date(Math.ceil(decision.resetAt / 1000) * 1000).toUTCString()

      return reply.code(429).header('retry-after', retryAt).send({
        error: 'Too Many Requests',
        message: 'Rate limiting enforced',
        'retry-after': retryAt,
      })
    },
  }

  return state
}

const settingsInput = z.object({
  enabled: z.boolean().optional(),
  timeScale: z.number().positive().optional(),
  registers: z.number().int().positive().optional(),
})

/** Simulator-only: GET/POST /_sim/rate-limit, as on the eCom simulator, plus `registers`. */
export function registerRateLimitRoutes(app: FastifyInstance, rate: PosRateLimit) {
  const view = () => ({ ...rate.limiter.settings, registers: rate.registers })

  app.get('/_sim/rate-limit', async () => view())

  app.post('/_sim/rate-limit', async (request, reply) => {
    const parsed = settingsInput.safeParse(request.body ?? {})
    if (!parsed.success) return reply.code(400).send({ error: 'invalid rate-limit settings' })
    const { registers, ...settings } = parsed.data
    if (registers !== undefined) rate.registers = registers
    rate.limiter.configure({ ...settings, limit: limitFor(rate.registers) })

    return view()
  })
}
