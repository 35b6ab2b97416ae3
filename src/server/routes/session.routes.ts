import type { FastifyInstance } from 'fastify'
import { createSessionBodySchema } from '../../contracts/api'
import { decryptEcomPayload, InvalidPayloadError } from '../auth/ecom-payload'
import { openSession, requireStore, setSessionCookie } from '../auth/sessions'
import { AppError } from '../errors'
import type { AppContext } from '../services/context'
import { describeSession } from '../services/describe-session'

export function registerSessionRoutes(api: FastifyInstance, ctx: AppContext) {
  api.post('/session', async (request, reply) => {
    const body = createSessionBodySchema.parse(request.body)
    let payload
    try {
      payload = decryptEcomPayload(body.payload, ctx.config.ecom.clientSecret)
    } catch (error) {
      if (error instanceof InvalidPayloadError) {
        throw new AppError(
          'INVALID_PAYLOAD',
          `eCom's payload was refused: ${error.message}. Reopen the app from your eCom admin.`,
          { status: 401 },
        )
      }
      throw error
    }
    const session = await openSession(ctx.db, ctx.box, payload)
    setSessionCookie(
      reply,
      session.secret,
      session.expiresAt,
      ctx.config.appUrl.startsWith('https:'),
    )
    ctx.connections.forget(payload.store_id)

    return describeSession(ctx, payload.store_id, payload.lang)
  })

  api.get('/session', async (request) => {
    const storeId = await requireStore(ctx.db, request)

    return describeSession(ctx, storeId)
  })
}
