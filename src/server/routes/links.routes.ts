import type { FastifyInstance } from 'fastify'
import { linksQuerySchema } from '../../contracts/api'
import { requireStore } from '../auth/sessions'
import type { AppContext } from '../services/context'
import { listLinkViews } from '../services/links'

export function registerLinkRoutes(api: FastifyInstance, ctx: AppContext) {
  api.get('/links', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const query = linksQuerySchema.parse(request.query)

    return listLinkViews(ctx, storeId, query)
  })
}
