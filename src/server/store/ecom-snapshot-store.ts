/**
 * The eCom catalog's SKUs as one process read them for a run, in the database: an upload of any
 * size matches its products without holding the target's catalog in memory.
 */
import type { Db } from './db'
import type { EcomSnapshotsTable } from './schema'

/** A product as linking needs it: its id, its SKU and its variations' ids and SKUs. */
export interface SnapshotProduct {
  id: number
  sku: string | null
  combinations: { id: number | null; sku: string | null }[]
}

const ACTIVE = ['queued', 'running', 'waiting'] as const

export async function insertSnapshotRows(db: Db, rows: EcomSnapshotsTable[]) {
  // SQLite caps bound parameters per statement; 6 columns × 150 rows stays well under it.
  for (let i = 0; i < rows.length; i += 150) {
    await db
      .insertInto('ecom_snapshots')
      .values(rows.slice(i, i + 150))
      .onConflict((oc) => oc.doNothing())
      .execute()
  }
}

async function productOf(db: Db, snapshotId: string, productId: number) {
  const rows = await db
    .selectFrom('ecom_snapshots')
    .select(['sku', 'combination_id'])
    .where('snapshot_id', '=', snapshotId)
    .where('product_id', '=', productId)
    .orderBy('seq')
    .orderBy('combination_id')
    .execute()
  if (rows.length === 0) return null
  const own = rows.find((r) => Number(r.combination_id) === 0)

  return {
    id: productId,
    sku: own?.sku || null,
    combinations: rows
      .filter((r) => Number(r.combination_id) !== 0)
      .map((r) => ({ id: Number(r.combination_id), sku: r.sku || null })),
  }
}

/** The oldest product whose own SKU or one of whose variations' SKU is `sku` (a key). */
export async function findSnapshotProduct(
  db: Db,
  snapshotId: string,
  sku: string,
): Promise<SnapshotProduct | null> {
  if (sku === '') return null
  const hit = await db
    .selectFrom('ecom_snapshots')
    .select('product_id')
    .where('snapshot_id', '=', snapshotId)
    .where('sku', '=', sku)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst()

  return hit ? productOf(db, snapshotId, Number(hit.product_id)) : null
}

export async function snapshotHasProduct(db: Db, snapshotId: string, productId: number) {
  const row = await db
    .selectFrom('ecom_snapshots')
    .select('product_id')
    .where('snapshot_id', '=', snapshotId)
    .where('product_id', '=', productId)
    .limit(1)
    .executeTakeFirst()

  return row !== undefined
}

export async function dropSnapshot(db: Db, snapshotId: string) {
  await db.deleteFrom('ecom_snapshots').where('snapshot_id', '=', snapshotId).execute()
}

/** Drops what readings of runs no longer active left (a process that died keeps none). */
export async function dropSnapshotsOfEndedRuns(db: Db) {
  const active = db.selectFrom('runs').select('id').where('status', 'in', ACTIVE)
  await db.deleteFrom('ecom_snapshots').where('run_id', 'not in', active).execute()
}
