import type {
  EcomCombinationCreate,
  EcomOptionCreate,
  EcomProductCreateBody,
  EcomStockFields,
} from './ecom-shapes'
import { productLabel } from './labels'
import type { CatalogProduct, CatalogVariant } from './model'
import { compareDecimals, toEcomPrice } from './money'
import { sanitizeDescription } from './sanitize-description'
import { MAX_TAGS } from './validate'

export interface EcomCreateContext {
  /** Ids of the eCom categories for tagsForUpload(p), found or created by the caller, in order. */
  categoryIds: number[]
  /** The store's currency precision: 2 for USD, 0 for JPY. */
  currencyPrecision: number
}

/**
 * The Ecwid `POST /products` body for a product that passed validateForUpload: the article's
 * first table, POS → eCom. Images are not in it: the caller uploads imagesForEcom(p) one call
 * each. Nothing of the second table is written (handle, brand, product category, supplier,
 * supplier code and price, reorder point and quantity, tax).
 */
export function toEcomCreate(p: CatalogProduct, ctx: EcomCreateContext): EcomProductCreateBody {
  const priced = p.variants.map((v) => ({ v, price: requirePrice(p, v) }))
  const common = {
    name: p.name,
    description: sanitizeDescription(p.description),
    enabled: p.isActive,
    categoryIds: ctx.categoryIds.slice(0, MAX_TAGS),
  }
  const [first] = priced

  if (!first) throw new Error(`${productLabel(p)} has no variant to upload`)

  if (p.optionNames.length === 0) {
    return {
      ...common,
      // A blank SKU is left out, so eCom generates one (case C3).
      ...(first.v.sku === '' ? {} : { sku: first.v.sku }),
      price: toEcomPrice(first.price, ctx.currencyPrecision),
      ...stockFields(first.v.quantity),
    }
  }

  // The product's own price is what catalog pages show before a variation is picked: the lowest
  // one, so it never overstates what a customer pays.
  const lowest = priced.reduce((low, next) =>
    compareDecimals(next.price, low.price) < 0 ? next : low,
  )
  const combinations = priced.map(({ v, price }): EcomCombinationCreate => ({
    sku: requireSku(p, v),
    options: p.optionNames.map((name, i) => ({ name, value: v.optionValues[i] ?? '' })),
    price: toEcomPrice(price, ctx.currencyPrecision),
    ...stockFields(v.quantity),
  }))

  return {
    ...common,
    price: toEcomPrice(lowest.price, ctx.currencyPrecision),
    ...familyStock(p),
    options: optionsOf(p),
    combinations,
  }
}

/** Image URLs for the caller to upload after the create, main image first. POS → eCom only. */
export function imagesForEcom(p: CatalogProduct): string[] {
  return p.system === 'pos' ? [...p.imageUrls] : []
}

/** Untracked stock is unlimited; counted stock is never below 0, so 0 means not for sale. */
function stockFields(quantity: number | null): EcomStockFields {
  return quantity === null
    ? { unlimited: true }
    : { quantity: Math.max(0, quantity), unlimited: false }
}

function familyStock(p: CatalogProduct): EcomStockFields {
  if (!p.trackInventory) return { unlimited: true }

  return {
    quantity: p.variants.reduce((sum, v) => sum + Math.max(0, v.quantity ?? 0), 0),
    unlimited: false,
  }
}

/** Choices in the order the variants first use them. */
function optionsOf(p: CatalogProduct): EcomOptionCreate[] {
  return p.optionNames.map((name, i) => {
    const values = [...new Set(p.variants.map((v) => v.optionValues[i] ?? ''))]

    return {
      type: 'SELECT',
      name,
      choices: values.filter((value) => value !== '').map((text) => ({ text })),
      required: true,
    }
  })
}

/** Each variation carries its variant's own SKU, so it sells from its own stock (decision 010). */
function requireSku(p: CatalogProduct, v: CatalogVariant): string {
  if (v.sku === '') throw new Error(`${productLabel(p)}: map only products that passed validation`)

  return v.sku
}

function requirePrice(p: CatalogProduct, v: CatalogVariant): string {
  if (v.price === null)
    throw new Error(`${productLabel(p)}: map only products that passed validation`)

  return v.price
}
