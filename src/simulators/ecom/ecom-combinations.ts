/**
 * Variations ("combinations"): created one at a time or inside a product body. Option names and
 * values that the product does not have yet become dropdown (SELECT) options, as Ecwid does.
 */
import type { EcomCatalog } from './ecom-catalog'
import {
  EcwidError,
  combinationNotFound,
  productNotFound,
  skuAlreadyExists,
  wrongParameter,
} from './ecom-errors'
import { nowSeconds, type StoredCombination, type StoredProduct } from './ecom-model'
import {
  combinationInputSchema,
  inventoryInputSchema,
  parseBody,
  type CombinationInput,
  type OptionValue,
} from './ecom-schemas'

const MODELLED = [
  'id',
  'options',
  'sku',
  'quantity',
  'unlimited',
  'price',
  'weight',
  'compareToPrice',
]
const READ_ONLY = ['combinationNumber', 'defaultDisplayedPrice', 'inStock', 'imageUrl']

export function optionSetKey(options: readonly OptionValue[]): string {
  return options
    .map((option) => `${option.name}\u0000${option.value}`)
    .sort()
    .join('\u0001')
}

/** Adds missing options and choices to the product; an empty value adds no choice. */
export function ensureOptionChoices(product: StoredProduct, options: readonly OptionValue[]) {
  for (const { name, value } of options) {
    let option = product.options.find((candidate) => candidate.name === name)
    if (!option) {
      option = { type: 'SELECT', name, choices: [], defaultChoice: 0, required: false }
      product.options.push(option)
    }
    option.choices ??= []
    if (value !== '' && !option.choices.some((choice) => choice.text === value)) {
      option.choices.push({ text: value, priceModifier: 0, priceModifierType: 'ABSOLUTE' })
    }
  }
}

function extraOf(input: CombinationInput): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([key]) => !MODELLED.includes(key) && !READ_ONLY.includes(key)),
  )
}

/** Applies a (partial) variation body on top of an existing variation or a new one. */
export function applyCombinationInput(
  base: StoredCombination,
  input: CombinationInput,
): StoredCombination {
  const next: StoredCombination = { ...base, extra: { ...base.extra, ...extraOf(input) } }
  if (input.options) next.options = input.options
  if (input.sku !== undefined) next.sku = input.sku === '' ? undefined : input.sku
  if (input.price !== undefined) next.price = input.price
  if (input.weight !== undefined) next.weight = input.weight
  if (input.compareToPrice !== undefined) next.compareToPrice = input.compareToPrice
  if (input.quantity !== undefined) {
    next.quantity = input.quantity
    next.unlimited = input.unlimited ?? false
  }
  if (input.unlimited !== undefined) next.unlimited = input.unlimited

  return next
}

/**
 * Checks a whole set of variations for one product: option sets unique; a new or changed SKU free
 * in the store (ignoring the refs the product itself is giving up) and within the set. SKUs that
 * did not change are not checked again, so a store with duplicates (seeded, as a store with
 * non-unique SKUs allowed has them) can still adjust their stock.
 */
export function assertCombinationSet(
  catalog: EcomCatalog,
  productSku: string,
  combinations: readonly StoredCombination[],
  ignoreRefs: ReadonlySet<string>,
  previous: readonly StoredCombination[] = [],
) {
  const before = new Map(previous.map((combination) => [combination.id, combination.sku]))
  const skus = new Set<string>()
  const optionSets = new Set<string>()
  for (const combination of combinations) {
    const key = optionSetKey(combination.options)
    if (optionSets.has(key)) {
      throw new EcwidError(409, 'CONSTRAINT_VIOLATION', 'This option combination already exists')
    }
    optionSets.add(key)
    if (!combination.sku) continue
    const unchanged = before.has(combination.id) && before.get(combination.id) === combination.sku
    const clash =
      skus.has(combination.sku) ||
      combination.sku === productSku ||
      catalog.refusesSku(combination.sku, ignoreRefs)
    if (clash && !unchanged) throw skuAlreadyExists(combination.sku)
    skus.add(combination.sku)
  }
}

function findProduct(catalog: EcomCatalog, productId: number): StoredProduct {
  const product = catalog.products.get(productId)
  if (!product) throw productNotFound(productId)

  return product
}

function findCombination(product: StoredProduct, combinationId: number): StoredCombination {
  const combination = product.combinations.find((candidate) => candidate.id === combinationId)
  if (!combination) throw combinationNotFound(combinationId)

  return combination
}

/** Stores the product with a new variation list after checking it; never changes it in place. */
function saveWith(
  catalog: EcomCatalog,
  product: StoredProduct,
  combinations: StoredCombination[],
  nextNumber = product.nextCombinationNumber,
) {
  const next: StoredProduct = {
    ...product,
    options: structuredClone(product.options),
    combinations,
    nextCombinationNumber: nextNumber,
    updateTimestamp: nowSeconds(),
  }
  const ownCombinationRefs = new Set(
    [...catalog.refsOf(product)].filter((ref) => ref.includes(':')),
  )
  assertCombinationSet(catalog, next.sku, combinations, ownCombinationRefs, product.combinations)
  for (const combination of combinations) ensureOptionChoices(next, combination.options)
  catalog.saveProduct(next, 'product.updated')
}

export function createCombination(catalog: EcomCatalog, productId: number, body: unknown) {
  const product = findProduct(catalog, productId)
  const input = parseBody(combinationInputSchema, body)
  if (!input.options || input.options.length === 0) throw wrongParameter('options')

  const blank: StoredCombination = {
    id: catalog.nextId('combination'),
    combinationNumber: product.nextCombinationNumber,
    options: [],
    extra: {},
  }
  const combination = applyCombinationInput(blank, input)
  saveWith(
    catalog,
    product,
    [...product.combinations, combination],
    product.nextCombinationNumber + 1,
  )

  return { id: combination.id }
}

export function updateCombination(
  catalog: EcomCatalog,
  productId: number,
  combinationId: number,
  body: unknown,
) {
  const product = findProduct(catalog, productId)
  const current = findCombination(product, combinationId)
  const input = parseBody(combinationInputSchema, body)
  if (input.options && input.options.length === 0) throw wrongParameter('options')

  const updated = applyCombinationInput(current, input)
  saveWith(
    catalog,
    product,
    product.combinations.map((combination) =>
      combination.id === combinationId ? updated : combination,
    ),
  )

  return { updateCount: 1 }
}

export function deleteCombinations(
  catalog: EcomCatalog,
  productId: number,
  combinationId?: number,
) {
  const product = findProduct(catalog, productId)
  if (combinationId !== undefined) findCombination(product, combinationId)
  const kept = product.combinations.filter(
    (combination) => combinationId !== undefined && combination.id !== combinationId,
  )
  saveWith(catalog, product, kept)

  return { deleteCount: product.combinations.length - kept.length }
}

export function getCombination(catalog: EcomCatalog, productId: number, combinationId: number) {
  const product = findProduct(catalog, productId)

  return { product, combination: findCombination(product, combinationId) }
}

/** A variation without its own SKU sells from the product's stock, so its delta lands there. */
export function adjustCombinationInventory(
  catalog: EcomCatalog,
  productId: number,
  combinationId: number,
  body: unknown,
) {
  const product = findProduct(catalog, productId)
  const current = findCombination(product, combinationId)
  const { quantityDelta } = parseBody(inventoryInputSchema, body)
  if (!current.sku) return adjustProductStock(catalog, product, quantityDelta)

  const unlimited = current.unlimited ?? product.unlimited
  if (unlimited) return { updateCount: 0 }
  const quantity = (current.quantity ?? product.quantity) + quantityDelta
  saveWith(
    catalog,
    product,
    product.combinations.map((combination) =>
      combination.id === combinationId ? { ...combination, quantity } : combination,
    ),
  )

  return { updateCount: 1, ...(quantity < 0 ? { warning: NEGATIVE_STOCK_WARNING } : {}) }
}

const NEGATIVE_STOCK_WARNING = 'Stock is negative after the update'

// LIMITATION: a delta on a product with unlimited stock changes nothing and answers updateCount 0;
// Ecwid's docs do not say what it answers there, and the app only adjusts tracked stock.
export function adjustProductStock(catalog: EcomCatalog, product: StoredProduct, delta: number) {
  if (product.unlimited) return { updateCount: 0 }
  const quantity = product.quantity + delta
  catalog.saveProduct({ ...product, quantity, updateTimestamp: nowSeconds() }, 'product.updated')

  return { updateCount: 1, ...(quantity < 0 ? { warning: NEGATIVE_STOCK_WARNING } : {}) }
}
