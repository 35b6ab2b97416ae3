import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { pageQuerySchema, runItemsQuerySchema, startRunBodySchema } from '../../contracts/api'
import { requireStore } from '../auth/sessions'
import { notFound } from '../errors'
import type { AppContext } from '../services/context'
import { getRunView, listRunItemViews, listRunViews, startRun } from '../services/runs'

const runParamsSchema = z.object({ id: z.string().uuid() })

export function registerRunRoutes(api: FastifyInstance, ctx: AppContext) {
  api.post('/runs', async (request, reply) => {
    const storeId = await requireStore(ctx.db, request)
    const body = startRunBodySchema.parse(request.body)
    const run = await startRun(ctx, storeId, body)

    return reply.status(201).send(run)
  })

  api.get('/runs', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const query = pageQuerySchema.parse(request.query)

    return listRunViews(ctx, storeId, query)
  })

  api.get('/runs/:id', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const params = runParamsSchema.safeParse(request.params)
    const run = params.success ? await getRunView(ctx, storeId, params.data.id) : undefined
    if (!run) throw notFound('This upload')

    return run
  })

  api.get('/runs/:id/items', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const params = runParamsSchema.safeParse(request.params)
    const query = runItemsQuerySchema.parse(request.query)
    const items = params.success
      ? await listRunItemViews(ctx, storeId, params.data.id, query)
      : undefined
    if (!items) throw notFound('This upload')

    return items
  })
}
