/**
 * After the upload, what an eCom event changes in Retail POS (the article's rules table, eCom →
 * Retail POS): nothing for any product edit, variant added, disabled, enabled or deleted, since
 * Retail POS is the system of record; a paid order is a sale, and the stock it moves is recorded
 * in Retail POS, and given back there when the order is cancelled or refunded.
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
  /** Read the order, then record its sale once, or return that sale once it no longer holds. */
  | { kind: 'order'; orderId: string }

/**
 * Payment statuses under which eCom keeps an order's items out of its stock (API-FACTS §1.12, the
 * eCom simulator's orders): paid, or partly refunded. Cancelled, refunded or deleted gives them
 * back; awaiting payment never took them.
 *
 * LIMITATION: a partly refunded order keeps its Retail POS sale whole: an Ecwid refund names an
 * amount, not items, and eCom keeps the items out of stock too. Items the merchant takes back
 * are returned in Retail POS by hand.
 */
const HOLDS_STOCK = new Set(['PAID', 'PARTIALLY_REFUNDED'])

/** True when eCom holds the order's items out of stock, so Retail POS records them sold. */
export function holdsStock(paymentStatus: string | null | undefined): boolean {
  return HOLDS_STOCK.has((paymentStatus ?? '').toUpperCase())
}

/** What Retail POS does about one eCom event. */
export function posActionFor(event: EcomEvent): PosAction {
  const type = event.eventType
  const orderId = event.data?.orderId ?? event.entityId
  const isOrderEvent = type === 'order.created' || type === 'order.updated'

  if (isOrderEvent || type === 'order.deleted') {
    const now = event.data?.newPaymentStatus
    const before = event.data?.oldPaymentStatus
    // An update says where the order came from; without it, only reading the order can tell.
    const mayHaveHeld = type === 'order.updated' && (!before || holdsStock(before))

    if (isOrderEvent && now && !holdsStock(now) && !mayHaveHeld) {
      return { kind: 'nothing', why: `the order is not paid (${now})` }
    }
    if (orderId == null || String(orderId) === '') {
      return { kind: 'nothing', why: 'the event names no order' }
    }

    return { kind: 'order', orderId: String(orderId) }
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
  /** Unix seconds. */
  createTimestamp?: number | null
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
  /** True when eCom holds the items out of stock (paid, or partly refunded). */
  holdsStock: boolean
  /** One line per POS variant and unit price, quantities of repeated items added up. */
  lines: SaleLine[]
  /** SKUs (or product ids) of items that are not linked products: they stay eCom's own. */
  unlinked: string[]
}

/**
 * The sale an order makes in Retail POS: each item matched to its linked POS variant by the
 * eCom product and variation it was bought as, or else by its SKU among the linked variants.
 * Items of one variant at one price make one line; at different prices, one line each.
 */
export function saleFromOrder(order: EcomOrder, linked: readonly LinkedSaleVariant[]): OrderSale {
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

    const price = toDecimalString(item.price)
    const key = `${variant.posProductId} ${price ?? ''}`
    const line = lines.get(key)

    if (line) line.quantity += quantity
    else lines.set(key, { posProductId: variant.posProductId, quantity, price })
  }

  return { holdsStock: holdsStock(order.paymentStatus), lines: [...lines.values()], unlinked }
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
