import formbody from '@fastify/formbody'
import type { FastifyInstance } from 'fastify'
import type { AppContext } from '../services/context'
import { receiveEcomWebhook, receivePosWebhook } from '../services/ongoing/webhook-intake'

/**
 * Webhooks from both sides, outside the session (senders have none): recorded, then answered
 * 200 at once; the ongoing sync's worker does the work.
 */
export function registerWebhookRoutes(api: FastifyInstance, ctx: AppContext) {
  // Retail POS posts form-encoded `payload=<json>` (API-FACTS §2.11); the form parser is
  // registered for this route only, so no other route accepts forms.
  // LIMITATION: Retail POS signs nothing and the URL carries no secret token, so anyone can post
  // here; a forged delivery only makes the app read a linked product again over the API, and
  // nothing is written to eCom that Retail POS itself did not answer.
  void api.register(async (scope) => {
    await scope.register(formbody)
    scope.post('/webhooks/pos', async (request, reply) => {
      const fields = isRecord(request.body) ? request.body : {}
      const query = isRecord(request.query) ? request.query : {}
      const { recorded } = await receivePosWebhook(ctx, fields, query)

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
