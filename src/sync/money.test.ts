import { expect, test } from 'vitest'

import { toDecimalString, toEcomPrice, toPosPrice } from './money'

test('reads vendor prices as exact decimal strings', () => {
  const read = [2.63158, 0.1, 110, '12.990', ' 4.5 ', 1e21, -0.5].map(toDecimalString)

  expect(read).toEqual(['2.63158', '0.1', '110', '12.99', '4.5', '1000000000000000000000', '-0.5'])
})

test('refuses what is not a plain decimal number', () => {
  const read = ['12,99', '$5', '', 'abc', '1e3', null, undefined, NaN, Infinity, {}].map(
    toDecimalString,
  )

  expect(read.every((price) => price === null)).toBe(true)
})

test('rounds to the currency precision half-up, without binary float error', () => {
  // 1.005 and 2.675 are just below their halves as doubles: float rounding gives 1.00 and 2.67.
  const rounded = ['1.005', '2.675', '2.63158', '2.634', '0.125'].map((p) => toEcomPrice(p, 2))

  expect(rounded).toEqual([1.01, 2.68, 2.63, 2.63, 0.13])
})

test('rounds to whole units for a currency without decimals', () => {
  expect([toEcomPrice('1499.5', 0), toEcomPrice('1499.49', 0)]).toEqual([1500, 1499])
})

test('sends eCom prices to Retail POS unchanged', () => {
  expect([toPosPrice('20.99'), toPosPrice('0.1'), toPosPrice('3.02632')]).toEqual([
    20.99, 0.1, 3.02632,
  ])
})
