import Big from 'big.js'

/**
 * Prices stay exact decimal strings from the moment they are read until a create body is built;
 * only then do they become JSON numbers. No binary float arithmetic touches them on the way.
 */

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/

/**
 * An exact decimal string ("12.99") from a price as a vendor sent it, or null when it is not a
 * finite number. A number is read through its shortest round-trip form, so 2.63158 stays
 * "2.63158". A string must be a plain decimal: "12,99", "$5" and "" are not prices.
 */
export function toDecimalString(raw: unknown): string | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? new Big(raw).toFixed() : null
  if (typeof raw !== 'string') return null

  const text = raw.trim()

  return PLAIN_DECIMAL.test(text) ? new Big(text).toFixed() : null
}

/**
 * The price for eCom, rounded to the store's currency precision (2 for USD, 0 for JPY) half-up:
 * 2.635 → 2.64. Prices are never negative here, so half-up is also half away from zero, the rule
 * a merchant checks by hand; banker's rounding would leave some prices a cent off their POS price.
 */
export function toEcomPrice(price: string, currencyPrecision: number): number {
  return Number(new Big(price).round(currencyPrecision, Big.roundHalfUp).toFixed(currencyPrecision))
}

/** The price for Retail POS, which takes up to 5 decimals: eCom prices already fit, kept exact. */
export function toPosPrice(price: string): number {
  return Number(new Big(price).toFixed())
}

export function isNegative(price: string): boolean {
  return new Big(price).lt(0)
}

export function compareDecimals(a: string, b: string): number {
  return new Big(a).cmp(new Big(b))
}
