import { expect, test } from 'vitest'

import { fromEcomProduct } from './from-ecom'
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
