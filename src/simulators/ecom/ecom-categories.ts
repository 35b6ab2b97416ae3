/**
 * Categories: a tree by parentId (0 is the root). Counts are computed on read over the products,
 * including subcategories, so they are never stale (Ecwid's lag by minutes; ours do not).
 */
import type { EcomCatalog } from './ecom-catalog'
import { categoriesNotFound, wrongParameter } from './ecom-errors'
import { nowSeconds, type StoredCategory } from './ecom-model'
import { categoryInputSchema, parseBody, type CategoryInput } from './ecom-schemas'

const MODELLED = ['name', 'parentId', 'orderBy', 'description', 'enabled', 'productIds']
const READ_ONLY = [
  'id',
  'productCount',
  'enabledProductCount',
  'url',
  'thumbnailUrl',
  'imageUrl',
  'hdThumbnailUrl',
  'originalImageUrl',
  'originalImage',
  'thumbnail',
]

function extraOf(input: CategoryInput): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(input).filter(([key]) => !MODELLED.includes(key) && !READ_ONLY.includes(key)),
  )
}

export function findCategory(catalog: EcomCatalog, id: number): StoredCategory {
  const category = catalog.categories.get(id)
  if (!category) throw categoriesNotFound([id])

  return category
}

/** The category and every category below it. */
export function descendantsOf(catalog: EcomCatalog, ids: Iterable<number>): Set<number> {
  const result = new Set(ids)
  let grew = true
  while (grew) {
    grew = false
    for (const category of catalog.categories.values()) {
      if (!result.has(category.id) && result.has(category.parentId)) {
        result.add(category.id)
        grew = true
      }
    }
  }

  return result
}

function assertParent(catalog: EcomCatalog, parentId: number | undefined, selfId?: number) {
  if (!parentId) return
  findCategory(catalog, parentId)
  if (selfId !== undefined && descendantsOf(catalog, [selfId]).has(parentId)) {
    throw wrongParameter('parentId', parentId)
  }
}

function assignProducts(catalog: EcomCatalog, categoryId: number, productIds: readonly number[]) {
  for (const productId of productIds) {
    const product = catalog.products.get(productId)
    if (!product || product.categoryIds.includes(categoryId)) continue
    const categoryIds = [...product.categoryIds, categoryId]
    catalog.saveProduct(
      { ...product, categoryIds, updateTimestamp: nowSeconds() },
      'product.updated',
    )
  }
}

export function createCategory(catalog: EcomCatalog, body: unknown) {
  const input = parseBody(categoryInputSchema, body)
  if (!input.name || input.name.trim() === '') throw wrongParameter('name')
  assertParent(catalog, input.parentId)

  const category: StoredCategory = {
    id: catalog.nextId('category'),
    parentId: input.parentId ?? 0,
    name: input.name,
    description: input.description ?? '',
    enabled: input.enabled ?? true,
    orderBy: input.orderBy ?? (catalog.categories.size + 1) * 10,
    extra: extraOf(input),
  }
  catalog.saveCategory(category, 'category.created')
  assignProducts(catalog, category.id, input.productIds ?? [])

  return { id: category.id }
}

export function updateCategory(catalog: EcomCatalog, id: number, body: unknown) {
  const current = findCategory(catalog, id)
  const input = parseBody(categoryInputSchema, body)
  if (input.name !== undefined && input.name.trim() === '') throw wrongParameter('name')
  assertParent(catalog, input.parentId, id)

  const next: StoredCategory = {
    ...current,
    ...(input.name === undefined ? {} : { name: input.name }),
    ...(input.parentId === undefined ? {} : { parentId: input.parentId }),
    ...(input.description === undefined ? {} : { description: input.description }),
    ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
    ...(input.orderBy === undefined ? {} : { orderBy: input.orderBy }),
    extra: { ...current.extra, ...extraOf(input) },
  }
  catalog.saveCategory(next, 'category.updated')
  if (input.productIds) assignProducts(catalog, id, input.productIds)

  return { updateCount: 1 }
}

/** Deletes the category with its subcategories and unassigns their products. */
export function deleteCategory(catalog: EcomCatalog, id: number) {
  findCategory(catalog, id)
  const doomed = descendantsOf(catalog, [id])
  catalog.transaction(() => {
    for (const product of catalog.products.values()) {
      if (!product.categoryIds.some((categoryId) => doomed.has(categoryId))) continue
      const categoryIds = product.categoryIds.filter((categoryId) => !doomed.has(categoryId))
      catalog.saveProduct(
        { ...product, categoryIds, updateTimestamp: nowSeconds() },
        'product.updated',
      )
    }
    for (const categoryId of doomed) catalog.removeCategory(categoryId)
  })

  return { deleteCount: 1 }
}

interface CategoryCounts {
  all: Map<number, number>
  enabled: Map<number, number>
  direct: Map<number, number[]>
}

/** One pass over the products; a product counts once per ancestor however it is assigned. */
function countProducts(catalog: EcomCatalog): CategoryCounts {
  const counts: CategoryCounts = { all: new Map(), enabled: new Map(), direct: new Map() }
  const chains = new Map<number, number[]>()
  const ancestors = (id: number) => {
    let chain = chains.get(id)
    if (chain) return chain
    chain = []
    for (let at = catalog.categories.get(id); at && !chain.includes(at.id);) {
      chain.push(at.id)
      at = catalog.categories.get(at.parentId)
    }
    chains.set(id, chain)

    return chain
  }
  for (const product of catalog.products.values()) {
    const reached = new Set(product.categoryIds.flatMap(ancestors))
    for (const id of reached) {
      counts.all.set(id, (counts.all.get(id) ?? 0) + 1)
      if (product.enabled) counts.enabled.set(id, (counts.enabled.get(id) ?? 0) + 1)
    }
    for (const id of product.categoryIds) {
      const ids = counts.direct.get(id)
      if (ids) ids.push(product.id)
      else counts.direct.set(id, [product.id])
    }
  }

  return counts
}

function renderCategory(
  category: StoredCategory,
  counts: CategoryCounts,
  storeUrl: string,
  withProductIds: boolean,
) {
  return {
    ...category.extra,
    id: category.id,
    ...(category.parentId ? { parentId: category.parentId } : {}),
    orderBy: category.orderBy,
    name: category.name,
    nameTranslated: { ...asRecord(category.extra.nameTranslated), en: category.name },
    url: `${storeUrl}/c/${category.id}`,
    productCount: counts.all.get(category.id) ?? 0,
    enabledProductCount: counts.enabled.get(category.id) ?? 0,
    description: category.description,
    enabled: category.enabled,
    ...(withProductIds ? { productIds: counts.direct.get(category.id) ?? [] } : {}),
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
}

export function getCategory(catalog: EcomCatalog, id: number, storeUrl: string) {
  return renderCategory(findCategory(catalog, id), countProducts(catalog), storeUrl, true)
}

export interface CategoryQuery {
  parent?: number
  hiddenCategories: boolean
  withProductIds: boolean
  offset: number
  limit: number
}

export function searchCategories(catalog: EcomCatalog, query: CategoryQuery, storeUrl: string) {
  const matching = [...catalog.categories.values()]
    .filter((category) => query.parent === undefined || category.parentId === query.parent)
    .filter((category) => query.hiddenCategories || category.enabled)
    .sort((a, b) => a.orderBy - b.orderBy || a.id - b.id)
  const page = matching.slice(query.offset, query.offset + query.limit)
  const counts = countProducts(catalog)

  return {
    total: matching.length,
    count: page.length,
    offset: query.offset,
    limit: query.limit,
    items: page.map((category) => renderCategory(category, counts, storeUrl, query.withProductIds)),
  }
}
