/**
 * Where an eCom order is recorded in Retail POS: at a register of the outlet that serves the
 * online store (POS_ONLINE_OUTLET, by name or id; the first outlet otherwise), by the user the
 * app's token acts as, with the outlet's tax, in the store's tax mode. Read once a minute at most.
 */
import Big from 'big.js'
import type { PosOutlet } from '../../../connectors/pos/pos-schemas'
import type { SaleTax } from '../../../sync/register-sale'
import type { PosClient } from '../connections'
import type { AppContext } from '../context'

const TTL_MS = 60_000

export interface SaleSetting {
  outletId: string
  registerId: string
  registerName: string
  userId: string
  tax: SaleTax
  /** Prices on both sides include tax (uploads check that the two agree). */
  pricesIncludeTax: boolean
}

const cache = new WeakMap<AppContext, Map<number, { at: number; value: Promise<SaleSetting> }>>()

/**
 * The outlet that serves the online store: the one named (or with the id) `wanted`, else the
 * first live outlet. Uploads from eCom put stock there, and eCom sales take it from there.
 */
export async function onlineOutlet(pos: PosClient, wanted: string | undefined): Promise<PosOutlet> {
  const outlets = (await pos.listOutlets()).filter((o) => !o.deleted_at)

  if (wanted !== undefined) {
    const key = wanted.trim().toLowerCase()
    const found = outlets.find(
      (o) => o.id === wanted || (o.name ?? '').trim().toLowerCase() === key,
    )
    const names = outlets.map((o) => `"${o.name ?? o.id}"`).join(', ')

    if (!found) {
      throw new Error(
        `Retail POS has no outlet "${wanted}" (POS_ONLINE_OUTLET); its outlets are ${names || 'none'}`,
      )
    }

    return found
  }

  const [first] = outlets

  if (!first) throw new Error('Retail POS has no outlet to record eCom sales and stock in')

  return first
}

/** Where and how the store's eCom orders are recorded; a clear error when it cannot be. */
export function saleSetting(ctx: AppContext, pos: PosClient, storeId: number) {
  let byStore = cache.get(ctx)

  if (!byStore) {
    byStore = new Map()
    cache.set(ctx, byStore)
  }

  const hit = byStore.get(storeId)

  if (hit && Date.now() - hit.at < TTL_MS) return hit.value

  const value = readSetting(ctx, pos, storeId)
  const kept = byStore

  kept.set(storeId, { at: Date.now(), value })
  value.catch(() => kept.delete(storeId))

  return value
}

async function readSetting(ctx: AppContext, pos: PosClient, storeId: number) {
  const outlet = await onlineOutlet(pos, ctx.config.pos.onlineOutlet)
  const outletName = outlet.name ?? outlet.id
  const register = (await pos.listRegisters()).find(
    (r) => r.outlet_id === outlet.id && !r.deleted_at,
  )

  if (!register) {
    throw new Error(
      `Retail POS outlet "${outletName}" has no register to record eCom sales at; add one to it in Retail POS`,
    )
  }

  // LIMITATION: every line takes the outlet's default tax; a product's own tax at the outlet
  // (outlet_taxes) is not read, and eCom's tax amounts are not carried over, so a product taxed
  // differently in Retail POS shows the outlet's default tax on its eCom sale.
  const taxes = (await pos.listTaxes()).filter((t) => !t.deleted_at)
  const tax =
    taxes.find((t) => t.id === outlet.default_tax_id) ?? taxes.find((t) => t.is_default === true)

  if (!tax) {
    throw new Error(`Retail POS has no default tax for outlet "${outletName}" to record eCom sales`)
  }

  const rate = (tax.rates ?? []).reduce((sum, r) => sum.plus(Number(r.rate ?? 0) || 0), new Big(0))
  const [user, settings] = await Promise.all([
    pos.getCurrentUser(),
    ctx.connections.posSettings(storeId),
  ])

  return {
    outletId: outlet.id,
    registerId: register.id,
    registerName: register.name ?? register.id,
    userId: user.id,
    tax: { id: tax.id, rate: rate.toFixed() },
    pricesIncludeTax: !settings.taxExclusive,
  }
}
