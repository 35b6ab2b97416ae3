/**
 * What the ongoing sync keeps per link: the snapshot of what was last sent to eCom, and whether
 * the POS product must be looked at again (`dirty`, with the members to read). Marking is cheap
 * and idempotent, so webhooks and the catch-up can both mark; one worker does the reading.
 */
import type { SyncedSnapshot } from '../../sync/changes-snapshot'
import { nowIso } from './clock'
import type { Db } from './db'
import type { ExpressionBuilder } from 'kysely'
import type { Database, LinkRow } from './schema'

export type LinkSyncTable = {
  link_id: string
  store_id: number
  snapshot: string | null
  dirty: number
  dirty_members: string
  marks: number
  attempts: number
  next_attempt_at: string
  lease_until: string | null
  synced_at: string | null
}

type SyncTables = {
  link_sync: LinkSyncTable
}

const ALL = '*'

const tables = (db: Db) => db.withTables<SyncTables>()

/**
 * Links of a store that have never been synced since their upload (no snapshot) and are not
 * marked yet; deleted ones are left out.
 */
export async function linksWithoutSnapshot(db: Db, storeId: number): Promise<LinkRow[]> {
  return tables(db)
    .selectFrom('links as l')
    .leftJoin('link_sync as s', 's.link_id', 'l.id')
    .selectAll('l')
    .where('l.store_id', '=', storeId)
    .where('l.state', '!=', 'deleted_in_pos')
    .where((eb) =>
      eb.or([
        eb('s.link_id', 'is', null),
        eb.and([eb('s.snapshot', 'is', null), eb('s.dirty', '=', 0)]),
      ]),
    )
    .execute()
}

/**
 * Marks a link to be synced: `members` are the POS ids to read again, or 'all'. Due at once,
 * even when an earlier attempt is waiting to be retried.
 */
export async function markDirty(
  db: Db,
  link: Pick<LinkRow, 'id' | 'store_id'>,
  members: string[] | 'all',
) {
  await db.transaction().execute(async (trx) => {
    const t = tables(trx)
    const row = await t
      .selectFrom('link_sync')
      .select(['dirty', 'dirty_members'])
      .where('link_id', '=', link.id)
      .executeTakeFirst()
    const known = row?.dirty ? (JSON.parse(row.dirty_members) as string[]) : []
    const merged =
      members === 'all' || known.includes(ALL) ? [ALL] : [...new Set([...known, ...members])]
    const values = {
      dirty: 1,
      dirty_members: JSON.stringify(merged),
      next_attempt_at: nowIso(),
    }

    await t
      .insertInto('link_sync')
      .values({
        link_id: link.id,
        store_id: link.store_id,
        snapshot: null,
        marks: 1,
        attempts: 0,
        lease_until: null,
        synced_at: null,
        ...values,
      })
      .onConflict((oc) =>
        oc
          .column('link_id')
          .doUpdateSet((eb) => ({ ...values, marks: eb('link_sync.marks', '+', 1) })),
      )
      .execute()
  })
}

/**
 * Marks every live link of a store to be read again whole, in one statement each way: what
 * counts as a product's eCom stock changed for all of them. Returns how many links were marked.
 */
export async function markStoreDirty(db: Db, storeId: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const t = tables(trx)
    const now = nowIso()
    const live = (eb: ExpressionBuilder<Database & SyncTables, 'links'>) =>
      eb.and([eb('links.store_id', '=', storeId), eb('links.state', '!=', 'deleted_in_pos')])

    await t
      .updateTable('link_sync')
      .set((eb) => ({
        dirty: 1,
        dirty_members: JSON.stringify([ALL]),
        next_attempt_at: now,
        marks: eb('link_sync.marks', '+', 1),
      }))
      .where('link_sync.store_id', '=', storeId)
      .where('link_sync.link_id', 'in', (eb) =>
        eb.selectFrom('links').select('links.id').where(live),
      )
      .execute()
    await t
      .insertInto('link_sync')
      .columns([
        'link_id',
        'store_id',
        'snapshot',
        'dirty',
        'dirty_members',
        'marks',
        'attempts',
        'next_attempt_at',
        'lease_until',
        'synced_at',
      ])
      .expression((eb) =>
        eb
          .selectFrom('links')
          .select((s) => [
            'links.id',
            'links.store_id',
            s.val<string | null>(null).as('snapshot'),
            s.val(1).as('dirty'),
            s.val(JSON.stringify([ALL])).as('dirty_members'),
            s.val(1).as('marks'),
            s.val(0).as('attempts'),
            s.val(now).as('next_attempt_at'),
            s.val<string | null>(null).as('lease_until'),
            s.val<string | null>(null).as('synced_at'),
          ])
          .where(live)
          .where((w) =>
            w.not(
              w.exists(
                w
                  .selectFrom('link_sync')
                  .select('link_sync.link_id')
                  .whereRef('link_sync.link_id', '=', 'links.id'),
              ),
            ),
          ),
      )
      .execute()

    const counted = await t
      .selectFrom('links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(live)
      .executeTakeFirstOrThrow()

    return Number(counted.n)
  })
}

export interface DirtyLink {
  link: LinkRow
  snapshot: SyncedSnapshot | null
  /** POS ids to read again; 'all' when the whole family must be read. */
  members: string[] | 'all'
  attempts: number
  /** The marks this claim took: a mark made while the link is worked is kept for the next turn. */
  marks: number
}

/** Takes up to `limit` links that are due, each under a lease. */
export async function claimDirtyLinks(
  db: Db,
  limit: number,
  leaseMs: number,
): Promise<DirtyLink[]> {
  const now = nowIso()
  const due = await tables(db)
    .selectFrom('link_sync as s')
    .innerJoin('links as l', 'l.id', 's.link_id')
    .selectAll('l')
    .select([
      's.snapshot',
      's.dirty_members',
      's.marks',
      's.attempts',
      's.next_attempt_at',
      's.lease_until',
    ])
    .where('s.dirty', '=', 1)
    .where('s.next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('s.lease_until', 'is', null), eb('s.lease_until', '<', now)]))
    .orderBy('s.next_attempt_at')
    .limit(limit)
    .execute()
  const leaseUntil = new Date(Date.now() + leaseMs).toISOString()
  const claimed: DirtyLink[] = []

  for (const row of due) {
    const taken = await tables(db)
      .updateTable('link_sync')
      .set({ lease_until: leaseUntil })
      .where('link_id', '=', row.id)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst()

    if (Number(taken.numUpdatedRows) !== 1) continue

    const {
      snapshot,
      dirty_members,
      marks,
      attempts,
      next_attempt_at: _n,
      lease_until: _l,
      ...link
    } = row
    const members = JSON.parse(dirty_members) as string[]

    claimed.push({
      link,
      snapshot: snapshot ? (JSON.parse(snapshot) as SyncedSnapshot) : null,
      members: members.includes(ALL) ? 'all' : members,
      attempts,
      marks,
    })
  }

  return claimed
}

export async function readSnapshot(db: Db, linkId: string): Promise<SyncedSnapshot | null> {
  const row = await tables(db)
    .selectFrom('link_sync')
    .select('snapshot')
    .where('link_id', '=', linkId)
    .executeTakeFirst()

  return row?.snapshot ? (JSON.parse(row.snapshot) as SyncedSnapshot) : null
}

/** Records what eCom now holds from us; a link with no row yet gets one. */
export async function saveSnapshot(
  db: Db,
  link: Pick<LinkRow, 'id' | 'store_id'>,
  snapshot: SyncedSnapshot,
) {
  const values = { snapshot: JSON.stringify(snapshot), synced_at: nowIso() }

  await tables(db)
    .insertInto('link_sync')
    .values({
      link_id: link.id,
      store_id: link.store_id,
      dirty: 0,
      dirty_members: '[]',
      marks: 0,
      attempts: 0,
      next_attempt_at: nowIso(),
      lease_until: null,
      ...values,
    })
    .onConflict((oc) => oc.column('link_id').doUpdateSet(values))
    .execute()
}

/**
 * Ends a turn on a dirty link. Done: clean, unless it was marked again while it was worked.
 * Not done: tried again at `retryAt`.
 */
export async function endTurn(
  db: Db,
  claimed: DirtyLink,
  outcome: { done: true } | { done: false; retryAt: Date; isDeferred?: boolean },
) {
  const t = tables(db)

  if (outcome.done) {
    await t
      .updateTable('link_sync')
      .set({ dirty: 0, dirty_members: '[]', attempts: 0, lease_until: null })
      .where('link_id', '=', claimed.link.id)
      .where('marks', '=', claimed.marks)
      .execute()
  } else {
    await t
      .updateTable('link_sync')
      .set({
        attempts: outcome.isDeferred ? claimed.attempts : claimed.attempts + 1,
        next_attempt_at: outcome.retryAt.toISOString(),
      })
      .where('link_id', '=', claimed.link.id)
      .where('marks', '=', claimed.marks)
      .execute()
  }

  await t
    .updateTable('link_sync')
    .set({ lease_until: null })
    .where('link_id', '=', claimed.link.id)
    .execute()
}

/** Work the ongoing sync has not done yet: deliveries to work and links to sync. */
export async function pendingWork(db: Db): Promise<{ deliveries: number; links: number }> {
  const t = db.withTables<SyncTables & { webhook_inbox: { status: string } }>()
  const deliveries = await t
    .selectFrom('webhook_inbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  const links = await t
    .selectFrom('link_sync')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dirty', '=', 1)
    .executeTakeFirstOrThrow()

  return { deliveries: Number(deliveries.n), links: Number(links.n) }
}
