/**
 * Sales taxes: the retailer's default (RetailerSettings, changed through /_sim/retailer), the
 * other taxes a merchant sets up (/_sim/taxes stands for Setup > Sales taxes; API 2.0 only reads
 * them), and a product's own tax per outlet, which product creates and updates set through
 * `outlet_taxes` or `all_outlets_tax` (ProductCreateBody) and GET /api/2.0/outlet_taxes lists.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { unprocessable } from './pos-errors'
import { type OutletTaxRecord, type TaxRecord, timestamp } from './pos-model'
import type { PosStore } from './pos-store'
import type { CursorParams } from './paging'

/** The default tax never changes version: it stands for the store's tax as first set up. */
const DEFAULT_TAX_VERSION = 1

export const outletTaxesInput = z.array(
  z.object({ outlet_id: z.string().min(1), tax_id: z.string().nullable() }),
)

export const allOutletsTaxInput = z.object({
  tax_id: z.string().nullish(),
  is_default: z.boolean().optional(),
})

export interface ProductTaxInput {
  outlet_taxes?: z.infer<typeof outletTaxesInput>
  all_outlets_tax?: z.infer<typeof allOutletsTaxInput>
}

const taxInput = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1, 'must not be empty'),
  rate: z.string().regex(/^\d+(\.\d+)?$/, 'must be a decimal fraction such as "0.05"'),
})

export const taxesInput = z.union([
  z.array(taxInput),
  z.object({ taxes: z.array(taxInput) }).transform((body) => body.taxes),
])

/** The store's other taxes become exactly this list: matched by id, then by name. */
export function setTaxes(store: PosStore, inputs: z.infer<typeof taxesInput>): TaxRecord[] {
  const now = timestamp()
  const live = [...store.taxes.scan()]
  const kept = new Set<string>()
  const saved = inputs.map((input) => {
    if (input.id === store.retailer.tax_id) {
      throw unprocessable(`taxes: ${input.id} is the default tax; change it through /_sim/retailer`)
    }
    const existing =
      live.find((t) => input.id !== undefined && t.id === input.id) ??
      live.find((t) => t.name.toLowerCase() === input.name.toLowerCase() && !kept.has(t.id))
    const tax: TaxRecord = {
      id: existing?.id ?? input.id ?? randomUUID(),
      name: input.name,
      rate: input.rate,
      version: store.nextVersion(),
      created_at: existing?.created_at ?? now,
      updated_at: now,
      deleted_at: null,
    }
    store.taxes.put(tax)
    kept.add(tax.id)

    return tax
  })
  for (const tax of live) {
    if (kept.has(tax.id)) continue
    store.taxes.put({ ...tax, deleted_at: now, updated_at: now, version: store.nextVersion() })
  }

  return saved
}

function renderTax(
  tax: { id: string; name: string; rate: string; version: number; deleted_at: string | null },
  isDefault: boolean,
) {
  return {
    id: tax.id,
    name: tax.name,
    display_name: tax.name,
    is_default: isDefault,
    rates: [{ id: tax.id, name: tax.name, rate: Number(tax.rate), display_name: tax.name }],
    version: tax.version,
    deleted_at: tax.deleted_at,
  }
}

/** GET /api/2.0/taxes: the default tax, then the others, over the version cursor. */
export function listTaxes(store: PosStore, { after, before, limit, includeDeleted }: CursorParams) {
  const r = store.retailer
  const fallback = { id: r.tax_id, name: r.tax_name, rate: r.tax_rate, deleted_at: null }
  const first =
    DEFAULT_TAX_VERSION > after && DEFAULT_TAX_VERSION < before
      ? [renderTax({ ...fallback, version: DEFAULT_TAX_VERSION }, true)]
      : []
  const rest = store.taxes.list({ after, before, limit: limit - first.length, includeDeleted })

  return [...first, ...rest.map((tax) => renderTax(tax, false))]
}

export function renderOutletTax(record: OutletTaxRecord) {
  return {
    outlet_id: record.outlet_id,
    product_id: record.product_id,
    tax_id: record.tax_id,
    version: record.version,
    deleted_at: record.deleted_at,
  }
}

/** Refuses a tax or an outlet the store does not have, before anything is written. */
export function checkProductTaxes(store: PosStore, input: ProductTaxInput, where: string) {
  const taxId = input.all_outlets_tax?.tax_id
  if (taxId && !store.taxById(taxId)) {
    throw unprocessable(`${where}all_outlets_tax.tax_id: tax ${taxId} not found`)
  }
  ;(input.outlet_taxes ?? []).forEach((item, i) => {
    const outlet = store.outlets.get(item.outlet_id)
    if (!outlet || outlet.deleted_at !== null) {
      throw unprocessable(
        `${where}outlet_taxes[${i}].outlet_id: outlet ${item.outlet_id} not found`,
      )
    }
    if (item.tax_id && !store.taxById(item.tax_id)) {
      throw unprocessable(`${where}outlet_taxes[${i}].tax_id: tax ${item.tax_id} not found`)
    }
  })
}

/**
 * Sets a product's own taxes: `all_outlets_tax` at every live outlet (an empty `tax_id` or
 * `is_default` puts the product back on each outlet's default), then `outlet_taxes` per outlet
 * (an empty `tax_id` clears that outlet's). Outlets not named keep what they had.
 */
export function writeProductTaxes(store: PosStore, productId: string, input: ProductTaxInput) {
  const all = input.all_outlets_tax
  if (all) {
    const taxId = all.is_default ? '' : (all.tax_id ?? '')
    for (const outlet of store.liveOutlets()) putOutletTax(store, productId, outlet.id, taxId)
  }
  for (const item of input.outlet_taxes ?? []) {
    putOutletTax(store, productId, item.outlet_id, item.tax_id ?? '')
  }
}

function putOutletTax(store: PosStore, productId: string, outletId: string, taxId: string) {
  const id = `${productId}:${outletId}`
  const existing = store.outletTaxes.get(id)
  const isLive = existing !== undefined && existing.deleted_at === null
  if (taxId === '' && !isLive) return
  if (isLive && existing.tax_id === taxId) return
  store.outletTaxes.put({
    id,
    product_id: productId,
    outlet_id: outletId,
    tax_id: taxId === '' ? (existing?.tax_id ?? '') : taxId,
    version: store.nextVersion(),
    deleted_at: taxId === '' ? timestamp() : null,
  })
}
