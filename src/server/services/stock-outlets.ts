/**
 * Which Retail POS outlets stock the online store: the ones POS_STOCK_OUTLETS names (by name or
 * id), or every outlet when it names none. eCom's quantity is the units for sale at those outlets
 * (src/sync/stock.ts). Resolved per store against its own outlets, kept briefly.
 */
import type { PosReadContext } from '../../sync/from-pos'
import { SettingError } from '../errors'
import type { AppContext } from './context'

const TTL_MS = 30_000

const cache = new WeakMap<
  AppContext,
  Map<number, { at: number; value: Promise<ReadonlySet<string> | null> }>
>()

/** The ids of the outlets whose stock is for sale online; null for every outlet. */
export function stockOutletIds(
  ctx: AppContext,
  storeId: number,
): Promise<ReadonlySet<string> | null> {
  const wanted = ctx.config.pos.stockOutlets

  if (wanted.length === 0) return Promise.resolve(null)

  let byStore = cache.get(ctx)

  if (!byStore) {
    byStore = new Map()
    cache.set(ctx, byStore)
  }

  const hit = byStore.get(storeId)

  if (hit && Date.now() - hit.at < TTL_MS) return hit.value

  const value = resolve(ctx, storeId, wanted)

  byStore.set(storeId, { at: Date.now(), value })
  value.catch(() => byStore.delete(storeId))

  return value
}

async function resolve(ctx: AppContext, storeId: number, wanted: string[]) {
  const outlets = (await (await ctx.connections.pos(storeId)).listOutlets()).filter(
    (o) => !o.deleted_at,
  )
  const ids = new Set<string>()
  const missing: string[] = []

  for (const name of wanted) {
    const key = name.toLowerCase()
    const found = outlets.find((o) => o.id === name || (o.name ?? '').trim().toLowerCase() === key)

    if (found) ids.add(found.id)
    else missing.push(`"${name}"`)
  }

  if (missing.length > 0) {
    const names = outlets.map((o) => `"${o.name ?? o.id}"`).join(', ')

    throw new SettingError(
      `POS_STOCK_OUTLETS names ${missing.join(', ')}, which Retail POS does not have; its ` +
        `outlets are ${names || 'none'}.`,
    )
  }

  return ids
}

/** How to read the store's Retail POS products: its tax mode and the outlets that stock eCom. */
export async function posReadContext(ctx: AppContext, storeId: number): Promise<PosReadContext> {
  const [{ taxExclusive }, outletIds] = await Promise.all([
    ctx.connections.posSettings(storeId),
    stockOutletIds(ctx, storeId),
  ])

  return { taxExclusive, stockOutletIds: outletIds }
}
