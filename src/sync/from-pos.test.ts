import { expect, test } from 'vitest'

import { fromPosFamily } from './from-pos'
import { posProduct, posTeeFamily, stockAt } from './test-builders'

test('reads a family as its parent plus its live children, options in the family order', () => {
  const [parent, small, medium] = posTeeFamily([
    { sku: 'T-L', size: 'L' },
    { sku: 'T-S', size: 'S' },
    { sku: 'T-M', size: 'M' },
  ])
  const deleted = { ...medium!, deleted_at: '2024-05-01T00:00:00+00:00' }
  const withColour = {
    ...small!,
    variant_options: [
      { name: 'Colour', value: 'Red' },
      { name: 'size', value: 'S' },
    ],
  }

  const product = fromPosFamily([parent!, withColour, deleted], [], { taxExclusive: true })

  expect(product.optionNames).toEqual(['Size', 'Colour'])
  expect(product.variants.map((v) => [v.sku, ...v.optionValues])).toEqual([
    ['T-L', 'L', ''],
    ['T-S', 'S', 'Red'],
  ])
})

test('leaves out a parent that only holds the family together', () => {
  const [parent, ...children] = posTeeFamily([
    { sku: 'T-L', size: 'L' },
    { sku: 'T-S', size: 'S' },
  ])

  const product = fromPosFamily([{ ...parent!, variant_options: [] }, ...children], [], {
    taxExclusive: true,
  })

  expect(product.variants.map((v) => v.sku)).toEqual(['T-S'])
})

test('collapses an option listed twice, as the API 2.0 example does', () => {
  const fabric = { name: 'Fabric', value: 'Cotton' }
  const bravo = posProduct({
    has_variants: true,
    variant_options: [{ name: 'Color', value: 'Black' }, fabric, fabric],
  })

  const product = fromPosFamily([bravo], [], { taxExclusive: true })

  expect(product.optionNames).toEqual(['Color', 'Fabric'])
})

test('reads the Title / Default pseudo-variant of a simple product as a standard product', () => {
  const shipping = posProduct({ variant_options: [{ name: 'Title', value: 'Default' }] })

  const product = fromPosFamily([shipping], [], { taxExclusive: true })

  expect(product.optionNames).toEqual([])
  expect(product.variants).toHaveLength(1)
})

test('takes the price the retailer enters: excluding or including tax', () => {
  const mug = posProduct({ price_excluding_tax: 2.63158, price_including_tax: 3.02632 })

  const exclusive = fromPosFamily([mug], [], { taxExclusive: true })
  const inclusive = fromPosFamily([mug], [], { taxExclusive: false })

  expect([exclusive.variants[0]?.price, inclusive.variants[0]?.price]).toEqual([
    '2.63158',
    '3.02632',
  ])
})

test('keeps stock per outlet as the POS has it, negative levels included', () => {
  const product = fromPosFamily([posProduct()], stockAt('pos-1', -2, 5), { taxExclusive: true })

  expect(product.variants[0]?.outletStock.map((s) => s.level)).toEqual([-2, 5])
  expect(product.variants[0]?.quantity).toBe(5)
})

test('counts only the outlets that stock the web store, when the merchant names them', () => {
  const stock = stockAt('pos-1', 4, 7, 2)
  const all = fromPosFamily([posProduct()], stock, { taxExclusive: true })
  const named = fromPosFamily([posProduct()], stock, {
    taxExclusive: true,
    stockOutletIds: new Set([stock[0]?.outlet_id ?? '', 'outlet-2']),
  })

  expect(all.variants[0]?.quantity).toBe(13)
  expect(named.variants[0]?.quantity).toBe(6)
  // Every outlet's level stays known, so a change at an outlet that does not count is no change.
  expect(named.variants[0]?.outletStock.map((s) => s.level)).toEqual([4, 7, 2])
})

test('gives no quantity to a product that does not track stock', () => {
  const product = fromPosFamily([posProduct({ has_inventory: false })], stockAt('pos-1', 4), {
    taxExclusive: true,
  })

  expect(product.variants[0]?.quantity).toBeNull()
})

test('refuses to mix products of another family into one call', () => {
  const stray = posProduct({ id: 'other', variant_parent_id: 'someone-else' })

  expect(() => fromPosFamily([posProduct(), stray], [], { taxExclusive: true })).toThrow(
    'product other is not in the family of pos-1',
  )
})
