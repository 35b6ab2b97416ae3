/**
 * Which Retail POS outlets stock the online store (services/store-settings.ts: the store's
 * choice, else POS_STOCK_OUTLETS, else every outlet). eCom's quantity is the units for sale at
 * those outlets (src/sync/stock.ts). Resolved per store against its own outlets, kept briefly,
 * and read again at once when the store saves other settings.
 */
import type { PosReadContext } from '../../sync/from-pos'
import type { AppContext } from './context'
import { storeReadings } from './store-readings'
import { resolveStockOutlets, settled, storeChoices } from './store-settings'

const outletReadings = storeReadings<ReadonlySet<string> | null>(30_000)

/** The ids of the outlets whose stock is for sale online; null for every outlet. */
export async function stockOutletIds(
  ctx: AppContext,
  storeId: number,
): Promise<ReadonlySet<string> | null> {
  const choices = await storeChoices(ctx, storeId)
  const appWanted = ctx.config.pos.stockOutlets

  // Nothing to read from Retail POS: every outlet counts.
  // LIMITATION: "every outlet" counts whatever the product's inventory lists, also an outlet
  // deleted in Retail POS since; resolving it to the live outlets would cost a read per store.
  if (
    choices.stockOutletIds === 'all' ||
    (choices.stockOutletIds === null && appWanted.length === 0)
  ) {
    return null
  }

  return outletReadings(ctx, storeId, choices.version, async () => {
    const outlets = await (await ctx.connections.pos(storeId)).listOutlets()
    const ids = settled(resolveStockOutlets(outlets, choices, appWanted))

    return ids === 'all' ? null : ids
  })
}

/** How to read the store's Retail POS products: its tax mode and the outlets that stock eCom. */
export async function posReadContext(ctx: AppContext, storeId: number): Promise<PosReadContext> {
  const [{ taxExclusive }, outletIds] = await Promise.all([
    ctx.connections.posSettings(storeId),
    stockOutletIds(ctx, storeId),
  ])

  return { taxExclusive, stockOutletIds: outletIds }
}
