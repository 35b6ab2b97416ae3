import type { CatalogProduct, CatalogVariant } from './model'
import { toDecimalString } from './money'
import type { PosInventoryRecord, PosProduct } from './pos-shapes'
import { readStockLevel, unitsForSale } from './stock'
import { cleanText, optionNameKey, skuKey, uniqueNames } from './text'

export interface PosReadContext {
  /** The retailer's `tax_exclusive`: which of the two X-Series prices is the retail price. */
  taxExclusive: boolean
  /** The outlets whose stock is for sale online; every outlet when absent or null. */
  stockOutletIds?: ReadonlySet<string> | null
}

/**
 * Reads one X-Series product into the neutral model: a standard product, or a family given as its
 * parent (`has_variants`) plus its children. Deleted children are left out. The parent is itself a
 * sellable variant when it carries option values, as it does in API 2.0 and in Vend exports.
 */
export function fromPosFamily(
  products: PosProduct[],
  inventory: PosInventoryRecord[],
  ctx: PosReadContext,
): CatalogProduct {
  const parent = findParent(products)
  const members = sellableMembers(parent, products)
  const optionNames = isTitleDefault(members) ? [] : familyOptionNames(members)
  const trackInventory = parent.has_inventory !== false

  const variants = members.map((member) =>
    toVariant(member, optionNames, inventory, trackInventory, ctx),
  )

  return {
    system: 'pos',
    sourceId: parent.id,
    name: cleanText(parent.name),
    description: parent.description ?? '',
    tags: uniqueNames(members.flatMap((m) => (m.categories ?? []).map((tag) => tag.name))),
    isActive: parent.is_active !== false && parent.active !== false,
    isComposite: members.some((m) => m.is_composite === true),
    trackInventory,
    optionNames,
    variants,
    imageUrls: familyImages(members),
  }
}

function findParent(products: PosProduct[]): PosProduct {
  const parent =
    products.find((p) => p.has_variants === true && !p.variant_parent_id) ??
    products.find((p) => !p.variant_parent_id)

  if (!parent) throw new Error('fromPosFamily needs the family parent or the standard product')

  const stranger = products.find((p) => p !== parent && p.variant_parent_id !== parent.id)

  // One call maps one family: a stray product here is a caller bug, never something to drop.
  if (stranger) throw new Error(`product ${stranger.id} is not in the family of ${parent.id}`)

  return parent
}

function sellableMembers(parent: PosProduct, products: PosProduct[]): PosProduct[] {
  const children = products.filter((p) => p !== parent && !p.deleted_at)
  const parentHasValues = (parent.variant_options ?? []).length > 0

  return parentHasValues || children.length === 0 ? [parent, ...children] : children
}

/** Option names in the family's order: the parent's first, then any a child adds. */
function familyOptionNames(members: PosProduct[]): string[] {
  const keys = new Set<string>()
  const names: string[] = []

  for (const option of members.flatMap((m) => m.variant_options ?? [])) {
    const name = cleanText(option.name)
    const key = optionNameKey(name)

    if (keys.has(key)) continue
    keys.add(key)
    names.push(name)
  }

  return names
}

/** Shopify imports leave simple products with one pseudo-variant "Title: Default". */
function isTitleDefault(members: PosProduct[]): boolean {
  const [only] = members
  const options = only?.variant_options ?? []

  return (
    members.length === 1 &&
    options.length > 0 &&
    options.every((o) => optionNameKey(o.name) === 'title' && optionNameKey(o.value) === 'default')
  )
}

function toVariant(
  member: PosProduct,
  optionNames: string[],
  inventory: PosInventoryRecord[],
  trackInventory: boolean,
  ctx: PosReadContext,
): CatalogVariant {
  const valueByName = new Map<string, string>()

  // The first value wins when an option repeats, as the API 2.0 example itself does.
  for (const option of member.variant_options ?? []) {
    const key = optionNameKey(option.name)

    if (!valueByName.has(key)) valueByName.set(key, cleanText(option.value))
  }

  const rawPrice = ctx.taxExclusive ? member.price_excluding_tax : member.price_including_tax
  const price = toDecimalString(rawPrice)
  const records = inventory.filter((r) => r.product_id === member.id && !r.deleted_at)
  const outletStock = records.map((r) => ({
    outletId: r.outlet_id,
    level: readStockLevel(r.inventory_level ?? r.current_inventory_level ?? r.current_amount),
  }))

  return {
    sourceId: member.id,
    sku: skuKey(member.sku),
    optionValues: optionNames.map((name) => valueByName.get(optionNameKey(name)) ?? ''),
    price,
    ...(price === null ? { rawPrice } : {}),
    quantity: trackInventory
      ? unitsForSale(
          outletStock
            .filter((s) => !ctx.stockOutletIds || ctx.stockOutletIds.has(s.outletId))
            .map((s) => s.level),
        )
      : null,
    outletStock,
  }
}

/** Product images, main first; `image_url` only when there are none, as it is a resized copy. */
function familyImages(members: PosProduct[]): string[] {
  const isReal = (url: string) => url !== '' && !url.toLowerCase().includes('placeholder')
  const urls = uniqueNames(
    members.flatMap((m) => (m.images ?? []).map((image) => image.url)),
    (url) => url,
  ).filter(isReal)

  if (urls.length > 0) return urls

  const fallback = members.map((m) => cleanText(m.image_url)).find(isReal)

  return fallback ? [fallback] : []
}
