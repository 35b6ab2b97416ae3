import formbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { isPosWebhookKey } from '../auth/webhook-keys'
import { AppError } from '../errors'
import type { AppContext } from '../services/context'
import { receiveEcomWebhook, receivePosWebhook } from '../services/ongoing/webhook-intake'

/**
 * Webhooks from both sides, outside the session (senders have none): recorded, then answered
 * 200 at once; the ongoing sync's worker does the work.
 */
export function registerWebhookRoutes(api: FastifyInstance, ctx: AppContext) {
  // Retail POS posts form-encoded `payload=<json>` (API-FACTS §2.11); the form parser is
  // registered for this route only, so no other route accepts forms. Retail POS signs nothing,
  // so the address itself is the proof: the store's id and the key the app made for it
  // (auth/webhook-keys.ts), which only the store's own subscriptions carry.
  void api.register(async (scope) => {
    await scope.register(formbody)
    scope.post('/webhooks/pos/:storeId/:key', async (request, reply) => {
      const params = posWebhookParamsSchema.safeParse(request.params)

      if (
        !params.success ||
        !isPosWebhookKey(ctx.config.secretKey, params.data.storeId, params.data.key)
      ) {
        throw new AppError(
          'WEBHOOK_ADDRESS',
          'This webhook address was not given out by the app; nothing was recorded.',
          { status: 401 },
        )
      }

      const fields = isRecord(request.body) ? request.body : {}
      const query = isRecord(request.query) ? request.query : {}
      const { recorded } = await receivePosWebhook(ctx, params.data.storeId, fields, query)

      return reply.status(200).send({ received: true, recorded })
    })
  })

  api.post('/webhooks/ecom', async (request, reply) => {
    const signature = request.headers['x-ecwid-webhook-signature']
    const { recorded } = await receiveEcomWebhook(
      ctx,
      request.body,
      Array.isArray(signature) ? signature[0] : signature,
    )

    return reply.status(200).send({ received: true, recorded })
  })
}

const posWebhookParamsSchema = z.object({
  storeId: z.coerce.number().int().positive(),
  key: z.string().min(1).max(100),
})

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
