/**
 * Where and how an eCom order is recorded in Retail POS: at a register of the outlet that serves
 * the online store (POS_ONLINE_OUTLET, by name or id; the first outlet otherwise), by the user the
 * app's token acts as, each product with its own tax at that outlet (else the outlet's default),
 * in the store's tax mode, paid with the payment type that stands for eCom (POS_ECOM_PAYMENT_TYPE).
 * Read once a minute at most.
 */
import Big from 'big.js'
import type { PosOutlet, PosPaymentType, PosTax } from '../../../connectors/pos/pos-schemas'
import type { SaleTax } from '../../../sync/register-sale'
import { SettingError } from '../../errors'
import type { PosClient } from '../connections'
import type { AppContext } from '../context'

// LIMITATION: read once a minute, so a product's tax or a payment type changed in Retail POS
// applies to eCom sales within a minute; reading it costs six requests, more than a sale itself.
const TTL_MS = 60_000

export interface SaleSetting {
  outletId: string
  outletName: string
  registerId: string
  registerName: string
  userId: string
  /** The outlet's default tax. */
  tax: SaleTax
  /** Every live tax, by id. */
  taxes: ReadonlyMap<string, SaleTax>
  /** Products with a tax of their own at the outlet: product id → tax id. */
  productTaxes: ReadonlyMap<string, string>
  /** Prices on both sides include tax (uploads check that the two agree). */
  pricesIncludeTax: boolean
  /** What eCom sales are paid with, and their returns refunded through. */
  paymentType: { id: string; name: string }
  /** The ids of the store's live payment types. */
  paymentTypeIds: ReadonlySet<string>
}

/** Names a merchant gives the payment type of online orders, most telling first. */
const ECOM_PAYMENT_NAMES: readonly ((name: string) => boolean)[] = [
  (name) => name.includes('ecom'),
  (name) => name.includes('online'),
  (name) => name === 'other',
]

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
      throw new SettingError(
        `Retail POS has no outlet "${wanted}" (POS_ONLINE_OUTLET); its outlets are ${names || 'none'}.`,
      )
    }

    return found
  }

  const [first] = outlets

  if (!first) throw new Error('Retail POS has no outlet to record eCom sales and stock in')

  return first
}

/**
 * The payment type eCom sales are paid with: the one named (or with the id) `wanted`, else the
 * first named like "eCom", then "Online", then "Other". A clear error naming the setting and the
 * store's payment types when there is none.
 */
function ecomPaymentType(
  types: readonly PosPaymentType[],
  wanted: string | undefined,
): PosPaymentType {
  const live = types.filter((t) => !t.deleted_at)
  const names = live.map((t) => `"${t.name ?? t.id}"`).join(', ') || 'none'
  const key = (name: string | null | undefined) => (name ?? '').trim().toLowerCase()

  if (wanted !== undefined) {
    const found = live.find((t) => t.id === wanted || key(t.name) === key(wanted))

    if (!found) {
      throw new SettingError(
        `Retail POS has no payment type "${wanted}" (POS_ECOM_PAYMENT_TYPE); its payment types are ${names}.`,
      )
    }

    return found
  }

  const plain = (t: PosPaymentType) => key(t.name).replace(/[^\p{L}\p{N}]/gu, '')
  const found = ECOM_PAYMENT_NAMES.map((matches) => live.find((t) => matches(plain(t)))).find(
    (t) => t !== undefined,
  )

  if (!found) {
    throw new SettingError(
      `Retail POS has no payment type named like "eCom", "Online" or "Other" to pay eCom sales with; set POS_ECOM_PAYMENT_TYPE to one of its payment types: ${names}.`,
    )
  }

  return found
}

/**
 * A product's tax at the online store's outlet: its own when it has one, else the outlet's
 * default. A product whose own tax Retail POS does not list is an error naming it.
 */
export function productTax(setting: SaleSetting, productId: string, sku: string): SaleTax {
  const own = setting.productTaxes.get(productId)

  if (own === undefined) return setting.tax

  const tax = setting.taxes.get(own)

  if (!tax) {
    throw new Error(
      `Retail POS product ${sku} has tax ${own} at outlet "${setting.outletName}" (outlet_taxes), which is not one of its taxes`,
    )
  }

  return tax
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

async function readSetting(ctx: AppContext, pos: PosClient, storeId: number): Promise<SaleSetting> {
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

  const [taxList, outletTaxes, paymentTypes, user, settings] = await Promise.all([
    pos.listTaxes(),
    pos.listOutletTaxes(outlet.id),
    pos.listPaymentTypes(),
    pos.getCurrentUser(),
    ctx.connections.posSettings(storeId),
  ])
  const live = taxList.filter((t) => !t.deleted_at)
  const byDefault =
    live.find((t) => t.id === outlet.default_tax_id) ?? live.find((t) => t.is_default === true)

  if (!byDefault) {
    throw new Error(`Retail POS has no default tax for outlet "${outletName}" to record eCom sales`)
  }

  const paymentType = ecomPaymentType(paymentTypes, ctx.config.pos.ecomPaymentType)

  return {
    outletId: outlet.id,
    outletName,
    registerId: register.id,
    registerName: register.name ?? register.id,
    userId: user.id,
    tax: saleTax(byDefault),
    taxes: new Map(live.map((t) => [t.id, saleTax(t)])),
    productTaxes: new Map(
      outletTaxes
        .filter((r) => r.outlet_id === outlet.id && r.tax_id && !r.deleted_at)
        .map((r) => [r.product_id, r.tax_id ?? '']),
    ),
    pricesIncludeTax: !settings.taxExclusive,
    paymentType: { id: paymentType.id, name: paymentType.name ?? paymentType.id },
    paymentTypeIds: new Set(paymentTypes.filter((t) => !t.deleted_at).map((t) => t.id)),
  }
}

/** A tax as a sale line takes it: its rates added up, as a decimal fraction. */
function saleTax(tax: PosTax): SaleTax {
  const rate = (tax.rates ?? []).reduce((sum, r) => sum.plus(Number(r.rate ?? 0) || 0), new Big(0))

  return { id: tax.id, rate: rate.toFixed() }
}
