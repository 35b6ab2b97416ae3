import Big from 'big.js'

import { toDecimalString } from './money'

type RawStock = number | string | null | undefined

/**
 * A stock level as a number; 0 when it is missing or unreadable, which keeps the item off sale
 * rather than inventing stock.
 */
export function readStockLevel(raw: RawStock): number {
  const level = toDecimalString(raw)

  return level === null ? 0 : Number(level)
}

/**
 * Units for sale online from X-Series stock per outlet (case C14): the sum over outlets of
 * max(0, level), rounded down to whole units. A negative level is a counting debt at that outlet
 * (sold before it was received); it is not stock another outlet can lose, so it counts as 0 rather
 * than being subtracted. A product whose every outlet is at or below 0 gets 0: not for sale.
 * Fractional levels (goods sold by weight) round down, so eCom never sells more than is there.
 * The caller passes the levels of the outlets that stock the web store (all, unless the merchant
 * names some: POS_STOCK_OUTLETS).
 */
export function unitsForSale(levels: readonly RawStock[]): number {
  let total = new Big(0)

  for (const raw of levels) {
    const level = toDecimalString(raw)

    if (level !== null && new Big(level).gt(0)) total = total.plus(level)
  }

  return Number(total.round(0, Big.roundDown).toFixed(0))
}

/** Stock as eCom reports it, never below 0 (an inventory adjustment can drive it negative). */
export function clampStock(quantity: RawStock): number {
  return Math.max(0, Math.floor(readStockLevel(quantity)))
}
