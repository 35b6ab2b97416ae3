/**
 * Claims that keep two active runs of a store and direction off the same products. A run holds
 * its direction whole ("all") or product by product ("ids"); primary keys decide who gets a
 * product, never a read before the write. Claims are released when the run ends.
 */
import type { Db } from './db'
import { nowIso } from './clock'
import type { RunsTable } from './schema'

const ACTIVE_STATUSES = ['queued', 'running', 'waiting'] as const

export type ClaimResult = { ok: true } | { ok: false; runId: string }

/** Drops the claims and holds of runs that are no longer active (they ended some other way). */
async function dropEndedClaims(db: Db, storeId: number, direction: RunsTable['direction']) {
  const active = db.selectFrom('runs').select('id').where('status', 'in', ACTIVE_STATUSES)
  await db
    .deleteFrom('run_claims')
    .where('store_id', '=', storeId)
    .where('direction', '=', direction)
    .where('run_id', 'not in', active)
    .execute()
  await db
    .deleteFrom('run_holds')
    .where('store_id', '=', storeId)
    .where('direction', '=', direction)
    .where((eb) =>
      eb.or([
        eb.and([eb('mode', '=', 'all'), eb('run_id', 'not in', active)]),
        eb.and([
          eb('mode', '=', 'ids'),
          eb.not(
            eb.exists(
              eb
                .selectFrom('run_claims as c')
                .select('c.run_id')
                .whereRef('c.store_id', '=', 'run_holds.store_id')
                .whereRef('c.direction', '=', 'run_holds.direction'),
            ),
          ),
        ]),
      ]),
    )
    .execute()
}

/**
 * Takes the products of a selection for a run, inside the caller's transaction: either the whole
 * direction ("all") or each product by id. The primary keys decide: a product another active run
 * holds is not taken, and the answer names that run so the caller rolls back and says which.
 * Claims the run already holds are kept (a retry re-claims its own products).
 */
export async function claimSelection(
  db: Db,
  claim: {
    storeId: number
    direction: RunsTable['direction']
    runId: string
    sourceIds: string[] | 'all'
  },
): Promise<ClaimResult> {
  const { storeId, direction, runId } = claim
  await dropEndedClaims(db, storeId, direction)
  const hold = { store_id: storeId, direction, run_id: runId }

  if (claim.sourceIds === 'all') {
    const taken = await db
      .insertInto('run_holds')
      .values({ ...hold, mode: 'all' })
      .onConflict((oc) => oc.doNothing())
      .returning('store_id')
      .executeTakeFirst()

    return taken ? { ok: true } : blockedBy(db, storeId, direction, runId, [])
  }

  const shared = await db
    .insertInto('run_holds')
    .values({ ...hold, mode: 'ids', run_id: null })
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'direction'])
        .doUpdateSet({ mode: 'ids' })
        .where('run_holds.mode', '=', 'ids'),
    )
    .returning('mode')
    .executeTakeFirst()
  if (!shared) return blockedBy(db, storeId, direction, runId, [])

  for (let i = 0; i < claim.sourceIds.length; i += 200) {
    const chunk = claim.sourceIds.slice(i, i + 200)
    const taken = await db
      .insertInto('run_claims')
      .values(chunk.map((sourceId) => ({ ...hold, source_id: sourceId })))
      .onConflict((oc) =>
        oc
          .columns(['store_id', 'direction', 'source_id'])
          .doUpdateSet({ run_id: runId })
          .where('run_claims.run_id', '=', runId),
      )
      .returning('source_id')
      .execute()
    if (taken.length < chunk.length) return blockedBy(db, storeId, direction, runId, chunk)
  }

  return { ok: true }
}

async function blockedBy(
  db: Db,
  storeId: number,
  direction: RunsTable['direction'],
  runId: string,
  sourceIds: string[],
): Promise<ClaimResult> {
  const hold = await db
    .selectFrom('run_holds')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('direction', '=', direction)
    .executeTakeFirst()
  if (hold?.mode === 'all' && hold.run_id) {
    return hold.run_id === runId ? { ok: true } : { ok: false, runId: hold.run_id }
  }
  let query = db
    .selectFrom('run_claims')
    .select('run_id')
    .where('store_id', '=', storeId)
    .where('direction', '=', direction)
    .where('run_id', '!=', runId)
  if (sourceIds.length > 0) query = query.where('source_id', 'in', sourceIds)
  const other = await query.limit(1).executeTakeFirst()

  return other ? { ok: false, runId: other.run_id } : { ok: true }
}

/** Lets go of everything a run holds; called when it ends. */
export async function releaseClaims(db: Db, runId: string) {
  await db.deleteFrom('run_claims').where('run_id', '=', runId).execute()
  await db.deleteFrom('run_holds').where('mode', '=', 'all').where('run_id', '=', runId).execute()
  try {
    await db
      .deleteFrom('run_holds')
      .where('mode', '=', 'ids')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('run_claims as c')
              .select('c.run_id')
              .whereRef('c.store_id', '=', 'run_holds.store_id')
              .whereRef('c.direction', '=', 'run_holds.direction'),
          ),
        ),
      )
      .execute()
  } catch {
    // Another run claimed products under this hold meanwhile (the foreign key refused): it stays.
  }
}

/** Cancels an active run; returns false when it was not active (finished, or unknown). */
export async function cancelActiveRun(db: Db, runId: string, message: string) {
  const now = nowIso()
  const result = await db
    .updateTable('runs')
    .set({ status: 'cancelled', message, waiting_until: null, finished_at: now, updated_at: now })
    .where('id', '=', runId)
    .where('status', 'in', ACTIVE_STATUSES)
    .executeTakeFirst()

  return Number(result.numUpdatedRows) > 0
}
