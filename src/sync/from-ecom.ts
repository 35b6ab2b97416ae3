import type { EcomCombination, EcomOption, EcomProduct } from './ecom-shapes'
import { productLabel, variantLabel } from './labels'
import type { CatalogProduct, CatalogVariant, UploadWarning } from './model'
import { toDecimalString } from './money'
import { clampStock } from './stock'
import { cleanText, optionNameKey, skuKey, uniqueNames } from './text'

/**
 * Reads one Ecwid product into the neutral model. Its variations ("combinations") become the
 * variants; a product without any is a standard product. Category names are resolved by the
 * caller (the product only holds ids). Images are never read: they do not go eCom → POS.
 */
export function fromEcomProduct(p: EcomProduct, categoryNames: string[]): CatalogProduct {
  const combinations = p.combinations ?? []
  const optionNames = combinationOptionNames(p, combinations)
  const variants =
    combinations.length === 0
      ? [standardVariant(p)]
      : combinations.map((c, i) => combinationVariant(p, c, i, optionNames))

  const product: CatalogProduct = {
    system: 'ecom',
    sourceId: String(p.id),
    name: cleanText(p.name),
    description: p.description ?? '',
    tags: uniqueNames(categoryNames),
    isActive: p.enabled !== false,
    isComposite: false,
    trackInventory: variants.some((v) => v.quantity !== null),
    optionNames,
    variants,
    imageUrls: [],
  }

  return { ...product, warnings: optionWarnings(product, p.options ?? []) }
}

/**
 * What the picker shows of an eCom product: its own SKU (a product with variations has one of
 * its own, not its first variation's) and the units it has for sale. A variation with its own
 * SKU has its own stock; one without sells from the product's (API-FACTS §1.9), so the product's
 * quantity counts once however many variations share it, never once per variation. Unlimited
 * anywhere (the product, or a variation with its own stock) makes the whole unlimited: null.
 */
export function ecomPickerFigures(p: EcomProduct): { sku: string; stock: number | null } {
  const combinations = p.combinations ?? []
  const productStock = p.unlimited === true ? null : clampStock(p.quantity)
  const own = combinations.filter((c) => skuKey(c.sku) !== '')
  const sharesProductStock = combinations.length === 0 || own.length < combinations.length
  let stock: number | null = sharesProductStock ? productStock : 0

  for (const c of own) {
    // A variation with a SKU but no stock fields inherits them from the product (API-FACTS §1.9).
    const unlimited = c.unlimited ?? p.unlimited

    if (stock === null || unlimited === true) stock = null
    else stock += clampStock(c.quantity ?? p.quantity)
  }

  return { sku: skuKey(p.sku), stock }
}

/**
 * The options the variations vary by, in the product's option order, then any name a variation
 * uses that the product does not list. A name no variation uses is a free choice at checkout.
 */
function combinationOptionNames(p: EcomProduct, combinations: EcomCombination[]): string[] {
  const used = uniqueNames(
    combinations.flatMap((c) => (c.options ?? []).map((o) => o.name)),
    optionNameKey,
  )
  const usedKeys = new Set(used.map(optionNameKey))
  const listed = uniqueNames(
    (p.options ?? []).map((o) => o.name),
    optionNameKey,
  ).filter((name) => usedKeys.has(optionNameKey(name)))
  const listedKeys = new Set(listed.map(optionNameKey))

  return [...listed, ...used.filter((name) => !listedKeys.has(optionNameKey(name)))]
}

function standardVariant(p: EcomProduct): CatalogVariant {
  const price = toDecimalString(p.price)

  return {
    sourceId: String(p.id),
    sku: skuKey(p.sku),
    optionValues: [],
    price,
    ...(price === null ? { rawPrice: p.price } : {}),
    quantity: p.unlimited === true ? null : clampStock(p.quantity),
    outletStock: [],
  }
}

function combinationVariant(
  p: EcomProduct,
  c: EcomCombination,
  index: number,
  optionNames: string[],
): CatalogVariant {
  const valueByName = new Map<string, string>()

  for (const option of c.options ?? []) {
    const key = optionNameKey(option.name)

    if (!valueByName.has(key)) valueByName.set(key, cleanText(option.value))
  }

  // A variation inherits what it leaves out from its product (API-FACTS §1.9), except its SKU:
  // a variation without its own SKU is refused, never given the product's.
  const rawPrice = c.price ?? p.price
  const price = toDecimalString(rawPrice)
  const unlimited = c.unlimited ?? p.unlimited

  return {
    sourceId: c.id == null ? `${p.id}#${index + 1}` : String(c.id),
    sku: skuKey(c.sku),
    optionValues: optionNames.map((name) => valueByName.get(optionNameKey(name)) ?? ''),
    price,
    ...(price === null ? { rawPrice } : {}),
    quantity: unlimited === true ? null : clampStock(c.quantity ?? p.quantity),
    outletStock: [],
  }
}

function optionWarnings(product: CatalogProduct, options: EcomOption[]): UploadWarning[] {
  const label = productLabel(product)
  const usedKeys = new Set(product.optionNames.map(optionNameKey))
  const unused = uniqueNames(
    options.map((o) => o.name),
    optionNameKey,
  ).filter((name) => !usedKeys.has(optionNameKey(name)))
  const warnings: UploadWarning[] = unused.map((name) => ({
    field: 'options',
    message: `${label}: option ${name} has no variations, so it stays on eCom only`,
  }))
  const untracked = product.variants.filter((v) => v.quantity === null)

  // Retail POS tracks stock per family, not per variant.
  if (untracked.length > 0 && untracked.length < product.variants.length) {
    const names = untracked.map(variantLabel).join(', ')
    const subject = untracked.length === 1 ? `variant ${names} has` : `variants ${names} have`

    warnings.push({
      field: 'inventory',
      message: `${label}: ${subject} unlimited stock on eCom and starts at 0 in Retail POS`,
    })
  }

  return warnings
}
