/**
 * eCom already moved its own stock when the order was paid (or gave it back when it was
 * cancelled or refunded), so the stock the Retail POS sale (or its return) moves must not come
 * back to eCom as a change: each linked snapshot follows it, in the same transaction that settles
 * the order's row, so it is applied exactly once.
 */
import { snapshotAfterSale } from '../../../sync/changes-snapshot'
import type { Db } from '../../store/db'
import { readSnapshot, saveSnapshot } from '../../store/sync-store'
import {
  releaseSale,
  saveSale,
  type PlannedLine,
  type SalePatch,
  type SaleRow,
} from '../../store/sync-store-sales'

/**
 * How long a worker holds an order: long enough for a write that waits out a rate limit.
 *
 * LIMITATION: a worker stalled longer than this between saving the sales cursor and its write
 * could record a sale its successor records too (the successor finds nothing yet and writes).
 * Safe for now: a write is one request, sent well within the lease.
 */
export const SALE_LEASE_MS = 300_000

/**
 * LIMITATION: one worker process never syncs a link while it records a sale (one turn at a time),
 * but with several processes a sync that read the link's snapshot before the sale settled, or a
 * worker stopped between writing the sale and settling it, can still send the sale's stock to
 * eCom (the value eCom already shows).
 *
 * Settles an order's row with `patch` and moves its linked snapshots by the lines sold
 * (`direction` 1) or given back (-1), at the outlet of the sale. The claim ends, unless the
 * worker `keepsClaim` for more work on the order.
 */
export async function settleSale(
  db: Db,
  row: Pick<SaleRow, 'store_id' | 'order_id'>,
  lines: readonly PlannedLine[],
  direction: 1 | -1,
  patch: SalePatch,
  keepsClaim = false,
) {
  await db.transaction().execute(async (trx) => {
    for (const line of lines) {
      if (!line.movesStock || !line.linkId) continue

      const snapshot = await readSnapshot(trx, line.linkId)

      // Without a snapshot the next sync starts from eCom as it is, which already counts the sale.
      // LIMITATION: except a family's own stock (the sum of its variants'), which eCom does not
      // move for a variant with its own SKU: a sale recorded before a new link's first sync (up to
      // a catch-up interval after its upload) has that sum written to eCom by the first sync.
      if (!snapshot) continue

      const sold = direction * line.quantity
      const known = snapshot.variants
        .find((v) => v.posId === line.posProductId)
        ?.outletStock.find((s) => s.outletId === line.outletId)
      const outlet = known ? { outletId: line.outletId, level: known.level - sold } : undefined

      await saveSnapshot(
        trx,
        { id: line.linkId, store_id: row.store_id },
        snapshotAfterSale(snapshot, line.posProductId, sold, outlet),
      )
    }
    if (keepsClaim) await saveSale(trx, row, patch, SALE_LEASE_MS)
    else await releaseSale(trx, row, patch)
  })
}
