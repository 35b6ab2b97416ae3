/**
 * What a merchant does to a run once it exists: retry its failed items, or cancel it. Both keep
 * the rule that no two active runs of a store and direction work on the same product.
 */
import type { Run } from '../../contracts/api'
import { AppError, notFound } from '../errors'
import { cancelActiveRun, releaseClaims } from '../store/run-claims-store'
import { recordProductEvents } from '../store/product-events-store'
import { findRun, listFailedItems, requeueFailed, updateRun } from '../store/run-store'
import type { AppContext } from './context'
import { claimOrRefuse } from './run-claims'
import { getRunView } from './runs'

/**
 * Puts failed items back to pending (all of them, or the given ones) and the run back to running,
 * then wakes the worker. Refused items are not retried: the product must change first. Each
 * failure a retry replaces stays in the product's history, with the upstream's detail.
 */
export async function retryRun(
  ctx: AppContext,
  storeId: number,
  runId: string,
  itemIds?: string[],
): Promise<Run> {
  const run = await findRun(ctx.db, storeId, runId)
  if (!run) throw notFound('This upload')
  if (run.status === 'cancelled') {
    throw new AppError(
      'RUN_CANCELLED',
      'This upload was cancelled. Start a new upload for the products you still want to send.',
      { status: 409 },
    )
  }

  const retried = await ctx.db.transaction().execute(async (trx) => {
    const failed = await listFailedItems(trx, runId, itemIds)
    if (failed.length === 0) return 0
    await claimOrRefuse(trx, {
      storeId,
      direction: run.direction,
      runId,
      sourceIds: failed.map((item) => item.source_id),
    })
    await recordProductEvents(
      trx,
      failed.map((item) => {
        const [posId, ecomId] =
          run.direction === 'pos-to-ecom'
            ? [item.source_id, item.target_id]
            : [item.target_id, item.source_id]

        return {
          store_id: storeId,
          link_id: null,
          pos_product_id: posId,
          ecom_product_id: ecomId,
          at: item.updated_at,
          origin: 'earlier-attempt' as const,
          direction: run.direction,
          run_id: runId,
          outcome: 'failed' as const,
          summary: (JSON.parse(item.reasons) as string[]).join(' '),
          detail: item.detail,
        }
      }),
    )
    const count = await requeueFailed(
      trx,
      runId,
      failed.map((item) => item.id),
    )
    await updateRun(trx, runId, {
      status: 'running',
      message: null,
      waiting_until: null,
      finished_at: null,
    })

    return count
  })
  if (retried === 0) {
    throw new AppError('NOTHING_TO_RETRY', 'There is no failed product to retry in this upload.', {
      status: 409,
    })
  }
  ctx.worker.wake()
  ctx.log.info({ runId, storeId, retried }, 'run retried')

  return (await getRunView(ctx, storeId, runId)) as Run
}

/**
 * Cancels an active run: products not started yet stay pending and are never sent; a product
 * being written at this moment finishes first (the worker checks between products).
 */
export async function cancelRun(ctx: AppContext, storeId: number, runId: string): Promise<Run> {
  const run = await findRun(ctx.db, storeId, runId)
  if (!run) throw notFound('This upload')
  const cancelled = await cancelActiveRun(
    ctx.db,
    runId,
    'Cancelled. Products not started were not sent.',
  )
  if (!cancelled) {
    throw new AppError('RUN_NOT_ACTIVE', 'This upload has already finished.', { status: 409 })
  }
  await releaseClaims(ctx.db, runId)
  ctx.log.info({ runId, storeId }, 'run cancelled')

  return (await getRunView(ctx, storeId, runId)) as Run
}
