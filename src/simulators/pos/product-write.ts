/**
 * Checks and writes that creating, updating and deleting products share: the SKU and name rules,
 * prices, stock records, and the version stamp every write gets.
 */
import { randomUUID } from 'node:crypto'
import { notFound, unprocessable } from './pos-errors'
import {
  type InventoryRecord,
  pricePair,
  type ProductRecord,
  toDecimal,
  type VariantValue,
} from './pos-model'
import type { PosStore } from './pos-store'
import type { InventoryInput } from './product-inputs'

export const MAX_VARIANTS = 200
export const MAX_ATTRIBUTES = 3

const BOTH_PRICES = 'You cannot include both price_including_tax and price_excluding_tax'

export function priceFields(
  input: { price_excluding_tax?: unknown; price_including_tax?: unknown },
  store: PosStore,
  where = '',
) {
  const hasExcluding = input.price_excluding_tax !== undefined && input.price_excluding_tax !== null
  const hasIncluding = input.price_including_tax !== undefined && input.price_including_tax !== null
  if (hasExcluding && hasIncluding) throw unprocessable(`${where}${BOTH_PRICES}`)
  if (!hasExcluding && !hasIncluding) return undefined
  const field = hasExcluding ? 'price_excluding_tax' : 'price_including_tax'
  const value = toDecimal(hasExcluding ? input.price_excluding_tax : input.price_including_tax)
  // Negative prices are kept: real exports hold them (vouchers, discounts such as "THS Bucks").
  if (!value) throw unprocessable(`${where}${field} must be a number`)

  // LIMITATION: both prices follow the default tax, also for a product with its own tax (which
  // differs per outlet); the app reads the price the store's tax mode shows, and splits it itself.
  return pricePair(
    hasExcluding ? { excluding: value } : { including: value },
    store.retailer.tax_rate,
  )
}

export function decimalField(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  const decimal = toDecimal(value)
  if (!decimal) throw unprocessable(`${field} must be a number`)

  return decimal.toFixed()
}

/**
 * SKUs are unique among live products, compared case-insensitively like the search index, unless
 * the retailer allows duplicates (a simulator setting: the spec only says "should be unique").
 */
export function assertSkuFree(store: PosStore, sku: string, where: string, exceptId?: string) {
  if (store.retailer.allow_duplicate_skus) return
  for (const id of store.liveProductIdsBySku(sku)) {
    if (id !== exceptId)
      throw unprocessable(`${where}sku "${sku}" is already in use by another product`)
  }
}

/** [X6]: only members of one variant family can have the same name. */
export function assertNameFree(store: PosStore, name: string, familyId?: string) {
  for (const id of store.liveProductIdsByName(name)) {
    if (store.products.get(id)?.family_id !== familyId) {
      throw unprocessable(
        `name "${name}" is already used by another product; only members of one variant family share a name`,
      )
    }
  }
}

/** The next SKU of the store's sequence that no live product uses, as the API does on create. */
export function nextSku(store: PosStore, taken: Set<string>): string {
  const settings = { ...store.retailer }
  let sku = String(settings.sku_sequence)
  while (store.liveProductIdsBySku(sku).size > 0 || taken.has(sku.toLowerCase())) {
    settings.sku_sequence += 1
    sku = String(settings.sku_sequence)
  }
  settings.sku_sequence += 1
  store.saveRetailer(settings)

  return sku
}

export function liveProduct(store: PosStore, id: string): ProductRecord {
  const product = store.products.get(id)
  if (!product || product.deleted_at !== null) throw notFound('product')

  return product
}

export function assertOutlets(store: PosStore, inventory: InventoryInput[], where: string) {
  inventory.forEach((item, i) => {
    const outlet = store.outlets.get(item.outlet_id)
    if (!outlet || outlet.deleted_at !== null) {
      throw unprocessable(`${where}inventory[${i}].outlet_id: outlet ${item.outlet_id} not found`)
    }
  })
}

export function assertTags(store: PosStore, tagIds: string[]) {
  tagIds.forEach((id, i) => {
    const tag = store.tags.get(id)
    if (!tag || tag.deleted_at !== null) throw unprocessable(`tag_ids[${i}]: tag ${id} not found`)
  })
}

/** Stamps a product write with a new version and stores it. */
export function saveProduct(store: PosStore, product: ProductRecord, now: string) {
  const saved = { ...product, updated_at: now, version: store.nextVersion() }
  store.putProduct(saved)

  return saved
}

/**
 * Sets stock per outlet. A tracked product has a record at every live outlet (0 unless given);
 * the amounts are absolute, as PUT 2.1 `details.inventory` is. Negative levels are kept.
 */
export function writeStock(
  store: PosStore,
  productId: string,
  inventory: InventoryInput[],
  fillAllOutlets: boolean,
) {
  const given = new Map(inventory.map((item) => [item.outlet_id, item]))
  const outlets = fillAllOutlets ? store.liveOutlets().map((o) => o.id) : [...given.keys()]
  for (const outletId of outlets) {
    const item = given.get(outletId)
    const existing = store.stockAt(productId, outletId)
    if (existing && !item && existing.deleted_at === null) continue
    const record: InventoryRecord = {
      id: existing?.id ?? randomUUID(),
      product_id: productId,
      outlet_id: outletId,
      inventory_level: item?.current_amount ?? existing?.inventory_level ?? 0,
      reorder_point: reorderValue(item?.reorder_point, existing?.reorder_point),
      reorder_amount: reorderValue(item?.reorder_amount, existing?.reorder_amount),
      version: store.nextVersion(),
      deleted_at: null,
    }
    store.putInventory(record)
  }
}

// PUT 2.1 documents -1 as "clear the reorder point".
function reorderValue(sent: number | null | undefined, current: number | null | undefined) {
  if (sent === undefined) return current ?? null
  if (sent === null || sent === -1) return null

  return sent
}

export function assertComboFree(
  members: ProductRecord[],
  selfId: string | null,
  options: VariantValue[],
) {
  const combo = JSON.stringify(options.map((o) => o.value))
  for (const member of members) {
    if (member.id === selfId) continue
    if (JSON.stringify(member.variant_options.map((o) => o.value)) === combo) {
      throw unprocessable(
        `variant ${options.map((o) => o.value).join(' / ')} already exists in this family`,
      )
    }
  }
}

export function softDeleteStock(store: PosStore, productId: string, now: string) {
  for (const record of store.inventoryOf(productId)) {
    if (record.deleted_at !== null) continue
    store.putInventory({ ...record, deleted_at: now, version: store.nextVersion() })
  }
}

export function handleFrom(name: string): string {
  const handle = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')

  return handle || `product-${randomUUID().slice(0, 8)}`
}
