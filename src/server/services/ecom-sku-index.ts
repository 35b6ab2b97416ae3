/**
 * The target eCom catalog by SKU, read once for a run, page by page, so that the run's items are
 * matched without a lookup each. The reading goes into the database (ecom_snapshots), a page at a
 * time, so the process's memory does not grow with the catalog. It is a snapshot: a create that
 * eCom refuses as a duplicate, or whose outcome is unknown, is still settled by a live lookup
 * (cases C1, C2), and an item taken over from another worker is looked up live.
 */
import { randomUUID } from 'node:crypto'
import type { EcomProduct } from '../../sync/ecom-shapes'
import { skuKey } from '../../sync/text'
import type { Db } from '../store/db'
import {
  dropSnapshot,
  dropSnapshotsOfEndedRuns,
  findSnapshotProduct,
  insertSnapshotRows,
  snapshotHasProduct,
  type SnapshotProduct,
} from '../store/ecom-snapshot-store'
import type { EcomSnapshotsTable } from '../store/schema'
import type { EcomClient } from './connections'

export interface EcomSkuIndex {
  /** The product whose own SKU or one of whose variations' SKU is `sku`; null for a blank SKU. */
  find(sku: string): Promise<SnapshotProduct | null>
  /** Whether the product was there when the catalog was read. */
  has(id: number): Promise<boolean>
  /** Forgets the reading (the run's work in this process is over). */
  drop(): Promise<void>
  /** Requests the reading took. */
  readonly pages: number
}

const PAGE = 100

/**
 * Reads every eCom product's id and SKUs, 100 a page, oldest first (so products added meanwhile
 * land on later pages instead of shifting earlier ones), into the database. Returns null without
 * reading further when the catalog has more pages than `maxPages`: looking each item up then
 * costs less.
 */
export async function readEcomSkuIndex(
  db: Db,
  ecom: EcomClient,
  options: { runId: string; maxPages: number },
): Promise<EcomSkuIndex | null> {
  const first = await ecom.searchProducts({ offset: 0, limit: PAGE, sortBy: 'ADDED_TIME_ASC' })
  if (Math.ceil(first.total / PAGE) > options.maxPages) return null

  await dropSnapshotsOfEndedRuns(db)
  const snapshotId = randomUUID()
  let pages = 1
  let page = first
  for (;;) {
    await insertSnapshotRows(
      db,
      page.items.flatMap((item, i) =>
        rowsOf(item as EcomProduct, { snapshotId, runId: options.runId, seq: page.offset + i }),
      ),
    )
    const offset = page.offset + page.items.length
    if (page.items.length === 0 || offset >= page.total) break
    page = await ecom.searchProducts({ offset, limit: PAGE, sortBy: 'ADDED_TIME_ASC' })
    pages += 1
  }

  return {
    find: (sku) => findSnapshotProduct(db, snapshotId, skuKey(sku)),
    has: (id) => snapshotHasProduct(db, snapshotId, id),
    drop: () => dropSnapshot(db, snapshotId),
    pages,
  }
}

/** A row for the product's own SKU (even a blank one, so `has` knows it) and one per variation. */
function rowsOf(
  product: EcomProduct,
  at: { snapshotId: string; runId: string; seq: number },
): EcomSnapshotsTable[] {
  const row = (sku: string | null | undefined, combinationId: number) => ({
    snapshot_id: at.snapshotId,
    run_id: at.runId,
    seq: at.seq,
    product_id: product.id,
    sku: skuKey(sku),
    combination_id: combinationId,
  })

  return [
    row(product.sku, 0),
    ...(product.combinations ?? []).flatMap((c) => (c.id == null ? [] : [row(c.sku, c.id)])),
  ]
}
