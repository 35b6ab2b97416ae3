/**
 * Where and how an eCom order is recorded in Retail POS: at a register of the outlet that serves
 * the online store, by the user the app's token acts as, each product with its own tax at that
 * outlet (else the outlet's default), in the store's tax mode, paid with the payment type that
 * stands for eCom; the outlet and the payment type as services/store-settings.ts resolves them.
 * Read once a minute at most, and again at once when the store saves other settings.
 */
import Big from 'big.js'
import type { PosOutlet, PosTax } from '../../../connectors/pos/pos-schemas'
import type { SaleTax } from '../../../sync/register-sale'
import type { SavedChoices } from '../../store/store-settings-store'
import type { PosClient } from '../connections'
import type { AppContext } from '../context'
import { storeReadings } from '../store-readings'
import { resolveOnlineOutlet, resolvePaymentType, settled, storeChoices } from '../store-settings'

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

const settings = storeReadings<SaleSetting>(TTL_MS)

/**
 * The outlet that serves the online store (services/store-settings.ts). Uploads from eCom put
 * stock there, and eCom sales take it from there.
 */
export async function onlineOutlet(
  ctx: AppContext,
  pos: PosClient,
  storeId: number,
): Promise<PosOutlet> {
  const [outlets, choices] = await Promise.all([pos.listOutlets(), storeChoices(ctx, storeId)])

  return settled(resolveOnlineOutlet(outlets, choices, ctx.config.pos.onlineOutlet))
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
export async function saleSetting(ctx: AppContext, pos: PosClient, storeId: number) {
  const choices = await storeChoices(ctx, storeId)

  return settings(ctx, storeId, choices.version, () => readSetting(ctx, pos, storeId, choices))
}

async function readSetting(
  ctx: AppContext,
  pos: PosClient,
  storeId: number,
  choices: SavedChoices,
): Promise<SaleSetting> {
  const outlet = settled(
    resolveOnlineOutlet(await pos.listOutlets(), choices, ctx.config.pos.onlineOutlet),
  )
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

  const paymentType = settled(
    resolvePaymentType(paymentTypes, choices, ctx.config.pos.ecomPaymentType),
  )

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
