/**
 * After the upload, what an eCom event changes in Retail POS (the article's rules table, eCom →
 * Retail POS): nothing for any product edit, variant added, disabled, enabled or deleted, since
 * Retail POS is the system of record; a paid order is a sale, and the stock it moves is recorded
 * in Retail POS.
 */
import { toDecimalString } from './money'
import { sameSku, skuKey } from './text'

/** An eCom webhook as Ecwid sends it (API-FACTS §1.12); product events carry no `data`. */
export interface EcomEvent {
  eventId?: string
  eventType: string
  entityId?: number | string | null
  storeId?: number | null
  data?: {
    orderId?: string | number | null
    newPaymentStatus?: string | null
    oldPaymentStatus?: string | null
  } | null
}

export type PosAction =
  | { kind: 'nothing'; why: string }
  /** Read the order, then record its sale once. */
  | { kind: 'record-sale'; orderId: string }

const PAID = 'PAID'

/** What Retail POS does about one eCom event. */
export function posActionFor(event: EcomEvent): PosAction {
  const type = event.eventType

  if (type === 'order.created' || type === 'order.updated') {
    const status = event.data?.newPaymentStatus
    const orderId = event.data?.orderId ?? event.entityId

    if (status && status.toUpperCase() !== PAID) {
      return { kind: 'nothing', why: `the order is not paid (${status})` }
    }
    if (orderId == null || String(orderId) === '') {
      return { kind: 'nothing', why: 'the event names no order' }
    }

    return { kind: 'record-sale', orderId: String(orderId) }
  }
  if (type.startsWith('product.') || type.startsWith('category.')) {
    return { kind: 'nothing', why: 'Retail POS is the system of record: eCom edits stay on eCom' }
  }

  return { kind: 'nothing', why: `${type} does not concern the products` }
}

/** The part of an Ecwid order the sale needs (GET /orders/{id}). */
export interface EcomOrderItem {
  productId?: number | string | null
  combinationId?: number | string | null
  sku?: string | null
  quantity?: number | string | null
  price?: number | string | null
}

export interface EcomOrder {
  id?: number | string | null
  orderNumber?: number | string | null
  paymentStatus?: string | null
  items?: EcomOrderItem[] | null
}

/** A linked variant as the links record it. */
export interface LinkedSaleVariant {
  ecomProductId: string
  /** null for a standard product: the product is the variant. */
  ecomCombinationId: string | null
  posProductId: string
  sku: string
}

export interface SaleLine {
  posProductId: string
  quantity: number
  /** Unit price the customer paid, exact decimal; null when the order did not say. */
  price: string | null
}

export interface OrderSale {
  isPaid: boolean
  /** One line per POS variant, quantities of repeated items added up. */
  lines: SaleLine[]
  /** SKUs (or product ids) of items that are not linked products: they stay eCom's own. */
  unlinked: string[]
}

/**
 * The sale an order makes in Retail POS: each item matched to its linked POS variant by the
 * eCom product and variation it was bought as, or else by its SKU among the linked variants.
 */
export function saleFromOrder(order: EcomOrder, linked: readonly LinkedSaleVariant[]): OrderSale {
  const isPaid = (order.paymentStatus ?? '').toUpperCase() === PAID
  const lines = new Map<string, SaleLine>()
  const unlinked: string[] = []

  for (const item of order.items ?? []) {
    const quantity = Math.trunc(Number(item.quantity ?? 0))
    const variant = linkedVariantOf(item, linked)

    if (!(quantity > 0)) continue
    if (!variant) {
      unlinked.push(skuKey(item.sku) || `product ${String(item.productId ?? '?')}`)
      continue
    }

    const line = lines.get(variant.posProductId)

    if (line) line.quantity += quantity
    else
      lines.set(variant.posProductId, {
        posProductId: variant.posProductId,
        quantity,
        price: toDecimalString(item.price),
      })
  }

  return { isPaid, lines: [...lines.values()], unlinked }
}

function linkedVariantOf(
  item: EcomOrderItem,
  linked: readonly LinkedSaleVariant[],
): LinkedSaleVariant | undefined {
  const productId = item.productId == null ? null : String(item.productId)
  const combinationId = item.combinationId == null ? null : String(item.combinationId)
  const ofProduct = linked.filter((v) => v.ecomProductId === productId)
  const byCombination =
    combinationId === null
      ? undefined
      : ofProduct.find((v) => v.ecomCombinationId === combinationId)
  const bySku = ofProduct.find((v) => sameSku(v.sku, item.sku))
  const [only] = ofProduct
  const standard = combinationId === null && ofProduct.length === 1 ? only : undefined

  return byCombination ?? bySku ?? standard ?? linked.find((v) => sameSku(v.sku, item.sku))
}
