import Big from 'big.js'

/**
 * Units for sale online from X-Series stock per outlet (case C14): the sum over outlets of
 * max(0, level), rounded down to whole units. A negative level is a counting debt at that outlet
 * (sold before it was received); it is not stock another outlet can lose, so it counts as 0 rather
 * than being subtracted. A product whose every outlet is at or below 0 gets 0: not for sale.
 * Fractional levels (goods sold by weight) round down, so eCom never sells more than is there.
 *
 * LIMITATION: every outlet the POS reports is counted; a merchant cannot yet pick which outlets
 * stock the web store. Safe for now because the sum never counts an outlet's debt as stock.
 */
export function unitsForSale(levels: readonly (number | null | undefined)[]): number {
  let total = new Big(0)

  for (const level of levels) {
    if (typeof level === 'number' && Number.isFinite(level) && level > 0) {
      total = total.plus(level)
    }
  }

  return Number(total.round(0, Big.roundDown).toFixed(0))
}

/** Stock as eCom reports it, never below 0 (an inventory adjustment can drive it negative). */
export function clampStock(quantity: number | null | undefined): number {
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0) return 0

  return Math.floor(quantity)
}
