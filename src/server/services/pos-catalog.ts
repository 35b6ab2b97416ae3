/**
 * Keeps the local index of a store's Retail POS catalog current. Each refresh reads only what
 * changed since the last one, over the version cursor (products, then inventory), so an
 * up-to-date index costs two requests.
 */
import { toDecimalString } from '../../sync/money'
import { skuKey } from '../../sync/text'
import type { PosProduct } from '../../sync/pos-shapes'
import {
  readCursor,
  saveCursor,
  upsertPosInventory,
  upsertPosProducts,
} from '../store/pos-catalog-store'
import type { AppContext } from './context'

const PAGE_SIZE = 1000
const inFlight = new Map<number, Promise<void>>()

/** Brings the index up to date; concurrent callers for one store share one refresh. */
export function refreshPosCatalog(ctx: AppContext, storeId: number): Promise<void> {
  const running = inFlight.get(storeId)
  if (running) return running
  const work = doRefresh(ctx, storeId).finally(() => inFlight.delete(storeId))
  inFlight.set(storeId, work)

  return work
}

async function doRefresh(ctx: AppContext, storeId: number) {
  const pos = await ctx.connections.pos(storeId)
  const { taxExclusive } = await ctx.connections.posSettings(storeId)

  let after = await readCursor(ctx.db, storeId, 'pos-products')
  for await (const page of pos.iterateProducts({ after, pageSize: PAGE_SIZE, deleted: true })) {
    const rows = page.data.map((p) => toIndexRow(storeId, p as PosProduct, taxExclusive))
    after = Math.max(after, page.version?.max ?? 0)
    await ctx.db.transaction().execute(async (trx) => {
      await upsertPosProducts(trx, rows)
      await saveCursor(trx, storeId, 'pos-products', after)
    })
  }

  let inventoryAfter = await readCursor(ctx.db, storeId, 'pos-inventory')
  for await (const page of pos.iterateInventory({ after: inventoryAfter, pageSize: PAGE_SIZE })) {
    const rows = page.data.map((record) => ({
      store_id: storeId,
      product_id: record.product_id,
      outlet_id: record.outlet_id,
      level: Math.trunc(Number(record.inventory_level ?? 0)) || 0,
    }))
    inventoryAfter = Math.max(inventoryAfter, page.version?.max ?? 0)
    await ctx.db.transaction().execute(async (trx) => {
      await upsertPosInventory(trx, rows)
      await saveCursor(trx, storeId, 'pos-inventory', inventoryAfter)
    })
  }
}

function toIndexRow(storeId: number, p: PosProduct, taxExclusive: boolean) {
  const price = taxExclusive ? p.price_excluding_tax : p.price_including_tax

  return {
    store_id: storeId,
    id: p.id,
    family_id: p.variant_parent_id || p.id,
    is_parent: p.variant_parent_id ? 0 : 1,
    name: (p.name ?? '').trim(),
    sku: skuKey(p.sku),
    price: toDecimalString(price),
    active: p.active === false || p.is_active === false ? 0 : 1,
    deleted: p.deleted_at ? 1 : 0,
    version: Number(p.version ?? 0),
    body: JSON.stringify(p),
  }
}
