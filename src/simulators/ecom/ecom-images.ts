/**
 * Product images. The simulator records the external URL (or a made-up URL for a binary upload)
 * and never downloads anything, so a test works offline and a bad URL is not our problem.
 */
import type { EcomCatalog } from './ecom-catalog'
import { getCombination } from './ecom-combinations'
import { EcwidError } from './ecom-errors'
import { nowSeconds, type StoredImage, type StoredProduct } from './ecom-model'
import { findProduct } from './ecom-products'

export interface ImageSource {
  externalUrl?: string
  /** A binary upload's size; its bytes are not kept. */
  uploadedBytes?: number
}

const MAX_IMAGE_BYTES = 20 * 1024 * 1024

function resolveUrl(catalog: EcomCatalog, imageId: number, source: ImageSource): string {
  if (source.externalUrl !== undefined) {
    try {
      const url = new URL(source.externalUrl)
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString()
    } catch {
      // falls through to the 400 below
    }
    throw new EcwidError(400, 'WRONG_PARAMETER', `Wrong parameter 'externalUrl'`)
  }
  if (!source.uploadedBytes) {
    throw new EcwidError(400, 'WRONG_PARAMETER', 'Send an image body or an externalUrl')
  }
  if (source.uploadedBytes > MAX_IMAGE_BYTES) {
    throw new EcwidError(413, 'INCORRECT_IMAGE_SIZE', 'Image is larger than 20 MB')
  }

  return `https://images.ecom-simulator.invalid/${catalog.storeId}/${imageId}.jpg`
}

function save(catalog: EcomCatalog, product: StoredProduct, images: StoredImage[]) {
  catalog.saveProduct({ ...product, images, updateTimestamp: nowSeconds() }, 'product.updated')
}

/** The main image is replaced, as Ecwid's POST /products/{id}/image does. */
export function setMainImage(catalog: EcomCatalog, productId: number, source: ImageSource) {
  const product = findProduct(catalog, productId)
  const id = catalog.nextId('image')
  const url = resolveUrl(catalog, id, source)
  const others = product.images.filter((image) => !image.isMain)
  save(catalog, product, [{ id: String(id), url, isMain: true, orderBy: 0 }, ...others])

  return { id }
}

export function addGalleryImage(catalog: EcomCatalog, productId: number, source: ImageSource) {
  const product = findProduct(catalog, productId)
  const id = catalog.nextId('image')
  const url = resolveUrl(catalog, id, source)
  const orderBy = Math.max(0, ...product.images.map((image) => image.orderBy)) + 1
  save(catalog, product, [...product.images, { id: String(id), url, isMain: false, orderBy }])

  return { id }
}

export function deleteMainImage(catalog: EcomCatalog, productId: number) {
  const product = findProduct(catalog, productId)
  const kept = product.images.filter((image) => !image.isMain)
  save(catalog, product, kept)

  return { deleteCount: product.images.length - kept.length }
}

export function deleteGalleryImages(catalog: EcomCatalog, productId: number, imageId?: string) {
  const product = findProduct(catalog, productId)
  const kept = product.images.filter(
    (image) => image.isMain || (imageId !== undefined && image.id !== imageId),
  )
  save(catalog, product, kept)

  return { deleteCount: product.images.length - kept.length }
}

export function setCombinationImage(
  catalog: EcomCatalog,
  productId: number,
  combinationId: number,
  source: ImageSource,
) {
  const { product } = getCombination(catalog, productId, combinationId)
  const id = catalog.nextId('image')
  const imageUrl = resolveUrl(catalog, id, source)
  const combinations = product.combinations.map((combination) =>
    combination.id === combinationId ? { ...combination, imageUrl } : combination,
  )
  catalog.saveProduct(
    { ...product, combinations, updateTimestamp: nowSeconds() },
    'product.updated',
  )

  return { id }
}
