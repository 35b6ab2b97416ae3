import { expect, test } from 'vitest'

import { ecomPickerFigures, fromEcomProduct } from './from-ecom'
import { ecomCombination, ecomProduct } from './test-builders'

test('aligns each variation with the product option order, whatever order it lists', () => {
  const product = fromEcomProduct(
    ecomProduct({
      options: [{ name: 'Size' }, { name: 'Color' }],
      combinations: [ecomCombination('000076', { Color: 'White', Size: 'Large' })],
    }),
    [],
  )

  expect(product.optionNames).toEqual(['Size', 'Color'])
  expect(product.variants[0]?.optionValues).toEqual(['Large', 'White'])
})

test('lets a variation inherit its price, but never its SKU, from the product', () => {
  const product = fromEcomProduct(
    ecomProduct({
      sku: 'TEE',
      price: 9.5,
      combinations: [ecomCombination(null, { Size: 'S' }, { price: null })],
    }),
    [],
  )

  expect(product.variants[0]).toMatchObject({ sku: '', price: '9.5' })
})

test('warns about an option no variation uses: it stays on eCom', () => {
  const product = fromEcomProduct(
    ecomProduct({
      name: 'Radish',
      options: [{ name: 'Size' }, { name: 'Gift wrap' }],
      combinations: [ecomCombination('R-S', { Size: 'Small' })],
    }),
    [],
  )

  expect(product.warnings).toEqual([
    {
      field: 'options',
      message: '"Radish": option Gift wrap has no variations, so it stays on eCom only',
    },
  ])
})

test('reads an unlimited product as untracked stock', () => {
  const product = fromEcomProduct(ecomProduct({ quantity: undefined, unlimited: true }), [])

  expect([product.trackInventory, product.variants[0]?.quantity]).toEqual([false, null])
})

test('the picker counts the stock variations share with the product once, and shows the product SKU', () => {
  const shared = ecomProduct({
    sku: 'VEST',
    quantity: 8,
    combinations: ['S', 'M', 'L'].map((size) =>
      ecomCombination(null, { Size: size }, { quantity: 8 }),
    ),
  })
  const mixed = ecomProduct({
    sku: 'TEE',
    quantity: 11,
    combinations: [
      ecomCombination('TEE-S', { Size: 'S' }, { quantity: 6 }),
      ecomCombination(null, { Size: 'M' }, { quantity: 11 }),
      ecomCombination('TEE-L', { Size: 'L' }, { quantity: 4 }),
    ],
  })
  const own = ecomProduct({
    sku: 'BOTTLE',
    quantity: 25,
    combinations: [
      ecomCombination('BOTTLE-GLA', { Colour: 'Glacier' }, { quantity: 10 }),
      ecomCombination('BOTTLE-EMB', { Colour: 'Ember' }, { quantity: -2 }),
    ],
  })
  const unlimited = ecomProduct({
    combinations: [
      ecomCombination('U-S', { Size: 'S' }, { quantity: 3 }),
      ecomCombination('U-M', { Size: 'M' }, { quantity: undefined, unlimited: true }),
    ],
  })

  expect(ecomPickerFigures(shared)).toEqual({ sku: 'VEST', stock: 8 })
  expect(ecomPickerFigures(mixed)).toEqual({ sku: 'TEE', stock: 21 })
  expect(ecomPickerFigures(own)).toEqual({ sku: 'BOTTLE', stock: 10 })
  expect(ecomPickerFigures(unlimited).stock).toBeNull()
  expect(ecomPickerFigures(ecomProduct({ quantity: 67 }))).toEqual({ sku: '00007', stock: 67 })
})
