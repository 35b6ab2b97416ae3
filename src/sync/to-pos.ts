import { productLabel } from './labels'
import type { CatalogProduct, CatalogVariant } from './model'
import { toPosPrice } from './money'
import type {
  PosFamilyCreateBody,
  PosInventoryCreate,
  PosPriceFields,
  PosVariantCreate,
} from './pos-shapes'
import { optionNameKey } from './text'
import { MAX_TAGS } from './validate'

export interface PosCreateContext {
  /** Ids of the X-Series tags for tagsForUpload(p), found or created by the caller, in order. */
  tagIds: string[]
  /** X-Series variant attribute id per option name, found or created by the caller. */
  attributeIdsByName: Record<string, string>
  /** The outlet that receives eCom's stock. */
  outletId: string
  /** The retailer's `tax_exclusive`: which one of the two prices to send. */
  taxExclusive: boolean
}

/**
 * The X-Series `POST /api/2.0/products` body for a product that passed validateForUpload: the
 * article's first table, eCom → POS, without images. Nothing of the second table is written
 * (weight, UPC, brand, shipping dimensions, compare-to price, subtitle, low-stock threshold).
 */
export function toPosCreate(p: CatalogProduct, ctx: PosCreateContext): PosFamilyCreateBody {
  const common = {
    name: p.name,
    ...(p.description === '' ? {} : { description: p.description }),
    tag_ids: ctx.tagIds.slice(0, MAX_TAGS),
    is_active: p.isActive,
    active: p.isActive,
    has_inventory: p.trackInventory,
  }
  const [first] = p.variants

  if (!first) throw new Error(`${productLabel(p)} has no variant to upload`)

  if (p.optionNames.length === 0) {
    return {
      ...common,
      sku: first.sku,
      ...priceFields(p, first, ctx.taxExclusive),
      ...inventoryFields(first.quantity, ctx.outletId),
    }
  }

  const attributeIds = p.optionNames.map((name) => attributeIdFor(name, ctx.attributeIdsByName))
  const variants = p.variants.map((v): PosVariantCreate => ({
    sku: v.sku,
    ...priceFields(p, v, ctx.taxExclusive),
    variant_definitions: attributeIds.map((attribute_id, i) => ({
      attribute_id,
      value: v.optionValues[i] ?? '',
    })),
    ...inventoryFields(v.quantity, ctx.outletId),
  }))

  return { ...common, variants }
}

/** X-Series refuses a create with both prices: the retailer's tax mode picks one. */
function priceFields(p: CatalogProduct, v: CatalogVariant, taxExclusive: boolean): PosPriceFields {
  if (v.price === null)
    throw new Error(`${productLabel(p)}: map only products that passed validation`)

  const price = toPosPrice(v.price)

  return taxExclusive ? { price_excluding_tax: price } : { price_including_tax: price }
}

/** Untracked stock sends no inventory; counted stock lands at the one chosen outlet. */
function inventoryFields(
  quantity: number | null,
  outletId: string,
): { inventory?: PosInventoryCreate[] } {
  if (quantity === null) return {}

  return { inventory: [{ outlet_id: outletId, current_amount: Math.max(0, quantity) }] }
}

function attributeIdFor(name: string, ids: Record<string, string>): string {
  const id =
    ids[name] ??
    Object.entries(ids).find(([known]) => optionNameKey(known) === optionNameKey(name))?.[1]

  if (!id) throw new Error(`no X-Series variant attribute id for option "${name}"`)

  return id
}
