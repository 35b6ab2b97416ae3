/**
 * How an eCom order reads as a Retail POS register sale (Sales 101): which external id finds it
 * again, the note a merchant reads in the sales history, its date, and each line's unit price
 * excluding tax with its unit tax, computed in exact decimals.
 */
import Big from 'big.js'

/** X-Series keeps sale amounts to five decimal places. */
const SALE_DECIMALS = 5

export interface SaleTax {
  id: string
  /** The tax's rate as a decimal fraction, e.g. "0.08875". */
  rate: string
}

export type RegisterSaleLine = {
  product_id: string
  quantity: number
  /** Unit price excluding tax. */
  price: number
  /** Unit tax. */
  tax: number
  tax_id: string
}

/** A line the sale leaves out, and why, in the merchant's words. */
export interface LeftOut {
  sku: string
  why: string
}

/**
 * The sale's external id: unique across the eCom stores that share one Retail POS account, and
 * the same every time the order is recorded, so an unknown outcome can be looked up.
 */
export function saleSourceId(storeId: number, orderId: string): string {
  return `ecom-${storeId}-${orderId}`
}

/** The order number a merchant sees on eCom, with its public id when that differs. */
export function orderLabel(order: { id?: unknown; orderNumber?: unknown }, orderId: string) {
  const number = order.orderNumber == null ? '' : String(order.orderNumber)

  return number !== '' && number !== orderId ? `#${number} (${orderId})` : orderId
}

/** The sale's note, naming the order and every linked item the sale does not carry. */
export function saleNote(label: string, leftOut: readonly LeftOut[], what = 'eCom order'): string {
  const head = `${what} ${label}`

  if (leftOut.length === 0) return head

  return `${head}. Not in this sale: ${leftOut.map((l) => `${l.sku} (${l.why})`).join('; ')}`
}

/** "2016-05-05 23:35:34" in UTC, as the guide sends sale dates; undefined when unknown. */
export function saleDate(createTimestamp: number | null | undefined): string | undefined {
  if (typeof createTimestamp !== 'number' || !Number.isFinite(createTimestamp)) return undefined

  return new Date(createTimestamp * 1000)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '')
}

/**
 * What a sale of these lines comes to, tax included, as Retail POS adds it up: quantity × (price +
 * tax) over the lines, exact. A completed sale's payments come to it; a return's total is negative,
 * and so is its refund.
 */
export function saleTotal(
  lines: readonly { quantity: number; price: number; tax: number }[],
): string {
  return lines
    .reduce((sum, l) => sum.plus(new Big(l.price).plus(l.tax).times(l.quantity)), new Big(0))
    .toFixed()
}

/**
 * One line of the sale. `unitPrice` is what the customer paid per unit as the stores show prices
 * (tax included when they include it; uploads check both sides agree); a register sale takes the
 * price excluding tax and the tax apart.
 */
export function registerSaleLine(
  line: { posProductId: string; quantity: number; unitPrice: string },
  tax: SaleTax,
  pricesIncludeTax: boolean,
): RegisterSaleLine {
  const paid = new Big(line.unitPrice)
  const factor = new Big(1).plus(tax.rate)
  const price = pricesIncludeTax ? paid.div(factor).round(SALE_DECIMALS, Big.roundHalfUp) : paid
  const unitTax = pricesIncludeTax
    ? paid.minus(price)
    : price.times(tax.rate).round(SALE_DECIMALS, Big.roundHalfUp)

  return {
    product_id: line.posProductId,
    quantity: line.quantity,
    price: Number(price.toFixed()),
    tax: Number(unitTax.toFixed()),
    tax_id: tax.id,
  }
}
