// Inputs for the sync rule tests, shaped like the API 2.0 and Ecwid fixtures in
// ../shared/api/fixtures, with fields a test does not care about left at plain defaults.
import type { EcomCombination, EcomProduct } from './ecom-shapes'
import { fromEcomProduct } from './from-ecom'
import { fromPosFamily } from './from-pos'
import type { CatalogProduct } from './model'
import type { PosInventoryRecord, PosProduct } from './pos-shapes'
import { toEcomCreate } from './to-ecom'
import { toPosCreate } from './to-pos'
import { tagsForUpload } from './validate'

/** Vendor payloads carry many more fields than the rules read; tests add them freely. */
type Loose<T> = Partial<T> & Record<string, unknown>

export const OUTLET = 'outlet-basement'

export function posProduct(overrides: Loose<PosProduct> = {}): PosProduct {
  return {
    id: 'pos-1',
    name: 'Harvard Crest Mug',
    handle: 'harvard-crest-mug',
    sku: '10025',
    description: '<p>Ceramic mug.</p>',
    active: true,
    is_active: true,
    has_inventory: true,
    is_composite: false,
    price_excluding_tax: 12.99,
    price_including_tax: 14.94,
    has_variants: false,
    variant_parent_id: null,
    variant_options: [],
    categories: [{ id: 'tag-mugs', name: 'Mugs' }],
    tag_ids: ['tag-mugs'],
    images: [],
    image_url:
      'https://secure.retail.lightspeed.app/images/placeholder/product/no-image-white-standard.png',
    ...overrides,
  }
}

/** A family: the parent (itself the first variant) and one child per further size. */
export function posTeeFamily(
  sizes: { sku: string; size: string; price?: number | string }[],
  overrides: Loose<PosProduct> = {},
): PosProduct[] {
  return sizes.map(({ sku, size, price }, i) =>
    posProduct({
      id: `tee-${i}`,
      name: 'Racerback Tank',
      sku,
      has_variants: i === 0,
      variant_parent_id: i === 0 ? null : 'tee-0',
      variant_options: [{ name: 'Size', value: size }],
      price_excluding_tax: price ?? 12.99,
      ...overrides,
    }),
  )
}

export function stockAt(productId: string, ...levels: number[]): PosInventoryRecord[] {
  return levels.map((level, i) => ({
    product_id: productId,
    outlet_id: i === 0 ? OUTLET : `outlet-${i}`,
    inventory_level: level,
  }))
}

export function ecomProduct(overrides: Loose<EcomProduct> = {}): EcomProduct {
  return {
    id: 37208339,
    sku: '00007',
    name: 'Radish',
    description: '<p>Crunchy.</p>',
    price: 1.15,
    quantity: 67,
    unlimited: false,
    enabled: true,
    categoryIds: [9691095],
    options: [],
    combinations: [],
    ...overrides,
  }
}

let nextCombinationId = 7084070

export function ecomCombination(
  sku: string | null,
  options: Record<string, string>,
  overrides: Loose<EcomCombination> = {},
): EcomCombination {
  return {
    id: (nextCombinationId += 1),
    sku,
    options: Object.entries(options).map(([name, value]) => ({ name, value })),
    price: 1.4,
    quantity: 5,
    unlimited: false,
    ...overrides,
  }
}

export function readPos(products: PosProduct[], inventory: PosInventoryRecord[] = []) {
  return fromPosFamily(products, inventory, { taxExclusive: true })
}

export function readEcom(p: EcomProduct, categoryNames: string[] = ['Vegetables']) {
  return fromEcomProduct(p, categoryNames)
}

/** Category ids as the caller would resolve them: one per tag that goes up, in order. */
export function ecomBody(p: CatalogProduct, currencyPrecision = 2) {
  const categoryIds = tagsForUpload(p).map((_, i) => 9000 + i)

  return toEcomCreate(p, { categoryIds, currencyPrecision })
}

export function posBody(p: CatalogProduct, taxExclusive = true) {
  return toPosCreate(p, {
    tagIds: tagsForUpload(p).map((_, i) => `tag-${i}`),
    attributeIdsByName: { Size: 'attr-size', Colour: 'attr-colour', Color: 'attr-color' },
    outletId: OUTLET,
    taxExclusive,
  })
}

/** Every key anywhere in a body, nested objects and arrays included. */
export function allKeys(value: unknown): Set<string> {
  const keys = new Set<string>()
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit)
    else if (node && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        keys.add(key)
        visit(child)
      }
    }
  }

  visit(value)

  return keys
}
