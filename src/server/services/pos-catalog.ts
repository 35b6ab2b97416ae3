/**
 * Keeps the local index of a store's Retail POS catalog current. Each refresh reads only what
 * changed since the last one, over the version cursor (products, then inventory), so an
 * up-to-date index costs two requests.
 */
import { toDecimalString } from '../../sync/money'
import { skuKey } from '../../sync/text'
import type { PosProduct } from '../../sync/pos-shapes'
import type { Db } from '../store/db'
import {
  readCursor,
  saveCursor,
  upsertPosInventory,
  upsertPosProducts,
} from '../store/pos-catalog-store'
import type { AppContext } from './context'

const PAGE_SIZE = 1000
/**
 * A picker read waits for a refresh when the index was not read for this long: after a pause the
 * store's request budget at Retail POS has filled up again, so the wait is one round trip, and a
 * product added in Retail POS meanwhile is in the first page the merchant sees.
 */
const BROWSE_WAITS_AFTER_MS = 60_000
/** How long a picker read waits for the background refresh it started before answering. */
const BROWSE_GRACE_MS = 200

/** Per database (the index lives there) and store: the refresh running, and the last one. */
const inFlight = new WeakMap<Db, Map<number, Promise<void>>>()
const lastRead = new WeakMap<Db, Map<number, { startedAt: number; failed: boolean }>>()

function perStore<T>(maps: WeakMap<Db, Map<number, T>>, db: Db): Map<number, T> {
  let byStore = maps.get(db)
  if (!byStore) {
    byStore = new Map()
    maps.set(db, byStore)
  }

  return byStore
}

/** Brings the index up to date; concurrent callers for one store share one refresh. */
export function refreshPosCatalog(ctx: AppContext, storeId: number): Promise<void> {
  const running = perStore(inFlight, ctx.db)
  const current = running.get(storeId)
  if (current) return current
  const startedAt = Date.now()
  const reads = perStore(lastRead, ctx.db)
  const work = doRefresh(ctx, storeId)
    .then(
      () => void reads.set(storeId, { startedAt, failed: false }),
      (error: unknown) => {
        reads.set(storeId, { startedAt, failed: true })
        throw error
      },
    )
    .finally(() => running.delete(storeId))
  running.set(storeId, work)

  return work
}

/**
 * The index as the picker reads it, page after page and search after search: brought up to date
 * in the background at most every POS_INDEX_BROWSE_REFRESH_MS, so no page waits on Retail POS's
 * pacing. It waits for a refresh only when this process never read the index, the last read
 * failed (its error is then the answer) or the index was not read for a minute.
 * LIMITATION: a product deleted in Retail POS in the last few seconds can still be listed; the
 * upload's check and the upload itself read Retail POS again and refuse it as deleted.
 */
export async function posIndexForBrowsing(ctx: AppContext, storeId: number): Promise<void> {
  // Not connected, or to be reconnected: said at once, as a read of Retail POS would say it.
  await ctx.connections.pos(storeId)
  const last = perStore(lastRead, ctx.db).get(storeId)
  const age = last ? Date.now() - last.startedAt : Infinity
  if (!last || last.failed || age >= BROWSE_WAITS_AFTER_MS) {
    await refreshPosCatalog(ctx, storeId)

    return
  }
  if (age < ctx.config.pos.indexBrowseRefreshMs || perStore(inFlight, ctx.db).has(storeId)) return

  const refresh = refreshPosCatalog(ctx, storeId)
  // A failure is remembered above: the next read waits for a refresh and answers with its error.
  refresh.catch((error: unknown) =>
    ctx.log.warn({ err: error, storeId }, 'could not refresh the Retail POS index'),
  )
  // Retail POS usually answers the two reads at once: then this page already shows the changes.
  let timer: NodeJS.Timeout | undefined
  await Promise.race([
    refresh.catch(() => undefined),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, BROWSE_GRACE_MS))),
  ])
  clearTimeout(timer)
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
