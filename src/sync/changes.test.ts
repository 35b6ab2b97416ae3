// The article's rules after the upload (../shared/seed/000_7cb5b78db5e0ce16.txt, "Product
// information synchronization rules"; ARCHITECTURE.md "After the upload"), one row each, both ways.
import { describe, expect, test } from 'vitest'

import { changesForEcom, snapshotAfter, type EcomChange } from './changes'
import { membersToRecheck } from './changes-recheck'
import {
  snapshotAfterSale,
  snapshotFromEcom,
  snapshotOf,
  type SyncedSnapshot,
} from './changes-snapshot'
import { posActionFor, saleFromOrder, type LinkedSaleVariant } from './changes-from-ecom'
import type { CatalogProduct } from './model'
import type { PosInventoryRecord, PosProduct } from './pos-shapes'
import {
  ecomCombination,
  ecomProduct,
  posProduct,
  posTeeFamily,
  readPos,
  stockAt,
} from './test-builders'

const mug = (overrides: Parameters<typeof posProduct>[0] = {}) => [posProduct(overrides)]
const mugStock = (level = 5) => stockAt('pos-1', level)
const tee = (overrides: Parameters<typeof posProduct>[0] = {}) =>
  posTeeFamily(
    [
      { sku: 'TANK-S', size: 'S', price: 20 },
      { sku: 'TANK-M', size: 'M', price: 22 },
    ],
    overrides,
  )
const teeStock = (s = 3, m = 4): PosInventoryRecord[] => [
  ...stockAt('tee-0', s),
  ...stockAt('tee-1', m),
]

const syncedMug = snapshotOf(readPos(mug(), mugStock()))
const syncedTee = snapshotOf(readPos(tee(), teeStock()))

/** Each change as [kind, target, body], which is what lands on eCom. */
function writes(before: SyncedSnapshot, now: CatalogProduct | null) {
  return changesForEcom(before, now).changes.map((c: EcomChange) => [
    c.kind,
    'posId' in c ? c.posId : 'product',
    c.body,
  ])
}

interface PosRow {
  row: string
  before: SyncedSnapshot
  now: () => CatalogProduct | null
  onEcom: unknown[]
}

const POS_TO_ECOM: PosRow[] = [
  {
    row: 'name updated in Retail POS → updated on eCom',
    before: syncedMug,
    now: () => readPos(mug({ name: 'Harvard Crest Mug XL ' }), mugStock()),
    onEcom: [['product', 'product', { name: 'Harvard Crest Mug XL' }]],
  },
  {
    row: 'stock updated in Retail POS → updated on eCom',
    before: syncedMug,
    now: () => readPos(mug(), mugStock(3)),
    onEcom: [['product', 'product', { quantity: 3, unlimited: false }]],
  },
  {
    row: 'SKU updated in Retail POS → updated on eCom',
    before: syncedMug,
    now: () => readPos(mug({ sku: '10025-B' }), mugStock()),
    onEcom: [['product-sku', 'product', { sku: '10025-B' }]],
  },
  {
    row: 'price updated in Retail POS → updated on eCom',
    before: syncedMug,
    now: () => readPos(mug({ price_excluding_tax: 14.5 }), mugStock()),
    onEcom: [['product', 'product', { price: 14.5 }]],
  },
  {
    row: 'stock, SKU and price of a variant updated → that variant updated on eCom',
    before: syncedTee,
    now: () =>
      readPos(
        posTeeFamily([
          { sku: 'TANK-S', size: 'S', price: 20 },
          { sku: 'TANK-M2', size: 'M', price: 19.5 },
        ]),
        teeStock(3, 1),
      ),
    onEcom: [
      ['product', 'product', { price: 19.5, quantity: 4, unlimited: false }],
      ['variant', 'tee-1', { price: 19.5, quantity: 1, unlimited: false }],
      ['variant-sku', 'tee-1', { sku: 'TANK-M2' }],
    ],
  },
  {
    row: 'description updated in Retail POS → nothing on eCom',
    before: syncedMug,
    now: () => readPos(mug({ description: '<p>Now dishwasher safe.</p>' }), mugStock()),
    onEcom: [],
  },
  {
    row: 'images changed in Retail POS → nothing on eCom',
    before: syncedMug,
    now: () =>
      readPos(mug({ images: [{ id: 'img-1', url: 'https://img.example/mug.png' }] }), mugStock()),
    onEcom: [],
  },
  {
    row: 'tag added in Retail POS after the upload → nothing on eCom',
    before: syncedMug,
    now: () =>
      readPos(
        mug({
          categories: [
            { id: 'tag-mugs', name: 'Mugs' },
            { id: 'tag-gifts', name: 'Gifts' },
          ],
        }),
        mugStock(),
      ),
    onEcom: [],
  },
  {
    row: 'handle, brand, supplier, product category or tax changed → nothing on eCom',
    before: syncedMug,
    now: () =>
      readPos(
        mug({
          handle: 'crest-mug',
          brand_id: 'brand-2',
          supplier_id: 'sup-2',
          supplier_code: 'X-1',
          supply_price: 3,
          product_type_id: 'type-2',
          tax_id: 'tax-2',
        }),
        mugStock(),
      ),
    onEcom: [],
  },
  {
    row: 'variant added to a synced product → variant added on eCom under its option names',
    before: syncedTee,
    now: () =>
      readPos(
        posTeeFamily([
          { sku: 'TANK-S', size: 'S', price: 20 },
          { sku: 'TANK-M', size: 'M', price: 22 },
          { sku: 'TANK-L', size: 'L', price: 24 },
        ]),
        [...teeStock(), ...stockAt('tee-2', 2)],
      ),
    onEcom: [
      ['product', 'product', { quantity: 9, unlimited: false }],
      [
        'variant-added',
        'tee-2',
        {
          sku: 'TANK-L',
          options: [{ name: 'Size', value: 'L' }],
          price: 24,
          quantity: 2,
          unlimited: false,
        },
      ],
    ],
  },
  {
    row: 'product deactivated in Retail POS → disabled (unpublished) on eCom',
    before: syncedMug,
    now: () => readPos(mug({ is_active: false, active: false }), mugStock()),
    onEcom: [['product', 'product', { enabled: false }]],
  },
  {
    row: 'product activated in Retail POS → enabled on eCom',
    before: snapshotOf(readPos(mug({ is_active: false, active: false }), mugStock())),
    now: () => readPos(mug(), mugStock()),
    onEcom: [['product', 'product', { enabled: true }]],
  },
  {
    row: 'product deleted in Retail POS → nothing on eCom',
    before: syncedMug,
    now: () => null,
    onEcom: [],
  },
]

describe('Retail POS → eCom after the upload', () => {
  test.each(POS_TO_ECOM)('$row', ({ before, now, onEcom }) => {
    expect(writes(before, now())).toEqual(onEcom)
  })

  test('a product deleted in Retail POS marks the link deleted in POS', () => {
    const result = changesForEcom(syncedMug, null)

    expect(result.deletedInPos).toBe(true)
    expect(result.base).toEqual(syncedMug)
  })

  test('looking at the same POS product again changes nothing', () => {
    const now = readPos(mug({ name: 'Crest Mug', sku: 'M-2', price_excluding_tax: 9 }), mugStock(1))
    const first = changesForEcom(syncedMug, now)

    const again = changesForEcom(snapshotAfter(first.base, first.changes), now)

    expect(first.changes).not.toEqual([])
    expect(again.changes).toEqual([])
  })

  test('an eCom edit stays until the same field changes in Retail POS', () => {
    const before = { ...syncedMug, name: 'Mug (online name)' }

    const stockOnly = writes(
      { ...before },
      readPos(mug({ name: 'Mug (online name)' }), mugStock(2)),
    )

    expect(stockOnly).toEqual([['product', 'product', { quantity: 2, unlimited: false }]])
  })

  test('a SKU eCom refuses is tried again; the stock written with it is not', () => {
    const now = readPos(mug({ sku: 'TAKEN' }), mugStock(1))
    const first = changesForEcom(syncedMug, now)
    const accepted = first.changes.filter((c) => c.kind !== 'product-sku')

    const next = changesForEcom(snapshotAfter(first.base, accepted), now)

    expect(next.changes.map((c) => c.kind)).toEqual(['product-sku'])
  })

  test('a price that rounds to the same eCom price changes nothing', () => {
    const before = snapshotOf(readPos(mug({ price_excluding_tax: 12.345 }), mugStock()))

    expect(writes(before, readPos(mug({ price_excluding_tax: 12.349 }), mugStock()))).toEqual([])
  })

  test('negative stock in Retail POS is 0 on eCom, never less', () => {
    expect(writes(syncedMug, readPos(mug(), mugStock(-2)))).toEqual([
      ['product', 'product', { quantity: 0, unlimited: false }],
    ])
  })

  test('stock no longer tracked in Retail POS is unlimited on eCom', () => {
    expect(writes(syncedMug, readPos(mug({ has_inventory: false }), mugStock()))).toEqual([
      ['product', 'product', { unlimited: true }],
    ])
  })

  test('a blank name or SKU, or a price that is not a number, is not sent', () => {
    const now = readPos(mug({ name: '  ', sku: '', price_excluding_tax: 'n/a' }), mugStock())

    expect(writes(syncedMug, now)).toEqual([])
  })

  test('a variant deleted in Retail POS stays on eCom', () => {
    const [s, m] = tee()
    const now = readPos(
      [s as PosProduct, { ...(m as PosProduct), deleted_at: '2026-01-01T00:00:00Z' }],
      teeStock(),
    )

    expect(writes(syncedTee, now)).toEqual([])
  })

  test('a sale eCom took and Retail POS records is not sent back as a stock change', () => {
    const afterSale = snapshotAfterSale(syncedTee, 'tee-1', 2)

    expect(afterSale.quantity).toBe((syncedTee.quantity ?? 0) - 2)
    expect(writes(afterSale, readPos(tee(), teeStock(3, 2)))).toEqual([])
    expect(writes(snapshotAfterSale(syncedMug, 'pos-1', 2), readPos(mug(), mugStock(3)))).toEqual(
      [],
    )
  })

  test('a variant added in Retail POS without a SKU is not added on eCom, and the link says why', () => {
    const family = [
      ...tee(),
      posProduct({
        id: 'tee-2',
        name: 'Racerback Tank',
        sku: '',
        variant_parent_id: 'tee-0',
        variant_options: [{ name: 'Size', value: 'L' }],
      }),
    ]
    const result = changesForEcom(
      syncedTee,
      readPos(family, [...teeStock(), ...stockAt('tee-2', 2)]),
    )

    expect(result.changes.map((c) => c.kind)).not.toContain('variant-added')
    expect(result.heldBack).toEqual([
      "New variant L is not on eCom: it has no SKU in Retail POS, and on eCom a variant without a SKU sells from the whole product's stock. Add a SKU in Retail POS and it is added.",
    ])
  })

  test('a variant added in Retail POS goes to eCom with its own SKU and stock', () => {
    const family = [
      ...tee(),
      posProduct({
        id: 'tee-2',
        name: 'Racerback Tank',
        sku: 'TANK-L',
        variant_parent_id: 'tee-0',
        variant_options: [{ name: 'Size', value: 'L' }],
      }),
    ]
    const result = changesForEcom(
      syncedTee,
      readPos(family, [...teeStock(), ...stockAt('tee-2', 2)]),
    )

    expect(result.heldBack).toEqual([])
    expect(result.changes.find((c) => c.kind === 'variant-added')?.body).toMatchObject({
      sku: 'TANK-L',
      quantity: 2,
      unlimited: false,
    })
  })

  test('a variation linked without a SKU gets the one Retail POS now has, with its own stock', () => {
    const noSku = tee()
    noSku[1] = { ...(noSku[1] as PosProduct), sku: '' }
    const before = snapshotOf(readPos(noSku, teeStock(3, 4)))

    const stillBlank = changesForEcom(before, readPos(noSku, teeStock(3, 1)))
    const given = writes(before, readPos(tee(), teeStock(3, 1)))

    expect(stillBlank.heldBack).toEqual([
      "Variant M has no SKU in Retail POS or on eCom, so eCom sells it from the whole product's stock, not its own. Add a SKU in Retail POS and its own stock goes with it.",
    ])
    expect(given).toContainEqual([
      'variant-sku',
      'tee-1',
      { sku: 'TANK-M', quantity: 1, unlimited: false },
    ])
  })

  test('stock moving between outlets without changing the total changes nothing', () => {
    const before = snapshotOf(readPos(mug(), stockAt('pos-1', 5, 0)))
    const now = readPos(mug(), stockAt('pos-1', 2, 3))
    const result = changesForEcom(before, now)

    expect(result.changes).toEqual([])
    expect(result.base.variants[0]?.outletStock.map((s) => s.level)).toEqual([2, 3])
  })
})

describe('what the catch-up reads again', () => {
  const ctx = { taxExclusive: true }

  test('a record whose eCom fields did not change is not read again', () => {
    const described = mug({ description: '<p>New text.</p>', tag_ids: ['tag-2'] })

    expect(membersToRecheck(syncedMug, described, mugStock(), ctx)).toEqual([])
  })

  test('a record with a new name, SKU, price, availability or stock is read again', () => {
    expect(membersToRecheck(syncedMug, mug({ name: 'Mug' }), [], ctx)).toEqual(['pos-1'])
    expect(membersToRecheck(syncedMug, mug({ sku: 'X' }), [], ctx)).toEqual(['pos-1'])
    expect(membersToRecheck(syncedMug, mug({ price_excluding_tax: 1 }), [], ctx)).toEqual(['pos-1'])
    expect(membersToRecheck(syncedMug, mug({ is_active: false }), [], ctx)).toEqual(['pos-1'])
    expect(membersToRecheck(syncedMug, [], mugStock(4), ctx)).toEqual(['pos-1'])
  })

  test('a new variant and a deleted product are read again', () => {
    const [parent] = tee()
    const added = posProduct({ id: 'tee-9', variant_parent_id: 'tee-0', name: 'Racerback Tank' })

    expect(membersToRecheck(syncedTee, [added], [], ctx)).toEqual(['tee-9'])
    expect(
      membersToRecheck(
        syncedTee,
        [{ ...(parent as PosProduct), deleted_at: '2026-01-01' }],
        [],
        ctx,
      ),
    ).toEqual(['tee-0'])
  })
})

describe('links made before snapshots were kept', () => {
  test('eCom as it is counts as synced, so only what differs from Retail POS is written', () => {
    const online = ecomProduct({
      id: 501,
      name: 'Racerback Tank',
      price: 20,
      quantity: 7,
      combinations: [
        ecomCombination('TANK-S', { Size: 'S' }, { id: 11, price: 20, quantity: 3 }),
        ecomCombination('TANK-M', { Size: 'M' }, { id: 12, price: 22, quantity: 2 }),
      ],
    })
    const linked = [
      { posId: 'tee-0', ecomCombinationId: '11', sku: 'TANK-S' },
      { posId: 'tee-1', ecomCombinationId: null, sku: 'TANK-M' },
    ]

    const before = snapshotFromEcom(online, linked, ['Size'])

    expect(before.variants.map((v) => [v.posId, v.quantity, v.optionValues])).toEqual([
      ['tee-0', 3, ['S']],
      ['tee-1', 2, ['M']],
    ])
    expect(writes(before, readPos(tee(), teeStock()))).toEqual([
      ['variant', 'tee-1', { quantity: 4, unlimited: false }],
    ])
  })
})

// --- eCom → Retail POS -----------------------------------------------------------------------

const LINKED: LinkedSaleVariant[] = [
  { ecomProductId: '501', ecomCombinationId: '11', posProductId: 'tee-0', sku: 'TANK-S' },
  { ecomProductId: '501', ecomCombinationId: '12', posProductId: 'tee-1', sku: 'TANK-M' },
  { ecomProductId: '600', ecomCombinationId: null, posProductId: 'pos-1', sku: '10025' },
]

const event = (eventType: string, data?: Record<string, unknown>) => ({
  eventId: 'e-1',
  eventCreated: 1469429912,
  storeId: 1003,
  entityId: 501,
  eventType,
  ...(data ? { data } : {}),
})

interface EcomRow {
  row: string
  event: ReturnType<typeof event>
  inPos: string
}

const ECOM_TO_POS: EcomRow[] = [
  {
    row: 'any product edit in eCom → nothing in Retail POS',
    event: event('product.updated'),
    inPos: 'nothing',
  },
  {
    row: 'variant added in eCom → nothing in Retail POS',
    event: event('product.updated'),
    inPos: 'nothing',
  },
  {
    row: 'product disabled in eCom → nothing in Retail POS',
    event: event('product.updated'),
    inPos: 'nothing',
  },
  {
    row: 'product enabled in eCom → nothing in Retail POS',
    event: event('product.updated'),
    inPos: 'nothing',
  },
  {
    row: 'product deleted in eCom → nothing in Retail POS',
    event: event('product.deleted'),
    inPos: 'nothing',
  },
  {
    row: 'category changed in eCom → nothing in Retail POS',
    event: event('category.updated'),
    inPos: 'nothing',
  },
  {
    row: 'a sale (paid order) in eCom → recorded in Retail POS',
    event: event('order.created', { orderId: 'XJ12H', newPaymentStatus: 'PAID' }),
    inPos: 'order',
  },
  {
    row: 'an order that is not paid yet → nothing in Retail POS',
    event: event('order.created', { orderId: 'XJ12H', newPaymentStatus: 'AWAITING_PAYMENT' }),
    inPos: 'nothing',
  },
  {
    row: 'a paid order refunded in eCom → its sale returned in Retail POS',
    event: event('order.updated', {
      orderId: 'XJ12H',
      oldPaymentStatus: 'PAID',
      newPaymentStatus: 'REFUNDED',
    }),
    inPos: 'order',
  },
  {
    row: 'a paid order cancelled in eCom, as far as the event tells → its sale returned',
    event: event('order.updated', { orderId: 'XJ12H', newPaymentStatus: 'CANCELLED' }),
    inPos: 'order',
  },
  {
    row: 'an order deleted in eCom → its sale returned in Retail POS',
    event: event('order.deleted', { orderId: 'XJ12H' }),
    inPos: 'order',
  },
  {
    row: 'an unpaid order cancelled in eCom → nothing in Retail POS',
    event: event('order.updated', {
      orderId: 'XJ12H',
      oldPaymentStatus: 'AWAITING_PAYMENT',
      newPaymentStatus: 'CANCELLED',
    }),
    inPos: 'nothing',
  },
]

describe('eCom → Retail POS after the upload', () => {
  test.each(ECOM_TO_POS)('$row', ({ event: e, inPos }) => {
    expect(posActionFor(e).kind).toBe(inPos)
  })

  test('a sale moves the stock of the linked variants it sold, repeated items added up', () => {
    const order = {
      id: 103,
      paymentStatus: 'PAID',
      items: [
        { productId: 501, combinationId: 12, sku: 'TANK-M', quantity: 2, price: 22 },
        { productId: 600, sku: '10025', quantity: 1, price: 12.99 },
        { productId: 501, combinationId: 12, sku: 'TANK-M', quantity: 1, price: 22 },
        { productId: 999, sku: 'ONLINE-ONLY', quantity: 1, price: 5 },
      ],
    }

    const sale = saleFromOrder(order, LINKED)

    expect(sale).toEqual({
      holdsStock: true,
      lines: [
        { posProductId: 'tee-1', quantity: 3, price: '22' },
        { posProductId: 'pos-1', quantity: 1, price: '12.99' },
      ],
      unlinked: ['ONLINE-ONLY'],
    })
  })

  test('items of one variant at two prices make two lines; a partly refunded order still holds', () => {
    const sale = saleFromOrder(
      {
        paymentStatus: 'PARTIALLY_REFUNDED',
        items: [
          { productId: 600, sku: '10025', quantity: 1, price: 12.99 },
          { productId: 600, sku: '10025', quantity: 2, price: 10 },
          { productId: 600, sku: '10025', quantity: 1, price: '12.990' },
        ],
      },
      LINKED,
    )

    expect(sale.holdsStock).toBe(true)
    expect(sale.lines).toEqual([
      { posProductId: 'pos-1', quantity: 2, price: '12.99' },
      { posProductId: 'pos-1', quantity: 2, price: '10' },
    ])
  })

  test('an order item is found by its SKU when eCom does not name the variation', () => {
    const sale = saleFromOrder(
      { paymentStatus: 'PAID', items: [{ productId: 501, sku: 'TANK-S ', quantity: 1 }] },
      LINKED,
    )

    expect(sale.lines).toEqual([{ posProductId: 'tee-0', quantity: 1, price: null }])
  })

  test('an order event names its order by data.orderId, else by entityId', () => {
    expect(posActionFor(event('order.updated', { orderId: 'XJ12H' }))).toEqual({
      kind: 'order',
      orderId: 'XJ12H',
    })
    expect(posActionFor(event('order.updated', { newPaymentStatus: 'PAID' }))).toEqual({
      kind: 'order',
      orderId: '501',
    })
  })
})
