// The failure cases of ../shared/cases/CASES.md that the sync rules own, each asserted on what
// the merchant reads (refusals) or on what lands on the other side (the create body).
import { describe, expect, test } from 'vitest'

import type { CatalogProduct } from './model'
import {
  ecomBody,
  ecomCombination,
  ecomProduct,
  posBody,
  posProduct,
  posTeeFamily,
  readEcom,
  readPos,
  stockAt,
} from './test-builders'
import { sameSku, skuKey, tagKey } from './text'
import { toEcomCreate } from './to-ecom'
import { uploadWarnings, validateForUpload } from './validate'

const messages = (p: CatalogProduct, direction: 'pos-to-ecom' | 'ecom-to-pos') =>
  validateForUpload(p, direction).map((r) => r.message)

describe('C3 blank SKUs never match', () => {
  test('an empty, null or whitespace-only SKU matches nothing, not even another blank one', () => {
    const blanks = ['', '   ', '\u00a0', null, undefined]

    const matches = blanks.flatMap((a) => blanks.filter((b) => sameSku(a, b)))

    expect(matches).toEqual([])
    expect(blanks.map(skuKey)).toEqual(['', '', '', '', ''])
  })

  test('eCom to Retail POS refuses a product without a SKU', () => {
    const product = readEcom(ecomProduct({ name: 'Radish', sku: ' ' }))

    expect(messages(product, 'ecom-to-pos')).toEqual(['"Radish": SKU required; add one in eCom'])
  })

  test('Retail POS to eCom creates a standard product without a SKU, and says eCom gave it one', () => {
    const product = readPos([posProduct({ sku: '' })])

    const body = toEcomCreate(product, { categoryIds: [], currencyPrecision: 2 })

    expect(messages(product, 'pos-to-ecom')).toEqual([])
    expect(body).not.toHaveProperty('sku')
    expect(uploadWarnings(product, 'pos-to-ecom').map((w) => w.message)).toEqual([
      '"Harvard Crest Mug": it has no SKU in Retail POS, so eCom gave it one of its own; add a SKU in Retail POS to find it by SKU',
    ])
  })

  test('Retail POS to eCom refuses a variant without a SKU: eCom would sell it from the product stock', () => {
    const family = posTeeFamily([
      { sku: 'T-S', size: 'S' },
      { sku: '', size: 'M' },
    ])
    const product = readPos(family)

    expect(messages(product, 'pos-to-ecom')).toEqual([
      '"Racerback Tank": each variant needs its own unique SKU (no SKU: M); add one in Retail POS: on eCom a variant without a SKU sells from the whole product\'s stock',
    ])
    expect(uploadWarnings(product, 'pos-to-ecom')).toEqual([])
    expect(() => toEcomCreate(product, { categoryIds: [], currencyPrecision: 2 })).toThrow()
  })

  test('Retail POS to eCom gives every variation its own SKU and stock, never the product ones', () => {
    const family = posTeeFamily([
      { sku: 'T-S', size: 'S' },
      { sku: 'T-M', size: 'M' },
    ])
    const product = readPos(family, [...stockAt('tee-0', 6), ...stockAt('tee-1', 4, -3)])

    const body = toEcomCreate(product, { categoryIds: [], currencyPrecision: 2 })

    expect(body.combinations?.map((c) => [c.sku, 'quantity' in c ? c.quantity : null])).toEqual([
      ['T-S', 6],
      ['T-M', 4],
    ])
  })

  test('Retail POS to eCom still refuses variants that share a SKU', () => {
    const family = posTeeFamily([
      { sku: 'T-S', size: 'S' },
      { sku: 'T-S ', size: 'M' },
    ])

    expect(messages(readPos(family), 'pos-to-ecom')).toEqual([
      '"Racerback Tank": each variant needs its own unique SKU (SKU T-S shared by S and M)',
    ])
  })
})

describe('C4 a variant with a blank option value', () => {
  test('is refused naming the variant and the option, and the option is kept', () => {
    const product = readEcom(
      ecomProduct({
        name: 'V-Neck T-Shirt',
        options: [{ name: 'Colour' }, { name: 'Size' }],
        combinations: [
          ecomCombination('VN-RED', { Colour: 'Red', Size: '' }),
          ecomCombination('VN-BLUE-L', { Colour: 'Blue', Size: 'L' }),
        ],
      }),
    )

    expect(product.optionNames).toEqual(['Colour', 'Size'])
    expect(messages(product, 'ecom-to-pos')).toEqual([
      '"V-Neck T-Shirt": variant VN-RED has no value for Size',
    ])
  })

  test('a variation that leaves the option out is refused the same way', () => {
    const product = readEcom(
      ecomProduct({
        name: 'V-Neck T-Shirt',
        combinations: [
          ecomCombination('VN-RED', { Colour: 'Red' }),
          ecomCombination('VN-BLUE-L', { Colour: 'Blue', Size: 'L' }),
        ],
      }),
    )

    expect(messages(product, 'ecom-to-pos')).toEqual([
      '"V-Neck T-Shirt": variant VN-RED has no value for Size',
    ])
  })
})

describe('C5 over the limits: refused whole', () => {
  test('(a) four options', () => {
    const options = { Colour: 'Red', Size: 'M', Fit: 'Slim', Sleeve: 'Long' }
    const product = readEcom(
      ecomProduct({ name: 'Shirt', combinations: [ecomCombination('SH-1', options)] }),
    )

    expect(messages(product, 'ecom-to-pos')).toEqual([
      '"Shirt": it has 4 options (Colour, Size, Fit, Sleeve); at most 3 are supported',
    ])
  })

  test('(b) 201 variants', () => {
    const sizes = Array.from({ length: 201 }, (_, i) => ({ sku: `S-${i}`, size: `${i}` }))

    expect(messages(readPos(posTeeFamily(sizes)), 'pos-to-ecom')).toEqual([
      '"Racerback Tank": it has 201 variants; at most 200 are supported',
    ])
  })

  test('(c) three values of 80 characters each are valid and upload whole', () => {
    const values = ['A', 'B', 'C'].map((letter) => letter.repeat(80))
    const family = posTeeFamily(values.map((size, i) => ({ sku: `LONG-${i}`, size })))
    const product = readPos(family)

    const body = ecomBody(product)

    expect(messages(product, 'pos-to-ecom')).toEqual([])
    expect(body.options?.[0]?.choices.map((c) => c.text)).toEqual(values)
  })

  test('exactly 3 options and 200 variants are within the limits', () => {
    const sizes = Array.from({ length: 200 }, (_, i) => ({ sku: `S-${i}`, size: `${i}` }))

    expect(messages(readPos(posTeeFamily(sizes)), 'pos-to-ecom')).toEqual([])
  })
})

describe('C6 a price that is not a number', () => {
  test('is reported on that product', () => {
    const product = readEcom(ecomProduct({ name: 'Radish', price: '1,15' }))

    expect(validateForUpload(product, 'ecom-to-pos')).toEqual([
      { field: 'price', message: '"Radish": price "1,15" is not a number' },
    ])
  })

  test('on a variant, names the variant', () => {
    const family = posTeeFamily([
      { sku: 'T-S', size: 'S' },
      { sku: 'T-M', size: 'M', price: 'twelve' },
    ])

    expect(messages(readPos(family), 'pos-to-ecom')).toEqual([
      '"Racerback Tank": variant T-M: price "twelve" is not a number',
    ])
  })

  test('a missing or negative price is refused too', () => {
    const missing = readPos([posProduct({ price_excluding_tax: null })])
    const negative = readPos([posProduct({ price_excluding_tax: -1 })])

    expect(messages(missing, 'pos-to-ecom')).toEqual(['"Harvard Crest Mug": a price is required'])
    expect(messages(negative, 'pos-to-ecom')).toEqual(['"Harvard Crest Mug": price -1 is below 0'])
  })
})

describe('C10 variants that share a SKU; composite products', () => {
  test('(a) variations without a SKU of their own are all listed', () => {
    const product = readEcom(
      ecomProduct({
        name: 'Tee',
        sku: 'TEE',
        combinations: ['S', 'M', 'L'].map((size) => ecomCombination(null, { Size: size })),
      }),
    )

    expect(validateForUpload(product, 'ecom-to-pos')).toEqual([
      {
        field: 'sku',
        message: '"Tee": each variant needs its own unique SKU (no SKU: S, M and L)',
      },
    ])
  })

  test('(a) variations that all show the product SKU are all listed', () => {
    const product = readEcom(
      ecomProduct({
        name: 'Tee',
        sku: 'TEE',
        combinations: ['S', 'M', 'L'].map((size) => ecomCombination('TEE', { Size: size })),
      }),
    )

    expect(messages(product, 'ecom-to-pos')).toEqual([
      '"Tee": each variant needs its own unique SKU (SKU TEE shared by S, M and L)',
    ])
  })

  test('(b) the SmallBundle composite is refused as a whole', () => {
    const bundle = posProduct({ name: 'SmallBundle', sku: '10682', is_composite: true })

    expect(validateForUpload(readPos([bundle]), 'pos-to-ecom')).toEqual([
      { field: 'composite', message: '"SmallBundle": composite products are not supported' },
    ])
  })

  test('every reason is given at once, naming a nameless product by its SKU', () => {
    const product = readPos([
      posProduct({ name: '  ', is_composite: true, price_excluding_tax: 'x' }),
    ])

    expect(messages(product, 'pos-to-ecom')).toEqual([
      'product with SKU 10025: a name is required; add one in Retail POS',
      'product with SKU 10025: composite products are not supported',
      'product with SKU 10025: price "x" is not a number',
    ])
  })
})

describe('C11 padding in SKUs, names and option values', () => {
  test('SKUs compare trimmed, keep inner spaces and keep case', () => {
    expect(sameSku('ABC-1 ', 'ABC-1')).toBe(true)
    expect(skuKey(' 123456 Oaktree ')).toBe('123456 Oaktree')
    expect(sameSku('abc-1', 'ABC-1')).toBe(false)
  })

  test('padding is never pushed to the other side', () => {
    const family = posTeeFamily(
      [
        { sku: 'ABC-1 ', size: 'L ' },
        { sku: '123456 Oaktree', size: ' M' },
      ],
      { name: ' MIT Crest Mug' },
    )

    const body = ecomBody(readPos(family))

    expect(body.name).toBe('MIT Crest Mug')
    expect(body.combinations?.map((c) => [c.sku, c.options[0]?.value])).toEqual([
      ['ABC-1', 'L'],
      ['123456 Oaktree', 'M'],
    ])
  })

  test('"L" and "L " are one option value', () => {
    const product = readEcom(
      ecomProduct({
        combinations: [
          ecomCombination('R-L', { Size: 'L', Colour: 'Red' }),
          ecomCombination('B-L', { Size: 'L ', Colour: 'Blue' }),
        ],
      }),
    )

    const body = posBody(product)

    expect(body).toMatchObject({
      variants: [
        { variant_definitions: [{ value: 'L' }, { value: 'Red' }] },
        { variant_definitions: [{ value: 'L' }, { value: 'Blue' }] },
      ],
    })
  })

  test('two variants made identical by the merge are refused, naming both', () => {
    const family = posTeeFamily([
      { sku: 'L-1', size: 'L' },
      { sku: 'L-2', size: 'L ' },
    ])

    expect(messages(readPos(family), 'pos-to-ecom')).toEqual([
      '"Racerback Tank": variants L-1 and L-2 have the same options (Size: L)',
    ])
  })

  test('tags compare trimmed and case-folded, so an existing category is reused', () => {
    expect(tagKey(' Mugs ')).toBe(tagKey('mugs'))
    expect(tagKey('Cafe\u0301')).toBe(tagKey('Café'))
  })
})

describe('C12 every character survives', () => {
  const description = '<p>Größe: M — 100 % Baumwolle 👕</p><p>line\u2028break and\u00a0no-break</p>'

  test('Retail POS to eCom keeps emoji, U+2028 and U+00A0 inside text', () => {
    const product = readPos([
      posProduct({
        name: 'Leaf\u00a0Tee 🍃',
        description,
        variant_options: [],
        categories: [{ name: 'Été 🌞' }],
      }),
    ])

    const body = ecomBody(product)

    expect(body.name).toBe('Leaf\u00a0Tee 🍃')
    expect(body.description).toBe(description)
    expect(product.tags).toEqual(['Été 🌞'])
  })

  test('eCom to Retail POS keeps them too, option values included', () => {
    const product = readEcom(
      ecomProduct({
        name: 'Leaf Tee 🍃',
        description,
        combinations: [ecomCombination('LT-1', { Size: 'M 👕' })],
      }),
    )

    const body = posBody(product)

    expect(body.name).toBe('Leaf Tee 🍃')
    expect(body.description).toBe(description)
    expect(body).toMatchObject({ variants: [{ variant_definitions: [{ value: 'M 👕' }] }] })
  })

  test('a no-break space at either end counts as padding', () => {
    const product = readPos([posProduct({ name: '\u00a0Leaf Tee 🍃\u00a0', sku: '\u00a0LT-1' })])

    expect(ecomBody(product)).toMatchObject({ name: 'Leaf Tee 🍃', sku: 'LT-1' })
  })
})

describe('C14 negative stock is never in stock', () => {
  test.each([
    { level: -1, quantity: 0 },
    { level: 0, quantity: 0 },
    { level: 1, quantity: 1 },
  ])('a level of $level goes up as quantity $quantity', ({ level, quantity }) => {
    const product = readPos([posProduct()], stockAt('pos-1', level))

    const body = ecomBody(product)

    expect(messages(product, 'pos-to-ecom')).toEqual([])
    expect(body).toMatchObject({ quantity, unlimited: false })
  })

  test('a variant at -2 is not for sale while its sibling keeps its stock', () => {
    const family = posTeeFamily([
      { sku: 'T-S', size: 'S' },
      { sku: 'T-M', size: 'M' },
    ])
    const stock = [...stockAt('tee-0', -2), ...stockAt('tee-1', 3)]

    const body = ecomBody(readPos(family, stock))

    expect(body.combinations?.map((c) => ('quantity' in c ? c.quantity : null))).toEqual([0, 3])
    expect(body).toMatchObject({ quantity: 3 })
  })

  test('one outlet in debt does not take stock from another', () => {
    const body = ecomBody(readPos([posProduct()], stockAt('pos-1', -2, 5, 0.5)))

    expect(body).toMatchObject({ quantity: 5 })
  })

  test('stock that eCom reports below 0 goes to Retail POS as 0', () => {
    const body = posBody(readEcom(ecomProduct({ quantity: -3 })))

    expect(body).toMatchObject({ inventory: [{ current_amount: 0 }] })
  })
})
