/** Profile, latest-stats, orders, categories and batch routes under /api/v3/{storeId}. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { parseBatchBody, type BatchRunner } from './ecom-batch'
import {
  createCategory,
  deleteCategory,
  findCategory,
  getCategory,
  searchCategories,
  updateCategory,
} from './ecom-categories'
import { idParam, storeOf } from './ecom-context'
import { EcwidError, categoriesNotFound } from './ecom-errors'
import { formatEcwidDate } from './ecom-model'
import {
  createOrder,
  deleteOrder,
  findOrder,
  renderOrder,
  searchOrders,
  updateOrder,
} from './ecom-orders'
import { readProfile, renderSettings, updateProfile } from './ecom-profile'
import { readBool, readInt, readPaging, type Query } from './ecom-query'

interface CategoryParams {
  categoryId: string
}

interface OrderParams {
  orderId: string
}

const categoryId = (raw: string) => idParam(raw, (id) => categoriesNotFound([Number(id) || 0]))

export function registerStoreRoutes(api: FastifyInstance, batches: BatchRunner) {
  api.get('/profile', async (request) => {
    const { catalog, config } = storeOf(request)

    return readProfile(catalog, config)
  })

  api.put('/profile', async (request) => updateProfile(storeOf(request).catalog, request.body))

  api.get('/latest-stats', async (request) => {
    const { catalog } = storeOf(request)
    const stats = catalog.latestStats()

    return {
      productsUpdated: formatEcwidDate(stats.productsUpdated),
      ordersUpdated: formatEcwidDate(stats.ordersUpdated),
      profileUpdated: formatEcwidDate(stats.profileUpdated),
      categoriesUpdated: formatEcwidDate(stats.categoriesUpdated),
      discountCouponsUpdated: formatEcwidDate(stats.ordersUpdated),
      abandonedSalesUpdated: formatEcwidDate(stats.ordersUpdated),
      customersUpdated: formatEcwidDate(stats.ordersUpdated),
      productCount: catalog.products.size,
      categoryCount: catalog.categories.size,
    }
  })

  registerOrderRoutes(api)
  registerCategoryRoutes(api)
  registerBatchRoutes(api, batches)
}

/** Orders are the store's private data: a public token may not read them. */
function ordersOf(request: FastifyRequest) {
  const { catalog, isPublic } = storeOf(request)
  if (isPublic)
    throw new EcwidError(403, 'INSUFFICIENT_APP_SCOPE', 'A public token cannot read orders')

  return catalog
}

function registerOrderRoutes(api: FastifyInstance) {
  api.get<{ Querystring: Query }>('/orders', async (request) =>
    searchOrders(ordersOf(request), request.query),
  )

  api.post('/orders', async (request) => createOrder(storeOf(request).catalog, request.body))

  api.get<{ Params: OrderParams }>('/orders/:orderId', async (request) => {
    const catalog = ordersOf(request)

    return renderOrder(catalog, findOrder(catalog, request.params.orderId))
  })

  api.put<{ Params: OrderParams }>('/orders/:orderId', async (request) =>
    updateOrder(storeOf(request).catalog, request.params.orderId, request.body),
  )

  api.delete<{ Params: OrderParams }>('/orders/:orderId', async (request) =>
    deleteOrder(storeOf(request).catalog, request.params.orderId),
  )
}

function registerCategoryRoutes(api: FastifyInstance) {
  api.get<{ Querystring: Query }>('/categories', async (request) => {
    const { catalog, config, isPublic } = storeOf(request)
    const { offset, limit } = readPaging(request.query)
    const parentRaw = request.query.parent

    return searchCategories(
      catalog,
      {
        parent:
          parentRaw === undefined || parentRaw === ''
            ? undefined
            : readInt(request.query, 'parent'),
        hiddenCategories: !isPublic && (readBool(request.query, 'hidden_categories') ?? false),
        withProductIds: readBool(request.query, 'productIds') ?? false,
        offset,
        limit,
      },
      renderSettings(catalog, config).storeUrl,
    )
  })

  api.get<{ Params: CategoryParams }>('/categories/:categoryId', async (request) => {
    const { catalog, config, isPublic } = storeOf(request)
    const id = categoryId(request.params.categoryId)
    if (isPublic && !findCategory(catalog, id).enabled) throw categoriesNotFound([id])

    return getCategory(catalog, id, renderSettings(catalog, config).storeUrl)
  })

  api.post('/categories', async (request) => createCategory(storeOf(request).catalog, request.body))

  api.put<{ Params: CategoryParams }>('/categories/:categoryId', async (request) =>
    updateCategory(storeOf(request).catalog, categoryId(request.params.categoryId), request.body),
  )

  api.delete<{ Params: CategoryParams }>('/categories/:categoryId', async (request) =>
    deleteCategory(storeOf(request).catalog, categoryId(request.params.categoryId)),
  )
}

function registerBatchRoutes(api: FastifyInstance, batches: BatchRunner) {
  api.post<{ Querystring: Query }>('/batch', async (request) => {
    const { catalog } = storeOf(request)
    const items = parseBatchBody(request.body)
    const stopOnFirstFailure = readBool(request.query, 'stopOnFirstFailure') ?? true

    return batches.create(catalog.storeId, items, stopOnFirstFailure)
  })

  api.get<{ Querystring: Query }>('/batch', async (request) => {
    const { catalog } = storeOf(request)
    const { ticket, status } = request.query
    if (ticket) {
      return batches.status(
        catalog.storeId,
        ticket,
        readBool(request.query, 'escapedJson') ?? false,
      )
    }
    if (status && !['QUEUED', 'IN_PROGRESS', 'COMPLETED'].includes(status)) {
      throw new EcwidError(400, 'WRONG_PARAMETER', `Wrong parameter 'status' value '${status}'`)
    }
    const { offset, limit } = readPaging(request.query)

    return batches.list(catalog.storeId, status, offset, limit)
  })
}
