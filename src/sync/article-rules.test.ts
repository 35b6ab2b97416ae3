// The help article's two field tables (../shared/seed/000_7cb5b78db5e0ce16.txt), one row each,
// checked both ways on what lands in the create body of the other side.
import { describe, expect, test } from 'vitest'

import {
  allKeys,
  ecomBody,
  ecomCombination,
  ecomProduct,
  OUTLET,
  posBody,
  posProduct,
  posTeeFamily,
  readEcom,
  readPos,
  stockAt,
} from './test-builders'
import { imagesForEcom } from './to-ecom'
import { tagsForUpload, uploadWarnings } from './validate'

interface SyncedRow {
  row: string
  posToEcom: () => void
  ecomToPos: () => void
}

const manyNames = (count: number) => Array.from({ length: count }, (_, i) => `Tag ${i + 1}`)

const SYNCED: SyncedRow[] = [
  {
    row: 'Name | Name',
    posToEcom() {
      const body = ecomBody(readPos([posProduct({ name: ' MIT Crest Mug' })]))

      expect(body.name).toBe('MIT Crest Mug')
    },
    ecomToPos() {
      const body = posBody(readEcom(ecomProduct({ name: 'Radish ' })))

      expect(body.name).toBe('Radish')
    },
  },
  {
    row: 'Description | Description (Initial Import Only)',
    posToEcom() {
      const description =
        '<p>Ceramic <strong>mug</strong>, <a href="https://x.example">see</a>.</p>'

      const body = ecomBody(readPos([posProduct({ description })]))

      expect(body.description).toBe(description)
    },
    ecomToPos() {
      const description = '<h5>Radish</h5>\n<p>Crunchy.</p>'

      const body = posBody(readEcom(ecomProduct({ description })))

      expect(body.description).toBe(description)
    },
  },
  {
    row: 'SKU | SKU',
    posToEcom() {
      const standard = ecomBody(readPos([posProduct({ sku: '10025 ' })]))
      const family = ecomBody(
        readPos(
          posTeeFamily([
            { sku: '10025-S', size: 'S' },
            { sku: '10025-M', size: 'M' },
          ]),
        ),
      )

      expect(standard.sku).toBe('10025')
      expect(family.combinations?.map((c) => c.sku)).toEqual(['10025-S', '10025-M'])
    },
    ecomToPos() {
      const combinations = [
        ecomCombination('000071', { Size: 'Small' }),
        ecomCombination('000076', { Size: 'Large' }),
      ]

      const standard = posBody(readEcom(ecomProduct({ sku: '00007' })))
      const family = posBody(readEcom(ecomProduct({ combinations })))

      expect(standard).toMatchObject({ sku: '00007' })
      expect(family).toMatchObject({ variants: [{ sku: '000071' }, { sku: '000076' }] })
    },
  },
  {
    row: 'Tags* | Categories (Limit: 75 pp)*',
    posToEcom() {
      const tagged = readPos([posProduct({ categories: [{ name: 'Mugs' }, { name: 'Gifts' }] })])
      const crowded = readPos([posProduct({ categories: manyNames(80).map((name) => ({ name })) })])

      expect(tagsForUpload(tagged)).toEqual(['Mugs', 'Gifts'])
      expect(ecomBody(tagged).categoryIds).toEqual([9000, 9001])
      expect(ecomBody(crowded).categoryIds).toHaveLength(75)
      expect(tagsForUpload(crowded).at(-1)).toBe('Tag 75')
      expect(uploadWarnings(crowded, 'pos-to-ecom')[0]?.message).toBe(
        '"Harvard Crest Mug": it has 80 tags; only the first 75 become categories (left out: Tag 76, Tag 77, Tag 78, Tag 79, Tag 80)',
      )
    },
    ecomToPos() {
      const product = readEcom(ecomProduct(), ['Vegetables', ' vegetables', 'Salad'])
      const crowded = readEcom(ecomProduct(), manyNames(76))

      expect(product.tags).toEqual(['Vegetables', 'Salad'])
      expect(posBody(product).tag_ids).toEqual(['tag-0', 'tag-1'])
      expect(posBody(crowded).tag_ids).toHaveLength(75)
      expect(uploadWarnings(crowded, 'ecom-to-pos')[0]?.message).toContain(
        'only the first 75 become tags (left out: Tag 76)',
      )
    },
  },
  {
    row: 'Attributes | Options',
    posToEcom() {
      const body = ecomBody(readPos(posTeeFamily([{ sku: 'T-S', size: 'S' }])))

      expect(body.options?.map((o) => [o.type, o.name, o.required])).toEqual([
        ['SELECT', 'Size', true],
      ])
    },
    ecomToPos() {
      const combinations = [ecomCombination('R-S', { Size: 'Small', Colour: 'Red' })]

      const body = posBody(readEcom(ecomProduct({ combinations })))

      expect(body).toMatchObject({
        variants: [
          {
            variant_definitions: [
              { attribute_id: 'attr-size', value: 'Small' },
              { attribute_id: 'attr-colour', value: 'Red' },
            ],
          },
        ],
      })
    },
  },
  {
    row: 'Attribute Values | Option Values',
    posToEcom() {
      const family = posTeeFamily([
        { sku: 'T-S', size: 'S' },
        { sku: 'T-M', size: 'M' },
      ])

      const body = ecomBody(readPos(family))

      expect(body.options?.[0]?.choices).toEqual([{ text: 'S' }, { text: 'M' }])
      expect(body.combinations?.map((c) => c.options)).toEqual([
        [{ name: 'Size', value: 'S' }],
        [{ name: 'Size', value: 'M' }],
      ])
    },
    ecomToPos() {
      const combinations = [
        ecomCombination('R-S', { Size: 'Small' }),
        ecomCombination('R-L', { Size: 'Large' }),
      ]

      const body = posBody(readEcom(ecomProduct({ combinations })))

      expect(body).toMatchObject({
        variants: [
          { variant_definitions: [{ value: 'Small' }] },
          { variant_definitions: [{ value: 'Large' }] },
        ],
      })
    },
  },
  {
    row: 'Active/ Inactive | Product Availability',
    posToEcom() {
      const inactive = ecomBody(readPos([posProduct({ active: false, is_active: false })]))
      const active = ecomBody(readPos([posProduct()]))

      expect(inactive.enabled).toBe(false)
      expect(active.enabled).toBe(true)
    },
    ecomToPos() {
      const disabled = posBody(readEcom(ecomProduct({ enabled: false })))
      const enabled = posBody(readEcom(ecomProduct({ enabled: true })))

      expect(disabled).toMatchObject({ is_active: false, active: false })
      expect(enabled).toMatchObject({ is_active: true, active: true })
    },
  },
  {
    row: 'Inventory | Quantity in Stock',
    posToEcom() {
      const counted = ecomBody(readPos([posProduct()], stockAt('pos-1', 3, 4)))
      const untracked = ecomBody(
        readPos([posProduct({ has_inventory: false })], stockAt('pos-1', 3)),
      )

      expect(counted).toMatchObject({ quantity: 7, unlimited: false })
      expect(untracked).toMatchObject({ unlimited: true })
      expect(untracked).not.toHaveProperty('quantity')
    },
    ecomToPos() {
      const counted = posBody(readEcom(ecomProduct({ quantity: 5 })))
      const unlimited = posBody(readEcom(ecomProduct({ quantity: undefined, unlimited: true })))

      expect(counted).toMatchObject({
        has_inventory: true,
        inventory: [{ outlet_id: OUTLET, current_amount: 5 }],
      })
      expect(unlimited).toMatchObject({ has_inventory: false })
      expect(unlimited).not.toHaveProperty('inventory')
    },
  },
  {
    row: 'Retail Price | Pricing',
    posToEcom() {
      const product = [posProduct({ price_excluding_tax: 2.63158, price_including_tax: 3.02632 })]

      const exclusive = ecomBody(readPos(product))

      expect(exclusive.price).toBe(2.63)
    },
    ecomToPos() {
      const product = readEcom(ecomProduct({ price: 20.99 }))

      const exclusive = posBody(product, true)
      const inclusive = posBody(product, false)

      expect(exclusive).toMatchObject({ price_excluding_tax: 20.99 })
      expect(exclusive).not.toHaveProperty('price_including_tax')
      expect(inclusive).toMatchObject({ price_including_tax: 20.99 })
      expect(inclusive).not.toHaveProperty('price_excluding_tax')
    },
  },
  {
    row: 'Images** | Images** (Retail POS to eCom only, initial sync)',
    posToEcom() {
      const original = 'https://vendimageuploadcdn.global.ssl.fastly.net/1920,fit/mug.jpg'
      const product = readPos([
        posProduct({
          images: [{ url: original }, { url: 'https://cdn.example/mug-side.jpg' }],
          image_url: 'https://vendimageuploadcdn.global.ssl.fastly.net/350,fit,q90/mug.jpg',
        }),
      ])
      const placeholderOnly = readPos([posProduct()])

      expect(imagesForEcom(product)).toEqual([original, 'https://cdn.example/mug-side.jpg'])
      expect(imagesForEcom(placeholderOnly)).toEqual([])
      expect([...allKeys(ecomBody(product))].filter((key) => /image|media/i.test(key))).toEqual([])
    },
    ecomToPos() {
      const product = readEcom(
        ecomProduct({
          imageUrl: 'https://cdn.ecwid.example/radish.jpg',
          media: { images: [{ id: '0', isMain: true, imageOriginalUrl: 'https://x/radish.jpg' }] },
        }),
      )

      expect(imagesForEcom(product)).toEqual([])
      expect(allKeys(posBody(product)).has('images')).toBe(false)
      expect(JSON.stringify(posBody(product))).not.toContain('radish.jpg')
    },
  },
]

interface NeverRow {
  row: string
  /** Set on every POS product of the family, or on its stock records. */
  pos?: Record<string, unknown>
  stock?: Record<string, unknown>
  /** Set on the eCom product and on each of its variations. */
  ecom?: Record<string, unknown>
  combination?: Record<string, unknown>
  /** Keys that must not appear anywhere in the other side's body, nor these values. */
  keys: string[]
  markers: string[]
}

const NEVER: NeverRow[] = [
  {
    row: 'Handle | N/A',
    pos: { handle: 'harvard-crest-mug-handle' },
    ecom: { customSlug: 'radish-slug' },
    keys: ['handle', 'customSlug', 'url'],
    markers: ['harvard-crest-mug-handle', 'radish-slug'],
  },
  {
    row: 'Brand | N/A',
    pos: { brand_id: 'brand-peak', brand: { id: 'brand-peak', name: 'Peak Performance' } },
    keys: ['brand_id', 'brand', 'attributes'],
    markers: ['brand-peak', 'Peak Performance'],
  },
  {
    row: 'Product category | N/A',
    pos: { product_type_id: 'type-general', type: { id: 'type-general', name: 'General Apparel' } },
    keys: ['product_type_id', 'product_category_id', 'productClassId', 'defaultCategoryId'],
    markers: ['type-general', 'General Apparel'],
  },
  {
    row: 'Supplier | N/A',
    pos: {
      supplier_id: 'sup-peak',
      supplier: { id: 'sup-peak', name: 'Peak Supplies' },
      product_suppliers: [{ supplier_id: 'sup-peak', supplier_name: 'Peak Supplies' }],
    },
    keys: ['supplier_id', 'supplier', 'product_suppliers'],
    markers: ['sup-peak', 'Peak Supplies'],
  },
  {
    row: 'Supplier Code | N/A',
    pos: { supplier_code: 'SUPCODE-9' },
    keys: ['supplier_code', 'code'],
    markers: ['SUPCODE-9'],
  },
  {
    row: 'Supplier Price | N/A',
    pos: { supply_price: 7.77 },
    ecom: { costPrice: 7.77 },
    keys: ['supply_price', 'costPrice'],
    markers: ['7.77'],
  },
  {
    row: 'Reorder Points | N/A',
    stock: { reorder_point: 13 },
    keys: ['reorder_point', 'warningLimit'],
    markers: [],
  },
  {
    row: 'Reorder Quantity | N/A',
    stock: { reorder_amount: 17 },
    keys: ['reorder_amount', 'warningLimit'],
    markers: [],
  },
  {
    row: 'Tax | N/A',
    pos: { tax_id: 'tax-default', outlet_taxes: [{ outlet_id: OUTLET, tax_id: 'tax-default' }] },
    ecom: { tax: { taxable: true, enabledManualTaxes: [1117939042] } },
    keys: ['tax', 'tax_id', 'outlet_taxes', 'all_outlets_tax'],
    markers: ['tax-default', '1117939042'],
  },
  {
    row: 'N/A | Weight, lbs',
    pos: { weight: 2.5, weight_unit: 'KG' },
    ecom: { weight: 0.31 },
    combination: { weight: 0.41 },
    keys: ['weight', 'weight_unit'],
    markers: ['0.31', '0.41', 'KG'],
  },
  {
    row: 'N/A | UPC',
    pos: { product_codes: [{ type: 'UPC', code: '04359435435940000' }] },
    ecom: { attributes: [{ name: 'UPC', type: 'UPC', value: '04359435435940000' }] },
    combination: { attributes: [{ name: 'UPC', type: 'UPC', value: '0435943543594395' }] },
    keys: ['product_codes', 'attributes'],
    markers: ['04359435435940000', '0435943543594395'],
  },
  {
    row: 'N/A | Brand',
    ecom: { attributes: [{ name: 'Brand', type: 'BRAND', value: 'SuperVegetables' }] },
    keys: ['brand_id', 'brand', 'attributes'],
    markers: ['SuperVegetables'],
  },
  {
    row: 'N/A | Shipping Dimensions',
    pos: { length: 30, width: 20, height: 10, dimensions_unit: 'CM' },
    ecom: { dimensions: { length: 31, width: 21, height: 11 } },
    keys: ['dimensions', 'length', 'width', 'height', 'dimensions_unit'],
    markers: ['CM'],
  },
  {
    row: "N/A | 'Compare to' Price",
    ecom: { compareToPrice: 24.99 },
    combination: { compareToPrice: 22.22 },
    keys: ['compareToPrice'],
    markers: ['24.99', '22.22'],
  },
  {
    row: 'N/A | Product Subtitle',
    ecom: { subtitle: 'Crunchy and fresh' },
    keys: ['subtitle'],
    markers: ['Crunchy and fresh'],
  },
  {
    row: 'N/A | Low Stock Threshold',
    ecom: { warningLimit: 3 },
    combination: { warningLimit: 1 },
    keys: ['warningLimit', 'reorder_point'],
    markers: [],
  },
]

function expectNothingOf(row: NeverRow, body: object) {
  const keys = allKeys(body)
  const json = JSON.stringify(body)

  expect(row.keys.filter((key) => keys.has(key))).toEqual([])
  expect(row.markers.filter((marker) => json.includes(marker))).toEqual([])
}

describe('what syncs: the first table', () => {
  describe.each(SYNCED)('$row', ({ posToEcom, ecomToPos }) => {
    test('Retail POS to eCom', posToEcom)
    test('eCom to Retail POS', ecomToPos)
  })
})

describe('what never syncs: the second table', () => {
  describe.each(NEVER)('$row', (row) => {
    test('Retail POS to eCom writes none of it', () => {
      const family = posTeeFamily(
        [
          { sku: 'T-S', size: 'S' },
          { sku: 'T-M', size: 'M' },
        ],
        row.pos,
      )
      const stock = [...stockAt('tee-0', 4), ...stockAt('tee-1', 2)].map((r) => ({
        ...r,
        ...row.stock,
      }))

      const standardBody = ecomBody(readPos([posProduct(row.pos)], stockAt('pos-1', 5)))
      const familyBody = ecomBody(readPos(family, stock))

      expectNothingOf(row, standardBody)
      expectNothingOf(row, familyBody)
    })

    test('eCom to Retail POS writes none of it', () => {
      const combinations = [
        ecomCombination('R-S', { Size: 'Small' }, row.combination),
        ecomCombination('R-L', { Size: 'Large' }, row.combination),
      ]

      const standardBody = posBody(readEcom(ecomProduct(row.ecom)))
      const familyBody = posBody(readEcom(ecomProduct({ ...row.ecom, combinations })))

      expectNothingOf(row, standardBody)
      expectNothingOf(row, familyBody)
    })
  })
})

describe('the create bodies', () => {
  test('carry only the fields of the first table', () => {
    const pos = readPos(posTeeFamily([{ sku: 'T-S', size: 'S' }]), stockAt('tee-0', 1))
    const ecom = readEcom(
      ecomProduct({ combinations: [ecomCombination('R-S', { Size: 'Small' })] }),
    )
    const ecomKeys = 'name description price quantity unlimited enabled categoryIds options'
    const ecomNested = 'type choices text required combinations sku value'
    const posKeys = 'name description tag_ids is_active active has_inventory variants sku'
    const posNested = 'price_excluding_tax variant_definitions attribute_id value inventory'

    const toEcom = [...allKeys(ecomBody(pos))]
    const toPos = [...allKeys(posBody(ecom))]

    expect(toEcom.filter((key) => !`${ecomKeys} ${ecomNested}`.split(' ').includes(key))).toEqual(
      [],
    )
    expect(
      toPos.filter(
        (key) => !`${posKeys} ${posNested} outlet_id current_amount`.split(' ').includes(key),
      ),
    ).toEqual([])
  })
})
