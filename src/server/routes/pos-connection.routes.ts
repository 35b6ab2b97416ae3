import type { FastifyInstance } from 'fastify'
import { posConnectCallbackQuerySchema } from '../../contracts/api'
import { optionalStore, requireSession, requireStore } from '../auth/sessions'
import type { AppContext } from '../services/context'
import {
  describePosConnectionView,
  disconnectPos,
  finishPosConnect,
  startPosConnect,
} from '../services/pos-connection'
import { renderConnectPage } from './pos-connection-page'

/** The store's own Retail POS connection: its status, connect (X-Series OAuth), disconnect. */
export function registerPosConnectionRoutes(api: FastifyInstance, ctx: AppContext) {
  api.get('/pos-connection', async (request) => {
    const storeId = await requireStore(ctx.db, request)

    return describePosConnectionView(ctx, storeId)
  })

  api.post('/pos-connection/connect', async (request) => {
    const session = await requireSession(ctx.db, request)

    return startPosConnect(ctx, session)
  })

  api.post('/pos-connection/disconnect', async (request) => {
    const storeId = await requireStore(ctx.db, request)

    return disconnectPos(ctx, storeId)
  })

  // Outside the session: the state proves the store (the window may carry no cookie of ours).
  api.get('/pos-connection/callback', async (request, reply) => {
    const query = posConnectCallbackQuerySchema.safeParse(request.query)
    const outcome = await finishPosConnect(
      ctx,
      query.success ? query.data : {},
      await optionalStore(ctx.db, request),
    )
    const page = renderConnectPage(outcome)

    return reply
      .code(page.status)
      .header('content-security-policy', page.csp)
      .type('text/html; charset=utf-8')
      .send(page.html)
  })
}
