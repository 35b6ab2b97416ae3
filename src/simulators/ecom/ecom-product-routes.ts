/** Routes of products, variations, stock and images under /api/v3/{storeId}. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import {
  adjustCombinationInventory,
  createCombination,
  deleteCombinations,
  getCombination,
  updateCombination,
} from './ecom-combinations'
import { idParam, storeOf } from './ecom-context'
import { combinationNotFound, productNotFound } from './ecom-errors'
import {
  addGalleryImage,
  deleteGalleryImages,
  deleteMainImage,
  setCombinationImage,
  setMainImage,
  type ImageSource,
} from './ecom-images'
import { formatEcwidDate, renderCombination, renderProduct } from './ecom-model'
import {
  adjustProductInventory,
  createProduct,
  deleteProduct,
  findProduct,
  updateProduct,
} from './ecom-products'
import { renderSettings } from './ecom-profile'
import { readDate, readPaging, type Query } from './ecom-query'
import { searchProducts } from './ecom-search'

interface ProductParams {
  productId: string
}
interface CombinationParams extends ProductParams {
  combinationId: string
}

function imageSource(request: FastifyRequest): ImageSource {
  const query = request.query as Query

  return {
    externalUrl: query.externalUrl,
    uploadedBytes: Buffer.isBuffer(request.body) ? request.body.length : undefined,
  }
}

function combinationId(raw: string) {
  return idParam(raw, combinationNotFound)
}

export function registerProductRoutes(api: FastifyInstance) {
  api.get<{ Querystring: Query }>('/products', async (request) => {
    const { catalog, config, isPublic } = storeOf(request)
    const { page, ...envelope } = searchProducts(catalog, request.query, isPublic)
    const settings = renderSettings(catalog, config)

    return { ...envelope, items: page.map((product) => renderProduct(product, settings)) }
  })

  api.get<{ Querystring: Query }>('/products/deleted', async (request) => {
    const { catalog } = storeOf(request)
    const { offset, limit } = readPaging(request.query)
    const from = readDate(request.query, 'from_date') ?? 0
    const to = readDate(request.query, 'to_date') ?? Number.MAX_SAFE_INTEGER
    const matching = catalog
      .tombstones()
      .filter((tombstone) => tombstone.date >= from && tombstone.date <= to)
      .sort((a, b) => a.date - b.date || a.id - b.id)
    const page = matching.slice(offset, offset + limit)

    return {
      total: matching.length,
      count: page.length,
      offset,
      limit,
      items: page.map((t) => ({ id: t.id, date: formatEcwidDate(t.date) })),
    }
  })

  api.get<{ Params: ProductParams }>('/products/:productId', async (request) => {
    const { catalog, config, isPublic } = storeOf(request)
    const product = findProduct(catalog, idParam(request.params.productId))
    if (isPublic && !product.enabled) throw productNotFound(product.id)

    return renderProduct(product, renderSettings(catalog, config))
  })

  api.post('/products', async (request) => createProduct(storeOf(request).catalog, request.body))

  api.put<{ Params: ProductParams }>('/products/:productId', async (request) =>
    updateProduct(storeOf(request).catalog, idParam(request.params.productId), request.body),
  )

  api.delete<{ Params: ProductParams }>('/products/:productId', async (request) =>
    deleteProduct(storeOf(request).catalog, idParam(request.params.productId)),
  )

  api.put<{ Params: ProductParams }>('/products/:productId/inventory', async (request) =>
    adjustProductInventory(
      storeOf(request).catalog,
      idParam(request.params.productId),
      request.body,
    ),
  )

  registerCombinationRoutes(api)
  registerImageRoutes(api)
}

function registerCombinationRoutes(api: FastifyInstance) {
  api.get<{ Params: ProductParams }>('/products/:productId/combinations', async (request) => {
    const { catalog } = storeOf(request)
    const product = findProduct(catalog, idParam(request.params.productId))

    return product.combinations.map((combination) => renderCombination(product, combination))
  })

  api.post<{ Params: ProductParams }>('/products/:productId/combinations', async (request) =>
    createCombination(storeOf(request).catalog, idParam(request.params.productId), request.body),
  )

  api.delete<{ Params: ProductParams }>('/products/:productId/combinations', async (request) =>
    deleteCombinations(storeOf(request).catalog, idParam(request.params.productId)),
  )

  const one = '/products/:productId/combinations/:combinationId'
  api.get<{ Params: CombinationParams }>(one, async (request) => {
    const { product, combination } = getCombination(
      storeOf(request).catalog,
      idParam(request.params.productId),
      combinationId(request.params.combinationId),
    )

    return renderCombination(product, combination)
  })

  api.put<{ Params: CombinationParams }>(one, async (request) =>
    updateCombination(
      storeOf(request).catalog,
      idParam(request.params.productId),
      combinationId(request.params.combinationId),
      request.body,
    ),
  )

  api.delete<{ Params: CombinationParams }>(one, async (request) =>
    deleteCombinations(
      storeOf(request).catalog,
      idParam(request.params.productId),
      combinationId(request.params.combinationId),
    ),
  )

  api.put<{ Params: CombinationParams }>(`${one}/inventory`, async (request) =>
    adjustCombinationInventory(
      storeOf(request).catalog,
      idParam(request.params.productId),
      combinationId(request.params.combinationId),
      request.body,
    ),
  )
}

function registerImageRoutes(api: FastifyInstance) {
  api.post<{ Params: ProductParams }>('/products/:productId/image', async (request) =>
    setMainImage(storeOf(request).catalog, idParam(request.params.productId), imageSource(request)),
  )

  api.delete<{ Params: ProductParams }>('/products/:productId/image', async (request) =>
    deleteMainImage(storeOf(request).catalog, idParam(request.params.productId)),
  )

  api.post<{ Params: ProductParams }>('/products/:productId/gallery', async (request) =>
    addGalleryImage(
      storeOf(request).catalog,
      idParam(request.params.productId),
      imageSource(request),
    ),
  )

  api.delete<{ Params: ProductParams }>('/products/:productId/gallery', async (request) =>
    deleteGalleryImages(storeOf(request).catalog, idParam(request.params.productId)),
  )

  api.delete<{ Params: ProductParams & { imageId: string } }>(
    '/products/:productId/gallery/:imageId',
    async (request) =>
      deleteGalleryImages(
        storeOf(request).catalog,
        idParam(request.params.productId),
        request.params.imageId,
      ),
  )

  api.post<{ Params: CombinationParams }>(
    '/products/:productId/combinations/:combinationId/image',
    async (request) =>
      setCombinationImage(
        storeOf(request).catalog,
        idParam(request.params.productId),
        combinationId(request.params.combinationId),
        imageSource(request),
      ),
  )
}
