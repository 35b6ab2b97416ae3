import type { FastifyInstance } from 'fastify'
import { supportQuerySchema } from '../../contracts/api'
import { requireStore } from '../auth/sessions'
import type { AppContext } from '../services/context'
import { searchSupportProducts } from '../services/support'

export function registerSupportRoutes(api: FastifyInstance, ctx: AppContext) {
  api.get('/support/products', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const query = supportQuerySchema.parse(request.query)

    return searchSupportProducts(ctx, storeId, query.q)
  })
}
