/**
 * How the simulator keeps eCom's catalog, and how it shows it the way Ecwid does: derived fields
 * (inStock, categories, image URLs) are computed on read, quantity is left out when stock is
 * unlimited, and a variation shows the product's values for whatever it does not set itself.
 */
import type { OptionInput, OptionValue } from './ecom-schemas'

export interface StoredImage {
  id: string
  url: string
  isMain: boolean
  orderBy: number
}

export interface StoredCombination {
  id: number
  combinationNumber: number
  options: OptionValue[]
  sku?: string
  quantity?: number
  unlimited?: boolean
  price?: number
  weight?: number
  compareToPrice?: number
  imageUrl?: string
  /** Fields we do not model (attributes, warningLimit, wholesalePrices), returned as sent. */
  extra: Record<string, unknown>
}

export interface StoredProduct {
  id: number
  sku: string
  name: string
  description: string
  price: number
  quantity: number
  unlimited: boolean
  enabled: boolean
  categoryIds: number[]
  options: OptionInput[]
  combinations: StoredCombination[]
  images: StoredImage[]
  weight?: number
  compareToPrice?: number
  externalReferenceId?: string
  /** Epoch seconds. */
  createTimestamp: number
  updateTimestamp: number
  nextCombinationNumber: number
  extra: Record<string, unknown>
}

export interface StoredCategory {
  id: number
  parentId: number
  name: string
  description: string
  enabled: boolean
  orderBy: number
  imageUrl?: string
  extra: Record<string, unknown>
}

export type PaymentStatus =
  'AWAITING_PAYMENT' | 'PAID' | 'CANCELLED' | 'REFUNDED' | 'PARTIALLY_REFUNDED' | 'INCOMPLETE'

export interface StoredOrderItem {
  id: number
  productId?: number
  combinationId?: number
  sku: string
  name: string
  quantity: number
  price: number
  productPrice: number
  selectedOptions: { name: string; value: string }[]
  /** Fields we do not model (taxes, weight, files…), returned as sent. */
  extra: Record<string, unknown>
}

/** Stock an order holds: units taken from a product, or from one of its variations. */
export interface StockHold {
  productId: number
  combinationId?: number
  quantity: number
}

export interface StoredOrder {
  /** Ecwid's order number, also its internalId. */
  internalId: number
  /** The public id, e.g. "K8XTQ" (vendorOrderNumber, publicUid). */
  id: string
  paymentStatus: PaymentStatus
  fulfillmentStatus: string
  email: string
  subtotal: number
  tax: number
  total: number
  items: StoredOrderItem[]
  /** What this order has taken from stock, so a later status change returns exactly that. */
  holds: StockHold[]
  createTimestamp: number
  updateTimestamp: number
  extra: Record<string, unknown>
}

export interface RenderContext {
  storeUrl: string
  currencyPrefix: string
  currencySuffix: string
  currencyPrecision: number
  isCategoryEnabled: (id: number) => boolean
}

/** Ecwid's date strings: "2024-09-04 07:20:11 +0000". */
export function formatEcwidDate(epochSeconds: number): string {
  const iso = new Date(epochSeconds * 1000).toISOString()

  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} +0000`
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

function formatPrice(value: number, ctx: RenderContext): string {
  return `${ctx.currencyPrefix}${value.toFixed(ctx.currencyPrecision)}${ctx.currencySuffix}`
}

/** A variation without its own SKU has no stock of its own: it sells from the product's. */
export function combinationStock(product: StoredProduct, combination: StoredCombination) {
  if (!combination.sku) return { unlimited: product.unlimited, quantity: product.quantity }
  const unlimited = combination.unlimited ?? product.unlimited

  return { unlimited, quantity: combination.quantity ?? (unlimited ? 0 : product.quantity) }
}

export function isInStock(product: StoredProduct): boolean {
  if (product.unlimited || product.quantity > 0) return true

  return product.combinations.some((combination) => {
    const stock = combinationStock(product, combination)

    return stock.unlimited || stock.quantity > 0
  })
}

function imageUrls(url: string) {
  return {
    thumbnailUrl: url,
    imageUrl: url,
    hdThumbnailUrl: url,
    smallThumbnailUrl: url,
    originalImageUrl: url,
  }
}

export function renderCombination(product: StoredProduct, combination: StoredCombination) {
  const stock = combinationStock(product, combination)
  const price = combination.price ?? product.price
  const weight = combination.weight ?? product.weight
  const compareToPrice = combination.compareToPrice ?? product.compareToPrice

  return {
    ...combination.extra,
    id: combination.id,
    combinationNumber: combination.combinationNumber,
    options: combination.options.map((option) => ({
      ...option,
      nameTranslated: option.nameTranslated ?? { en: option.name },
      valueTranslated: option.valueTranslated ?? { en: option.value },
    })),
    ...(combination.sku ? { sku: combination.sku } : {}),
    ...(stock.unlimited ? {} : { quantity: stock.quantity }),
    unlimited: stock.unlimited,
    price,
    defaultDisplayedPrice: price,
    ...(weight === undefined ? {} : { weight }),
    ...(compareToPrice === undefined ? {} : { compareToPrice }),
    ...(combination.imageUrl ? imageUrls(combination.imageUrl) : {}),
  }
}

function renderImages(product: StoredProduct) {
  return [...product.images]
    .sort((a, b) => Number(b.isMain) - Number(a.isMain) || a.orderBy - b.orderBy)
    .map((image) => ({
      id: image.id,
      isMain: image.isMain,
      orderBy: image.orderBy,
      image160pxUrl: image.url,
      image400pxUrl: image.url,
      image800pxUrl: image.url,
      image1500pxUrl: image.url,
      imageOriginalUrl: image.url,
    }))
}

export function renderProduct(product: StoredProduct, ctx: RenderContext) {
  const main = product.images.find((image) => image.isMain)

  return {
    ...product.extra,
    id: product.id,
    sku: product.sku,
    ...(product.unlimited ? {} : { quantity: product.quantity }),
    unlimited: product.unlimited,
    inStock: isInStock(product),
    name: product.name,
    nameTranslated: { en: product.name, ...asRecord(product.extra.nameTranslated) },
    price: product.price,
    defaultDisplayedPrice: product.price,
    defaultDisplayedPriceFormatted: formatPrice(product.price, ctx),
    ...(product.compareToPrice === undefined ? {} : { compareToPrice: product.compareToPrice }),
    ...(product.weight === undefined ? {} : { weight: product.weight }),
    url: `${ctx.storeUrl}/p/${product.id}`,
    created: formatEcwidDate(product.createTimestamp),
    updated: formatEcwidDate(product.updateTimestamp),
    createTimestamp: product.createTimestamp,
    updateTimestamp: product.updateTimestamp,
    enabled: product.enabled,
    options: product.options,
    description: product.description,
    media: { images: renderImages(product) },
    ...(main ? imageUrls(main.url) : {}),
    categoryIds: product.categoryIds,
    categories: product.categoryIds.map((id) => ({ id, enabled: ctx.isCategoryEnabled(id) })),
    defaultCategoryId: product.categoryIds[0] ?? 0,
    attributes: Array.isArray(product.extra.attributes) ? product.extra.attributes : [],
    combinations: product.combinations.map((combination) =>
      renderCombination(product, combination),
    ),
    ...(product.externalReferenceId === undefined
      ? {}
      : { externalReferenceId: product.externalReferenceId }),
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {}
}
