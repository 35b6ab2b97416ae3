import type { FastifyInstance } from 'fastify'
import { sourceProductsQuerySchema } from '../../contracts/api'
import { requireStore } from '../auth/sessions'
import type { AppContext } from '../services/context'
import { listSourceProducts } from '../services/source-products'

export function registerSourceProductRoutes(api: FastifyInstance, ctx: AppContext) {
  api.get('/source-products', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const query = sourceProductsQuerySchema.parse(request.query)

    return listSourceProducts(ctx, storeId, query)
  })
}
