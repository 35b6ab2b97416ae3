/**
 * GET /products. As in Ecwid, `productId` ignores every other filter and `sku` ignores all but
 * `productId`. `sku` is an exact, case-sensitive match on product and variation SKUs, with no
 * trimming: "ABC-1 " does not find "ABC-1". `keyword` is a case-insensitive substring match.
 */
import type { EcomCatalog } from './ecom-catalog'
import { descendantsOf } from './ecom-categories'
import { wrongParameter } from './ecom-errors'
import { isInStock, type StoredProduct } from './ecom-model'
import { readBool, readDate, readIntList, readNumber, readPaging, type Query } from './ecom-query'

const collator = new Intl.Collator('en')

const SORTS = {
  ADDED_TIME_ASC: (a: StoredProduct, b: StoredProduct) => a.id - b.id,
  ADDED_TIME_DESC: (a: StoredProduct, b: StoredProduct) => b.id - a.id,
  NAME_ASC: (a: StoredProduct, b: StoredProduct) => collator.compare(a.name, b.name) || a.id - b.id,
  NAME_DESC: (a: StoredProduct, b: StoredProduct) =>
    collator.compare(b.name, a.name) || a.id - b.id,
  PRICE_ASC: (a: StoredProduct, b: StoredProduct) => a.price - b.price || a.id - b.id,
  PRICE_DESC: (a: StoredProduct, b: StoredProduct) => b.price - a.price || a.id - b.id,
  UPDATED_TIME_ASC: (a: StoredProduct, b: StoredProduct) =>
    a.updateTimestamp - b.updateTimestamp || a.id - b.id,
  UPDATED_TIME_DESC: (a: StoredProduct, b: StoredProduct) =>
    b.updateTimestamp - a.updateTimestamp || a.id - b.id,
  // LIMITATION: the owner's manual order is not modelled; it falls back to creation order.
  DEFINED_BY_STORE_OWNER: (a: StoredProduct, b: StoredProduct) => a.id - b.id,
} as const

type SortName = keyof typeof SORTS | 'RELEVANCE'

/** Lowercased text a keyword is looked for in; rebuilt when a write replaces the product object. */
// LIMITATION: Ecwid's keyword also matches category names and gallery alt texts; ours does not,
// and responseFields is ignored everywhere. The app searches by name and SKU, which both match.
const haystacks = new WeakMap<StoredProduct, string>()

function haystackOf(product: StoredProduct): string {
  let text = haystacks.get(product)
  if (text === undefined) {
    const attributes = Array.isArray(product.extra.attributes) ? product.extra.attributes : []
    text = [
      product.name,
      product.sku,
      product.description,
      ...product.options.flatMap((option) => (option.choices ?? []).map((choice) => choice.text)),
      ...product.combinations.flatMap((combination) => [
        combination.sku ?? '',
        ...combination.options.map((option) => option.value),
      ]),
      ...attributes.map((attribute: { value?: unknown }) => String(attribute.value ?? '')),
    ]
      .join('\n')
      .toLowerCase()
    haystacks.set(product, text)
  }

  return text
}

function relevance(product: StoredProduct, keyword: string): number {
  const name = product.name.toLowerCase()
  if (product.sku.toLowerCase() === keyword || name === keyword) return 3
  if (name.startsWith(keyword)) return 2

  return name.includes(keyword) ? 1 : 0
}

function readSort(query: Query, hasKeyword: boolean): SortName {
  const raw = query.sortBy
  if (raw === undefined || raw === '') return hasKeyword ? 'RELEVANCE' : 'ADDED_TIME_ASC'
  if (raw === 'RELEVANCE' || raw in SORTS) return raw as SortName
  throw wrongParameter('sortBy', raw)
}

type Filter = (product: StoredProduct) => boolean

function buildFilters(catalog: EcomCatalog, query: Query): Filter[] {
  const filters: Filter[] = []
  const add = (active: unknown, filter: Filter) => {
    if (active !== undefined) filters.push(filter)
  }
  const keyword = query.keyword
    ?.replace(/^"(.*)"$/, '$1')
    .trim()
    .toLowerCase()
  add(keyword || undefined, (p) => haystackOf(p).includes(keyword ?? ''))

  const enabled = readBool(query, 'enabled')
  add(enabled, (p) => p.enabled === enabled)
  const inStock = readBool(query, 'inStock')
  add(inStock, (p) => isInStock(p) === inStock)
  const inventory = query.inventory
  if (inventory !== undefined && inventory !== 'instock' && inventory !== 'outofstock') {
    throw wrongParameter('inventory', inventory)
  }
  add(inventory, (p) => isInStock(p) === (inventory === 'instock'))

  const categories = readIntList(query, 'categories') ?? readIntList(query, 'category')
  const withSub =
    readBool(query, 'includeProductsFromSubcategories') ?? readBool(query, 'withSubcategories')
  const wanted = categories && (withSub ? descendantsOf(catalog, categories) : new Set(categories))
  add(wanted, (p) =>
    wanted?.has(0) && p.categoryIds.length === 0
      ? true
      : p.categoryIds.some((id) => wanted?.has(id)),
  )

  add(query.externalReferenceId, (p) => p.externalReferenceId === query.externalReferenceId)
  const priceFrom = readNumber(query, 'priceFrom')
  add(priceFrom, (p) => p.price >= (priceFrom ?? 0))
  const priceTo = readNumber(query, 'priceTo')
  add(priceTo, (p) => p.price <= (priceTo ?? 0))
  const createdFrom = readDate(query, 'createdFrom')
  add(createdFrom, (p) => p.createTimestamp >= (createdFrom ?? 0))
  const createdTo = readDate(query, 'createdTo')
  add(createdTo, (p) => p.createTimestamp <= (createdTo ?? 0))
  const updatedFrom = readDate(query, 'updatedFrom')
  add(updatedFrom, (p) => p.updateTimestamp >= (updatedFrom ?? 0))
  const updatedTo = readDate(query, 'updatedTo')
  add(updatedTo, (p) => p.updateTimestamp <= (updatedTo ?? 0))

  return filters
}

/** Returns the page of stored products; the route renders them. */
function pageOf(sorted: StoredProduct[], offset: number, limit: number) {
  const page = sorted.slice(offset, offset + limit)

  return { total: sorted.length, count: page.length, offset, limit, page }
}

/** The whole catalog in creation order (the map's order; ids only grow), without copying it. */
function plainPage(catalog: EcomCatalog, offset: number, limit: number) {
  const page: StoredProduct[] = []
  let index = 0
  for (const product of catalog.products.values()) {
    if (index++ < offset) continue
    if (page.length >= limit) break
    page.push(product)
  }

  return { total: catalog.products.size, count: page.length, offset, limit, page }
}

export function searchProducts(catalog: EcomCatalog, query: Query, onlyEnabled = false) {
  const { offset, limit } = readPaging(query)
  const productIds = readIntList(query, 'productId')
  const sku = query.sku
  const keyword =
    query.keyword
      ?.replace(/^"(.*)"$/, '$1')
      .trim()
      .toLowerCase() ?? ''
  const sort = readSort(query, keyword !== '')
  const scores = new Map<StoredProduct, number>()
  const scoreOf = (product: StoredProduct) => {
    let score = scores.get(product)
    if (score === undefined) scores.set(product, (score = relevance(product, keyword)))

    return score
  }
  const byRelevance = (a: StoredProduct, b: StoredProduct) => scoreOf(b) - scoreOf(a) || a.id - b.id
  const order = sort === 'RELEVANCE' ? byRelevance : SORTS[sort]
  const keep = (product: StoredProduct) => !onlyEnabled || product.enabled

  if (productIds) {
    const found = productIds.flatMap((id) => catalog.products.get(id) ?? []).filter(keep)

    return pageOf(found.sort(order), offset, limit)
  }
  if (sku !== undefined) {
    const found = catalog.productIdsWithSku(sku).flatMap((id) => catalog.products.get(id) ?? [])

    return pageOf(found.filter(keep).sort(order), offset, limit)
  }

  const filters = buildFilters(catalog, query)
  if (onlyEnabled) filters.push((product) => product.enabled)
  if (filters.length === 0 && sort === 'ADDED_TIME_ASC') return plainPage(catalog, offset, limit)
  const matching = [...catalog.products.values()].filter((p) => filters.every((f) => f(p)))

  return pageOf(sort === 'ADDED_TIME_ASC' ? matching : matching.sort(order), offset, limit)
}
