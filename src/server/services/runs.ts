/** Starting uploads and reading their progress. The work itself is done by jobs/upload-worker.ts. */
import type { Run, RunItemPage, RunItemsQuery, RunPage, StartRunBody } from '../../contracts/api'
import { AppError } from '../errors'
import {
  addRunItems,
  countItems,
  findRun,
  insertRun,
  listItems,
  listRuns,
} from '../store/run-store'
import type { RunItemRow, RunRow } from '../store/schema'
import type { AppContext } from './context'
import { describeSession } from './describe-session'
import { claimOrRefuse } from './run-claims'
import { runPace } from './run-pace'

/**
 * Records a run and, for a picked selection, one item per product, then wakes the worker and
 * answers at once. An "all" selection is expanded by the worker, page by page.
 */
export async function startRun(ctx: AppContext, storeId: number, body: StartRunBody): Promise<Run> {
  const session = await describeSession(ctx, storeId)
  const blocker = session.blockers[0]
  if (blocker) throw new AppError(blocker.code, blocker.message, { status: 409 })

  const ids = body.selection.kind === 'ids' ? [...new Set(body.selection.ids)] : []
  const run = await ctx.db.transaction().execute(async (trx) => {
    const row = await insertRun(trx, {
      storeId,
      direction: body.direction,
      selection: body.selection,
    })
    // The same products from a second click or a second tab: 409 naming the run that has them.
    await claimOrRefuse(trx, {
      storeId,
      direction: body.direction,
      runId: row.id,
      sourceIds: body.selection.kind === 'ids' ? ids : 'all',
    })
    if (body.selection.kind === 'ids') {
      await addRunItems(
        trx,
        { id: row.id, storeId },
        ids.map((sourceId) => ({ sourceId, name: '', sku: '' })),
      )
    }

    return row
  })
  ctx.worker.wake()
  ctx.log.info(
    { runId: run.id, storeId, direction: run.direction, selection: body.selection.kind },
    'run started',
  )

  return (await getRunView(ctx, storeId, run.id)) as Run
}

function toRunView(row: RunRow, counts: Run['counts']): Run {
  return {
    id: row.id,
    direction: row.direction,
    status: row.status,
    counts,
    message: row.message,
    waitingUntil: row.status === 'waiting' ? row.waiting_until : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  }
}

const EMPTY_COUNTS = { total: 0, created: 0, linked: 0, failed: 0, refused: 0, pending: 0 }

export async function getRunView(ctx: AppContext, storeId: number, runId: string) {
  const row = await findRun(ctx.db, storeId, runId)
  if (!row) return undefined
  const counts = (await countItems(ctx.db, [row.id])).get(row.id) ?? EMPTY_COUNTS
  const view = toRunView(row, counts)
  if (!['queued', 'running', 'waiting'].includes(row.status)) return view
  const pace = await runPace(ctx.db, {
    id: row.id,
    createdAt: row.created_at,
    pending: counts.pending,
  })

  return { ...view, pace }
}

export async function listRunViews(
  ctx: AppContext,
  storeId: number,
  query: { page: number; pageSize: number },
): Promise<RunPage> {
  const { rows, total } = await listRuns(ctx.db, storeId, {
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  })
  const counts = await countItems(
    ctx.db,
    rows.map((r) => r.id),
  )

  return {
    items: rows.map((row) => toRunView(row, counts.get(row.id) ?? EMPTY_COUNTS)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}

function toItemView(row: RunItemRow) {
  return {
    id: row.id,
    sourceId: row.source_id,
    name: row.name,
    sku: row.sku,
    status: row.status,
    targetId: row.target_id,
    reasons: JSON.parse(row.reasons) as string[],
    updatedAt: row.updated_at,
  }
}

export async function listRunItemViews(
  ctx: AppContext,
  storeId: number,
  runId: string,
  query: RunItemsQuery,
): Promise<RunItemPage | undefined> {
  const run = await findRun(ctx.db, storeId, runId)
  if (!run) return undefined
  const { rows, total } = await listItems(ctx.db, runId, {
    status: query.status,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  })

  return { items: rows.map(toItemView), total, page: query.page, pageSize: query.pageSize }
}
