/**
 * Runs and their items. An item's outcome is written the moment it is known, in the same
 * transaction as the link it made (item-fence.ts), so a crash never leaves a product on the
 * target unrecorded for longer than one request.
 */
import { randomUUID } from 'node:crypto'
import type { RunCounts } from '../../contracts/api'
import type { SelectQueryBuilder } from 'kysely'
import { isPostgres, type Db } from './db'
import { nowIso } from './clock'
import type { Database as Schema, RunItemRow, RunRow, RunsTable } from './schema'
import { foldForSearch } from './search-text'

export async function insertRun(
  db: Db,
  run: { storeId: number; direction: RunsTable['direction']; selection: unknown },
): Promise<RunRow> {
  const now = nowIso()
  const row: RunRow = {
    id: randomUUID(),
    store_id: run.storeId,
    direction: run.direction,
    selection: JSON.stringify(run.selection),
    status: 'queued',
    planned: 0,
    message: null,
    waiting_until: null,
    created_at: now,
    updated_at: now,
    finished_at: null,
    lease_owner: null,
    lease_until: null,
  }
  await db.insertInto('runs').values(row).execute()

  return row
}

/** Records items for a run; an item already recorded for the same source product is kept. */
export async function addRunItems(
  db: Db,
  run: { id: string; storeId: number },
  items: { sourceId: string; name: string; sku: string }[],
) {
  if (items.length === 0) return
  const now = nowIso()
  const last = await db
    .selectFrom('run_items')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('run_id', '=', run.id)
    .executeTakeFirst()
  let seq = Number(last?.seq ?? 0)
  // SQLite caps bound parameters per statement; 14 columns × 200 rows stays well under it.
  for (let i = 0; i < items.length; i += 200) {
    const rows = items.slice(i, i + 200).map((item) => ({
      id: randomUUID(),
      run_id: run.id,
      store_id: run.storeId,
      seq: ++seq,
      source_id: item.sourceId,
      name: item.name,
      sku: item.sku,
      name_folded: foldForSearch(item.name),
      sku_folded: foldForSearch(item.sku),
      status: 'pending' as const,
      target_id: null,
      reasons: '[]',
      detail: null,
      attempts: 0,
      lease_owner: null,
      lease_until: null,
      updated_at: now,
    }))
    await db
      .insertInto('run_items')
      .values(rows)
      .onConflict((oc) => oc.columns(['run_id', 'source_id']).doNothing())
      .execute()
  }
}

export async function findRun(db: Db, storeId: number, runId: string) {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('id', '=', runId)
    .where('store_id', '=', storeId)
    .executeTakeFirst()
}

export async function updateRun(db: Db, runId: string, patch: Partial<Omit<RunRow, 'id'>>) {
  await db
    .updateTable('runs')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', runId)
    .execute()
}

/** Runs that still have work: queued, running or waiting, oldest first. */
export async function findActiveRuns(db: Db) {
  return db
    .selectFrom('runs')
    .selectAll()
    .where('status', 'in', ['queued', 'running', 'waiting'])
    .orderBy('created_at')
    .execute()
}

export async function listRuns(db: Db, storeId: number, page: { offset: number; limit: number }) {
  const rows = await db
    .selectFrom('runs')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(page.offset)
    .limit(page.limit)
    .execute()
  const total = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirstOrThrow()

  return { rows, total: Number(total.n) }
}

export async function countItems(db: Db, runIds: string[]): Promise<Map<string, RunCounts>> {
  const counts = new Map<string, RunCounts>()
  for (const id of runIds) {
    counts.set(id, { total: 0, created: 0, linked: 0, failed: 0, refused: 0, pending: 0 })
  }
  if (runIds.length === 0) return counts
  const rows = await db
    .selectFrom('run_items')
    .select(['run_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('run_id', 'in', runIds)
    .groupBy(['run_id', 'status'])
    .execute()
  for (const row of rows) {
    const c = counts.get(row.run_id)
    if (!c) continue
    const n = Number(row.n)
    c.total += n
    if (row.status === 'running' || row.status === 'pending') c.pending += n
    else c[row.status] += n
  }

  return counts
}

export async function listItems(
  db: Db,
  runId: string,
  filter: { status?: RunItemRow['status']; offset: number; limit: number },
) {
  let query = db.selectFrom('run_items').where('run_id', '=', runId)
  if (filter.status === 'pending') query = query.where('status', 'in', ['pending', 'running'])
  else if (filter.status) query = query.where('status', '=', filter.status)
  const rows = await query
    .selectAll()
    .orderBy('seq')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute()
  const total = await query
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()

  return { rows, total: Number(total.n) }
}

/**
 * Takes up to `limit` items to work on: first running ones whose lease ran out (their worker
 * died; skipped when `takeOver` is false), then pending ones, in run order. Two processes never
 * both take an item: on SQLite each step is one UPDATE, run under the write lock; on PostgreSQL
 * the ids are locked first (FOR UPDATE SKIP LOCKED, so claimers pass each other by), and the
 * UPDATE repeats the condition in case a row changed in between.
 */
export async function claimItems(
  db: Db,
  runId: string,
  owner: string,
  options: { limit: number; leaseMs: number; takeOver?: boolean },
): Promise<RunItemRow[]> {
  const now = nowIso()
  const leaseUntil = new Date(Date.now() + options.leaseMs).toISOString()
  const expired =
    options.takeOver === false
      ? []
      : await claimWhere(db, runId, owner, leaseUntil, {
          status: 'running',
          leaseBefore: now,
          limit: options.limit,
        })
  if (expired.length >= options.limit) return expired
  const pending = await claimWhere(db, runId, owner, leaseUntil, {
    status: 'pending',
    limit: options.limit - expired.length,
  })

  return [...expired, ...pending]
}

async function claimWhere(
  db: Db,
  runId: string,
  owner: string,
  leaseUntil: string,
  which: { status: 'pending' | 'running'; leaseBefore?: string; limit: number },
): Promise<RunItemRow[]> {
  const update = (
    trx: Db,
    ids: string[] | SelectQueryBuilder<Schema, 'run_items', { id: string }>,
  ) => {
    let query = trx
      .updateTable('run_items')
      .set((eb) => ({
        status: 'running',
        lease_owner: owner,
        lease_until: leaseUntil,
        attempts: eb('attempts', '+', 1),
        updated_at: nowIso(),
      }))
      .where('id', 'in', ids)
      .where('status', '=', which.status)
    if (which.leaseBefore) query = query.where('lease_until', '<', which.leaseBefore)

    return query.returningAll().execute()
  }
  const candidates = (trx: Db) => {
    let query = trx
      .selectFrom('run_items')
      .select('id')
      .where('run_id', '=', runId)
      .where('status', '=', which.status)
    if (which.leaseBefore) query = query.where('lease_until', '<', which.leaseBefore)

    return query.orderBy('seq').limit(which.limit)
  }

  let claimed: RunItemRow[]
  if (isPostgres(db)) {
    // PostgreSQL may run a locking subquery once per row of the UPDATE, each time skipping what
    // it locked before, and so take more than `limit`: lock the ids first, then update them.
    claimed = await db.transaction().execute(async (trx) => {
      const ids = await candidates(trx).forUpdate().skipLocked().execute()
      if (ids.length === 0) return []

      return update(
        trx,
        ids.map((r) => r.id),
      )
    })
  } else {
    claimed = await update(db, candidates(db))
  }

  return claimed.sort((a, b) => a.seq - b.seq)
}

/** An item a worker is working, under the claim that gave it (its `attempts` then). */
export interface HeldItem {
  id: string
  generation: number
}

/**
 * Extends the leases `owner` still holds under the same claim; returns the items it holds no
 * more. Whatever the item's status: an outcome recorded before the item's work ends (a create,
 * before its images) keeps the lease, and the work after it is still this worker's.
 */
export async function renewLeases(
  db: Db,
  owner: string,
  items: readonly HeldItem[],
  leaseMs: number,
): Promise<HeldItem[]> {
  if (items.length === 0) return []
  const ids = items.map((i) => i.id)
  const renewed = await db
    .updateTable('run_items')
    .set({ lease_until: new Date(Date.now() + leaseMs).toISOString() })
    .where('lease_owner', '=', owner)
    .where('id', 'in', ids)
    .returning(['id', 'attempts'])
    .execute()
  const held = new Set(renewed.map((r) => `${r.id}:${r.attempts}`))

  return items.filter((i) => !held.has(`${i.id}:${i.generation}`))
}

/**
 * Takes (or renews) the lease on planning a run: only one process expands a selection at a time,
 * and another takes over when the planner died. Returns whether `owner` holds it.
 */
export async function takePlanLease(db: Db, runId: string, owner: string, leaseMs: number) {
  const now = nowIso()
  const result = await db
    .updateTable('runs')
    .set({ lease_owner: owner, lease_until: new Date(Date.now() + leaseMs).toISOString() })
    .where('id', '=', runId)
    .where('planned', '=', 0)
    .where((eb) =>
      eb.or([
        eb('lease_owner', 'is', null),
        eb('lease_owner', '=', owner),
        eb('lease_until', '<', now),
      ]),
    )
    .executeTakeFirst()

  return Number(result.numUpdatedRows) > 0
}

/** A queued run is running once a worker takes it up (a waiting run stays waiting). */
export async function markRunning(db: Db, runId: string) {
  await db
    .updateTable('runs')
    .set({ status: 'running', message: null, updated_at: nowIso() })
    .where('id', '=', runId)
    .where('status', '=', 'queued')
    .execute()
}

/** Lets go of a run's planning lease so another process may plan it at once. */
export async function releasePlanLease(db: Db, runId: string, owner: string) {
  await db
    .updateTable('runs')
    .set({ lease_owner: null, lease_until: null })
    .where('id', '=', runId)
    .where('lease_owner', '=', owner)
    .execute()
}

/**
 * Ends a run that is still active (queued, running or waiting) with `patch`; a run another
 * process already ended, or a cancelled one, is left as it is. Returns whether it ended it.
 */
export async function endRun(db: Db, runId: string, patch: Partial<Omit<RunRow, 'id'>>) {
  const result = await db
    .updateTable('runs')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', runId)
    .where('status', 'in', ['queued', 'running', 'waiting'])
    .executeTakeFirst()

  return Number(result.numUpdatedRows) > 0
}

/** Marks a run as planned (every item recorded) and lets go of its planning lease. */
export async function finishPlanning(db: Db, runId: string, owner: string) {
  await db
    .updateTable('runs')
    .set({ planned: 1, lease_owner: null, lease_until: null, updated_at: nowIso() })
    .where('id', '=', runId)
    .where('lease_owner', '=', owner)
    .execute()
}

/** Items a merchant may retry go back to pending; returns how many. */
export async function requeueFailed(db: Db, runId: string, itemIds?: string[]) {
  let query = db
    .updateTable('run_items')
    .set({ status: 'pending', reasons: '[]', detail: null, updated_at: nowIso() })
    .where('run_id', '=', runId)
    .where('status', '=', 'failed')
  if (itemIds) query = query.where('id', 'in', itemIds)
  const result = await query.executeTakeFirst()

  return Number(result.numUpdatedRows)
}

const FINISHED_ITEM_STATUSES = ['created', 'linked', 'failed', 'refused'] as const

/** The status of a run, read between items by the worker. */
export async function readRunStatus(db: Db, runId: string) {
  const row = await db
    .selectFrom('runs')
    .select('status')
    .where('id', '=', runId)
    .executeTakeFirst()

  return row?.status
}

/** The failed items a retry would take (all, or those of `itemIds`), with their products. */
export async function listFailedItems(db: Db, runId: string, itemIds?: string[]) {
  let query = db
    .selectFrom('run_items')
    .select(['id', 'source_id', 'target_id', 'reasons', 'detail', 'updated_at'])
    .where('run_id', '=', runId)
    .where('status', '=', 'failed')
  if (itemIds) query = query.where('id', 'in', itemIds)

  return query.orderBy('seq').execute()
}

/** Items finished since a time: the pace of a run. */
export async function countFinishedSince(db: Db, runId: string, sinceIso: string) {
  const row = await db
    .selectFrom('run_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('run_id', '=', runId)
    .where('updated_at', '>=', sinceIso)
    .where('status', 'in', FINISHED_ITEM_STATUSES)
    .executeTakeFirstOrThrow()

  return Number(row.n)
}

/** A page of a run's items with the given outcomes, after a position (keyset paging). */
export async function listItemsAfter(
  db: Db,
  runId: string,
  filter: { statuses: RunItemRow['status'][]; afterSeq: number; limit: number },
) {
  return db
    .selectFrom('run_items')
    .selectAll()
    .where('run_id', '=', runId)
    .where('status', 'in', filter.statuses)
    .where('seq', '>', filter.afterSeq)
    .orderBy('seq')
    .limit(filter.limit)
    .execute()
}
