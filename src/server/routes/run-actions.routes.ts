import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { retryRunBodySchema, startRunBodySchema } from '../../contracts/api'
import { requireStore } from '../auth/sessions'
import { notFound } from '../errors'
import type { AppContext } from '../services/context'
import { previewRun } from '../services/preview-run'
import { cancelRun, retryRun } from '../services/run-actions'
import { exportRunProblems } from '../services/run-export'

const runParamsSchema = z.object({ id: z.string().uuid() })

function runIdOf(params: unknown) {
  const parsed = runParamsSchema.safeParse(params)
  if (!parsed.success) throw notFound('This upload')

  return parsed.data.id
}

/** Before a run (preview) and after it started (retry, cancel, export of its problems). */
export function registerRunActionRoutes(api: FastifyInstance, ctx: AppContext) {
  api.post('/runs/preview', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const body = startRunBodySchema.parse(request.body)

    return previewRun(ctx, storeId, body)
  })

  api.post('/runs/:id/retry', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const runId = runIdOf(request.params)
    const body = retryRunBodySchema.parse(request.body ?? {})

    return retryRun(ctx, storeId, runId, body.itemIds)
  })

  api.post('/runs/:id/cancel', async (request) => {
    const storeId = await requireStore(ctx.db, request)
    const runId = runIdOf(request.params)

    return cancelRun(ctx, storeId, runId)
  })

  api.get('/runs/:id/export.csv', async (request, reply) => {
    const storeId = await requireStore(ctx.db, request)
    const runId = runIdOf(request.params)
    const file = await exportRunProblems(ctx, storeId, runId)

    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.stream)
  })
}
