/**
 * An eCom order's sale, or its return, in the history of each linked product it moved, so support
 * sees which order wrote what to Retail POS and when.
 */
import { findLinksById } from '../../store/link-store'
import { recordProductEvents } from '../../store/product-events-store'
import type { PlannedLine } from '../../store/sync-store-sales'
import type { AppContext } from '../context'

export async function recordSaleEvents(
  ctx: AppContext,
  storeId: number,
  lines: PlannedLine[],
  /** What happened to the order, before the product's own lines: "eCom order 7: …". */
  what: string,
) {
  const links = await findLinksById(ctx.db, storeId, [
    ...new Set(lines.map((l) => l.linkId).filter((id) => id !== '')),
  ])

  await recordProductEvents(
    ctx.db,
    links.map((link) => ({
      store_id: storeId,
      link_id: link.id,
      pos_product_id: link.pos_product_id,
      ecom_product_id: link.ecom_product_id,
      origin: 'ecom-order' as const,
      direction: 'ecom-to-pos' as const,
      run_id: null,
      outcome: 'done' as const,
      summary: `${what}: ${lines
        .filter((l) => l.linkId === link.id)
        .map((l) => `${l.quantity} × ${l.sku}`)
        .join(', ')}.`,
      detail: null,
    })),
  )
}
