/**
 * Product writes as Ecwid answers them: create → {id}, partial update → {updateCount}, delete →
 * {deleteCount}; 409 SKU_ALREADY_EXISTS on a product or variation SKU already in the store (unless
 * the store allows non-unique SKUs), 400
 * COMBINATION_LIMIT_PER_REQUEST_EXCEEDED past 200 variations in one body, 404 for unknown
 * categories.
 */
import type { EcomCatalog } from './ecom-catalog'
import {
  applyCombinationInput,
  adjustProductStock,
  assertCombinationSet,
  ensureOptionChoices,
  optionSetKey,
} from './ecom-combinations'
import {
  EcwidError,
  categoriesNotFound,
  productNotFound,
  skuAlreadyExists,
  wrongParameter,
} from './ecom-errors'
import { nowSeconds, type StoredCombination, type StoredProduct } from './ecom-model'
import {
  inventoryInputSchema,
  parseBody,
  productInputSchema,
  type CombinationInput,
  type ProductInput,
} from './ecom-schemas'

export const MAX_COMBINATIONS_PER_REQUEST = 200

const MODELLED = [
  'sku',
  'name',
  'description',
  'price',
  'quantity',
  'unlimited',
  'enabled',
  'categoryIds',
  'options',
  'combinations',
  'weight',
  'compareToPrice',
  'externalReferenceId',
  'created',
  'media',
]
// Derived on read; a client echoing a product back must not freeze them.
const READ_ONLY = [
  'id',
  'inStock',
  'categories',
  'url',
  'createTimestamp',
  'updateTimestamp',
  'updated',
  'defaultDisplayedPrice',
  'defaultDisplayedPriceFormatted',
  'priceInProductList',
  'imageUrl',
  'thumbnailUrl',
  'hdThumbnailUrl',
  'smallThumbnailUrl',
  'originalImageUrl',
  'originalImage',
  'galleryImages',
  'defaultCategoryId',
  'defaultCombinationId',
  'compareToPriceFormatted',
  'compareToPriceDiscount',
  'compareToPriceDiscountFormatted',
  'compareToPriceDiscountPercent',
  'compareToPriceDiscountPercentFormatted',
]

function extraOf(input: ProductInput): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([key]) => !MODELLED.includes(key) && !READ_ONLY.includes(key)),
  )
}

function parseCreated(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number') return Math.floor(value)
  const millis = Date.parse(value.replace(' ', 'T').replace(/ ([+-]\d{2})(\d{2})$/, '$1:$2'))

  return Number.isNaN(millis) ? undefined : Math.floor(millis / 1000)
}

function assertCategoriesExist(catalog: EcomCatalog, ids: readonly number[] | undefined) {
  const missing = (ids ?? []).filter((id) => !catalog.categories.has(id))
  if (missing.length > 0) throw categoriesNotFound(missing)
}

function assertCombinationLimit(input: ProductInput) {
  if ((input.combinations?.length ?? 0) > MAX_COMBINATIONS_PER_REQUEST) {
    throw new EcwidError(
      400,
      'COMBINATION_LIMIT_PER_REQUEST_EXCEEDED',
      `At most ${MAX_COMBINATIONS_PER_REQUEST} combinations can be sent in one request`,
    )
  }
}

/** Ecwid makes up a SKU when none is sent; ours are 5-digit numbers not yet used in the store. */
function generateSku(catalog: EcomCatalog): string {
  for (;;) {
    const sku = String(catalog.nextId('sku') % 1_000_000).padStart(5, '0')
    if (!catalog.isSkuTaken(sku)) return sku
  }
}

/** A variation list sent inside a product body replaces the product's variations. */
function buildCombinations(
  catalog: EcomCatalog,
  product: StoredProduct,
  inputs: readonly CombinationInput[],
): StoredCombination[] {
  const byId = new Map(product.combinations.map((combination) => [combination.id, combination]))
  const byOptions = new Map(
    product.combinations.map((combination) => [optionSetKey(combination.options), combination]),
  )
  let number = product.nextCombinationNumber

  const combinations = inputs.map((input, index) => {
    const existing =
      (input.id === undefined ? undefined : byId.get(input.id)) ??
      (input.options ? byOptions.get(optionSetKey(input.options)) : undefined)
    if (!existing && (!input.options || input.options.length === 0)) {
      throw wrongParameter(`combinations.${index}.options`)
    }
    const base = existing ?? {
      id: catalog.nextId('combination'),
      combinationNumber: number++,
      options: [],
      extra: {},
    }

    return applyCombinationInput(base, input)
  })
  product.nextCombinationNumber = number

  return combinations
}

function applyStock(product: StoredProduct, input: ProductInput) {
  if (input.quantity !== undefined) {
    product.quantity = input.quantity
    product.unlimited = input.unlimited ?? false
  }
  if (input.unlimited !== undefined) product.unlimited = input.unlimited
  if (product.unlimited) product.quantity = 0
}

/** Only ids the product already has can be reordered or made main; others are ignored. */
function applyMedia(product: StoredProduct, input: ProductInput) {
  for (const update of input.media?.images ?? []) {
    const image = product.images.find((candidate) => candidate.id === String(update.id))
    if (!image) continue
    if (update.orderBy !== undefined) image.orderBy = update.orderBy
    if (update.isMain === true) for (const other of product.images) other.isMain = other === image
  }
}

function applyFields(product: StoredProduct, input: ProductInput) {
  if (input.name !== undefined) product.name = input.name
  if (input.description !== undefined) product.description = input.description
  if (input.price !== undefined) product.price = input.price
  if (input.enabled !== undefined) product.enabled = input.enabled
  if (input.categoryIds !== undefined) product.categoryIds = [...new Set(input.categoryIds)]
  if (input.weight !== undefined) product.weight = input.weight
  if (input.compareToPrice !== undefined) product.compareToPrice = input.compareToPrice
  if (input.externalReferenceId !== undefined)
    product.externalReferenceId = input.externalReferenceId
  if (input.options !== undefined) product.options = structuredClone(input.options)
  for (const option of product.options) {
    option.type ??= 'SELECT'
    option.required ??= false
    for (const choice of option.choices ?? []) {
      choice.priceModifier ??= 0
      choice.priceModifierType ??= 'ABSOLUTE'
    }
  }
  applyStock(product, input)
  applyMedia(product, input)
  product.extra = { ...product.extra, ...extraOf(input) }
}

export function createProduct(catalog: EcomCatalog, body: unknown): { id: number } {
  const input = parseBody(productInputSchema, body)
  if (!input.name || input.name.trim() === '') throw wrongParameter('name')
  assertCombinationLimit(input)
  assertCategoriesExist(catalog, input.categoryIds)
  if (input.sku && catalog.refusesSku(input.sku)) throw skuAlreadyExists(input.sku)

  const now = nowSeconds()
  const product: StoredProduct = {
    id: catalog.nextId('product'),
    sku: input.sku || generateSku(catalog),
    name: '',
    description: '',
    price: 0,
    quantity: 0,
    // Ecwid does not track stock of a product created without a quantity.
    unlimited: input.quantity === undefined,
    enabled: true,
    categoryIds: [],
    options: [],
    combinations: [],
    images: [],
    createTimestamp: parseCreated(input.created) ?? now,
    updateTimestamp: now,
    nextCombinationNumber: 1,
    extra: {},
  }
  applyFields(product, input)
  product.combinations = buildCombinations(catalog, product, input.combinations ?? [])
  assertCombinationSet(catalog, product.sku, product.combinations, new Set())
  for (const combination of product.combinations) ensureOptionChoices(product, combination.options)
  catalog.saveProduct(product, 'product.created')

  return { id: product.id }
}

export function findProduct(catalog: EcomCatalog, id: number): StoredProduct {
  const product = catalog.products.get(id)
  if (!product) throw productNotFound(id)

  return product
}

export function updateProduct(catalog: EcomCatalog, id: number, body: unknown) {
  const current = findProduct(catalog, id)
  const input = parseBody(productInputSchema, body)
  if (input.name !== undefined && input.name.trim() === '') throw wrongParameter('name')
  assertCombinationLimit(input)
  assertCategoriesExist(catalog, input.categoryIds)
  const ownRefs = catalog.refsOf(current)
  if (input.sku && input.sku !== current.sku && catalog.refusesSku(input.sku, ownRefs)) {
    throw skuAlreadyExists(input.sku)
  }

  const next: StoredProduct = structuredClone(current)
  // LIMITATION: an empty SKU in an update keeps the current one; Ecwid's answer is undocumented.
  if (input.sku) next.sku = input.sku
  applyFields(next, input)
  if (input.combinations) {
    next.combinations = buildCombinations(catalog, next, input.combinations)
    const ownCombinationRefs = new Set([...ownRefs].filter((ref) => ref.includes(':')))
    assertCombinationSet(
      catalog,
      next.sku,
      next.combinations,
      ownCombinationRefs,
      current.combinations,
    )
  }
  for (const combination of next.combinations) ensureOptionChoices(next, combination.options)
  next.updateTimestamp = nowSeconds()
  catalog.saveProduct(next, 'product.updated')

  return { updateCount: 1 }
}

export function deleteProduct(catalog: EcomCatalog, id: number) {
  catalog.removeProduct(findProduct(catalog, id))

  return { deleteCount: 1 }
}

export function adjustProductInventory(catalog: EcomCatalog, id: number, body: unknown) {
  const product = findProduct(catalog, id)
  const { quantityDelta } = parseBody(inventoryInputSchema, body)

  return adjustProductStock(catalog, product, quantityDelta)
}
