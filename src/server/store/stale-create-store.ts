/**
 * Products a worker created on the target for an item after it had lost the item's lease. Each
 * is kept here until it is settled: it is the product the item ended up linked to, or it was
 * deleted again (services/stale-creates.ts).
 */
import { randomUUID } from 'node:crypto'
import type { Db } from './db'
import { nowIso } from './clock'
import type { RunItemRow, RunsTable, StaleCreatesTable } from './schema'

export async function noteStaleCreate(
  db: Db,
  create: {
    item: RunItemRow
    direction: RunsTable['direction']
    targetId: string
  },
) {
  await db
    .insertInto('stale_creates')
    .values({
      id: randomUUID(),
      item_id: create.item.id,
      store_id: create.item.store_id,
      direction: create.direction,
      source_id: create.item.source_id,
      target_id: create.targetId,
      created_at: nowIso(),
      settled: null,
      settled_at: null,
    })
    .execute()
}

export async function unsettledCreates(db: Db, itemId: string) {
  return db
    .selectFrom('stale_creates')
    .selectAll()
    .where('item_id', '=', itemId)
    .where('settled', 'is', null)
    .execute()
}

/** Marks a stale create settled; returns false when another worker settled it first. */
export async function settleCreate(
  db: Db,
  id: string,
  settled: NonNullable<StaleCreatesTable['settled']>,
) {
  const result = await db
    .updateTable('stale_creates')
    .set({ settled, settled_at: nowIso() })
    .where('id', '=', id)
    .where('settled', 'is', null)
    .executeTakeFirst()

  return Number(result.numUpdatedRows) > 0
}

/** Whether an item is still to be worked (pending, or held by a worker who has not recorded). */
export async function isItemOpen(db: Db, itemId: string): Promise<boolean> {
  const row = await db
    .selectFrom('run_items')
    .select('status')
    .where('id', '=', itemId)
    .executeTakeFirst()

  return row?.status === 'pending' || row?.status === 'running'
}
