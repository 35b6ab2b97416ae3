/**
 * Product routes of API 2.0/2.1: list (version cursor and the sku/name look-ups), get, stock,
 * create, update, the two deletes, and GET /search?type=products.
 */
import type { FastifyInstance } from 'fastify'
import { notFound, PosApiError } from './pos-errors'
import type { ProductRecord } from './pos-model'
import {
  booleanParam,
  cursorParams,
  integerParam,
  many,
  page,
  pageSize,
  type Query,
  single,
} from './paging'
import { createProducts } from './product-create'
import { addVariant, deleteFamily, deleteProduct } from './product-family'
import { updateProduct } from './product-update'
import { renderInventory, renderProduct, type ViewContext } from './product-view'

type IdParams = { Params: { id: string }; Querystring: Query }

export function registerProductRoutes(app: FastifyInstance, ctx: ViewContext) {
  const { store } = ctx
  const view = (product: ProductRecord) => renderProduct(product, ctx)

  app.get<{ Querystring: Query }>('/api/2.0/products', async (request) => {
    const query = request.query
    const sku = single(query, 'sku')
    const name = single(query, 'name') ?? single(query, 'family_name')
    // [X2]: with sku, or name/family_name, every other parameter is ignored.
    if (sku !== undefined || name !== undefined) {
      const ids =
        sku !== undefined ? store.liveProductIdsBySku(sku) : store.liveProductIdsByName(name ?? '')
      const found = [...ids]
        .flatMap((id) => store.products.get(id) ?? [])
        .filter((p) => sku === undefined || p.sku === sku)
        .sort((a, b) => a.version - b.version)

      return page(found, found.map(view))
    }
    const params = cursorParams(query)
    const items = store.products.list(params)

    return page(items, items.map(view))
  })

  app.get<IdParams>('/api/2.0/products/:id', async (request) => {
    const product = store.products.get(request.params.id)
    if (!product) throw notFound('product')

    return { data: view(product) }
  })

  app.get<IdParams>('/api/2.0/products/:id/inventory', async (request) => {
    if (!store.products.get(request.params.id)) throw notFound('product')
    const { after, before, limit } = cursorParams(request.query)
    const records = store
      .inventoryOf(request.params.id)
      .filter((r) => r.deleted_at === null && r.version > after && r.version < before)
      .sort((a, b) => a.version - b.version)
      .slice(0, limit)

    return page(records, records.map(renderInventory))
  })

  app.post('/api/2.0/products', async (request) => ({ data: createProducts(store, request.body) }))

  app.post('/api/2.1/products', async (request) => {
    const body = (request.body ?? {}) as Record<string, unknown>
    const isSingleVariant = 'details' in body && !('variants' in body)

    return { data: isSingleVariant ? addVariant(store, body) : createProducts(store, body) }
  })

  app.put<IdParams>('/api/2.1/products/:id', async (request) => {
    updateProduct(store, request.params.id, request.body)

    return {}
  })

  app.delete<IdParams>('/api/2.0/products/:id', async (request) => {
    deleteProduct(store, request.params.id)

    return {}
  })

  app.delete<IdParams>('/api/2.0/products/:id/all', async (request) => {
    deleteFamily(store, request.params.id)

    return {}
  })

  app.get<{ Querystring: Query }>('/api/2.0/search', async (request) => {
    const query = request.query
    if (single(query, 'type') !== 'products') {
      // LIMITATION: only products are searchable; sales are read over /api/2.0/sales instead,
      // and customers are not simulated.
      throw new PosApiError(400, 'type must be one of: products')
    }
    const found = searchProducts(ctx, query)
    const offset = integerParam(query, 'offset') ?? 0
    const size = pageSize(query)

    return { data: found.slice(offset, offset + size).map(view) }
  })
}

const ORDERABLE = [
  'id',
  'name',
  'sku',
  'handle',
  'version',
  'created_at',
  'updated_at',
  'supplier_id',
  'brand_id',
  'variant_parent_id',
] as const

type Orderable = (typeof ORDERABLE)[number]

const FILTERS = {
  sku: (p: ProductRecord) => [p.sku?.toLowerCase() ?? ''],
  supplier_id: (p: ProductRecord) => [p.supplier_id ?? ''],
  brand_id: (p: ProductRecord) => [p.brand_id ?? ''],
  tag_id: (p: ProductRecord) => p.tag_ids,
  product_type_id: (p: ProductRecord) => [p.product_category_id ?? ''],
  variant_parent_id: (p: ProductRecord) => [p.variant_parent_id ?? ''],
} as const

/**
 * [X2 search]: each filter repeats (any value matches) and has a `-` form that excludes. SKU values
 * "must be lowercased": the index holds lowercased SKUs and the value is compared as sent, so
 * `sku=ABC` finds nothing, which is the trap the docs warn about.
 */
function searchProducts({ store }: ViewContext, query: Query): ProductRecord[] {
  const includeDeleted = booleanParam(query, 'deleted')
  const skus = many(query, 'sku')
  const candidates =
    skus.length > 0
      ? skus
          .filter((sku) => sku === sku.toLowerCase())
          .flatMap((sku) => [...store.liveProductIdsBySku(sku)])
          .flatMap((id) => store.products.get(id) ?? [])
      : [...store.products.scan(includeDeleted)]
  const tests = Object.entries(FILTERS).flatMap(([key, read]) => {
    const wanted = many(query, key)
    const unwanted = many(query, `-${key}`)

    return [
      (p: ProductRecord) => wanted.length === 0 || read(p).some((v) => wanted.includes(v)),
      (p: ProductRecord) => !read(p).some((v) => unwanted.includes(v)),
    ]
  })
  const found = [...new Set(candidates)].filter((p) => tests.every((test) => test(p)))

  return sortProducts(found, query)
}

function sortProducts(products: ProductRecord[], query: Query): ProductRecord[] {
  const orderBy = single(query, 'order_by') ?? 'version'
  if (!(ORDERABLE as readonly string[]).includes(orderBy)) {
    throw new PosApiError(400, `order_by must be one of: ${ORDERABLE.join(', ')}`)
  }
  const direction = single(query, 'order_direction') === 'desc' ? -1 : 1
  const key = (p: ProductRecord) => p[orderBy as Orderable] ?? ''
  // Ties fall back to the id, so offset paging over a sorted list never repeats or skips.
  return products.sort((a, b) => {
    const [x, y] = [key(a), key(b)]
    if (x !== y) return (x < y ? -1 : 1) * direction
    return a.id < b.id ? -1 : 1
  })
}
