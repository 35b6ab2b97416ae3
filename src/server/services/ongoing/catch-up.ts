/**
 * The catch-up: Retail POS webhooks are not guaranteed, so every change is also found over the
 * version cursor (products, then stock), which Lightspeed recommends as the source of truth. A
 * changed record marks its link only when it differs from what was last sent to eCom, so what a
 * webhook already brought, or a sale the app recorded itself, is not worked again.
 */
import { membersToRecheck } from '../../../sync/changes-recheck'
import type { PosInventoryRecord, PosProduct } from '../../../sync/pos-shapes'
import { readCursor, saveCursor } from '../../store/pos-catalog-store'
import { linksWithoutSnapshot, markDirty, readSnapshot } from '../../store/sync-store'
import {
  familiesOfVariants,
  findLinksOfFamilies,
  hasActiveUpload,
  storesWithLinks,
} from '../../store/sync-store-links'
import type { AppContext } from '../context'
import { isPosNotConnected } from '../pos-tokens'

const PAGE_SIZE = 1000
const PRODUCTS_CURSOR = 'ongoing-pos-products'
const STOCK_CURSOR = 'ongoing-pos-inventory'

/** Walks what changed in Retail POS since the last catch-up; returns how many links it marked. */
export async function catchUp(ctx: AppContext): Promise<number> {
  let marked = 0

  for (const storeId of await storesWithLinks(ctx.db)) {
    try {
      marked += await catchUpStore(ctx, storeId)
    } catch (error) {
      // A store whose Retail POS is not connected is caught up once it connects again.
      if (!isPosNotConnected(error)) throw error
    }
  }

  return marked
}

async function catchUpStore(ctx: AppContext, storeId: number): Promise<number> {
  const pos = await ctx.connections.pos(storeId)
  const { taxExclusive } = await ctx.connections.posSettings(storeId)
  let marked = 0

  let after = await readCursor(ctx.db, storeId, PRODUCTS_CURSOR)

  for await (const page of pos.iterateProducts({ after, pageSize: PAGE_SIZE, deleted: true })) {
    const byFamily = groupBy(page.data as PosProduct[], (p) => p.variant_parent_id || p.id)

    marked += await markChanged(
      ctx,
      storeId,
      byFamily,
      (products) => ({ products, inventory: [] }),
      taxExclusive,
    )
    after = Math.max(after, page.version?.max ?? 0)
    await saveCursor(ctx.db, storeId, PRODUCTS_CURSOR, after)
  }

  let stockAfter = await readCursor(ctx.db, storeId, STOCK_CURSOR)

  for await (const page of pos.iterateInventory({ after: stockAfter, pageSize: PAGE_SIZE })) {
    const records = page.data as PosInventoryRecord[]
    const families = await familiesOfVariants(ctx.db, storeId, [
      ...new Set(records.map((r) => r.product_id)),
    ])
    const linked = records.filter((r) => families.has(r.product_id))
    const byFamily = groupBy(linked, (r) => families.get(r.product_id) ?? '')

    marked += await markChanged(
      ctx,
      storeId,
      byFamily,
      (inventory) => ({ products: [], inventory }),
      taxExclusive,
    )
    stockAfter = Math.max(stockAfter, page.version?.max ?? 0)
    await saveCursor(ctx.db, storeId, STOCK_CURSOR, stockAfter)
  }

  return marked + (await markFirstSyncs(ctx, storeId))
}

/**
 * Links not synced since their upload get a first sync that compares eCom with Retail POS as a
 * whole (sync-links.ts): a change made while the product was being uploaded is found that way,
 * even when its version went by before the link existed. Not while an upload of the store runs.
 */
async function markFirstSyncs(ctx: AppContext, storeId: number): Promise<number> {
  if (await hasActiveUpload(ctx.db, storeId)) return 0

  const links = await linksWithoutSnapshot(ctx.db, storeId)

  for (const link of links) await markDirty(ctx.db, link, 'all')

  return links.length
}

async function markChanged<T>(
  ctx: AppContext,
  storeId: number,
  byFamily: Map<string, T[]>,
  records: (items: T[]) => { products: PosProduct[]; inventory: PosInventoryRecord[] },
  taxExclusive: boolean,
): Promise<number> {
  let marked = 0

  for (const link of await findLinksOfFamilies(ctx.db, storeId, [...byFamily.keys()])) {
    if (link.state === 'deleted_in_pos') continue

    const snapshot = await readSnapshot(ctx.db, link.id)
    const { products, inventory } = records(byFamily.get(link.pos_product_id) ?? [])

    // A link never synced since its upload is marked by the first-sync pass instead.
    if (!snapshot) continue

    const members = membersToRecheck(snapshot, products, inventory, { taxExclusive })

    if (members.length === 0) continue
    await markDirty(ctx.db, link, members)
    marked += 1
  }

  return marked
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()

  for (const item of items) {
    const key = keyOf(item)
    const group = groups.get(key) ?? []

    group.push(item)
    groups.set(key, group)
  }

  return groups
}
