// How an eCom order recorded in Retail POS is paid and taxed: with the payment type the merchant
// names (POS_ECOM_PAYMENT_TYPE) or one named like "eCom", refunded through it when returned, each
// product taxed with its own tax at the outlet; and the error a store without such a type gets.
// Orders are placed on the eCom simulator; what lands is read back through the POS simulator.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { recordOrderSale } from './services/ongoing/record-sale'
import { findSale } from './store/sync-store-sales'
import { listDeliveries } from './store/webhook-store'
import { POS_TOKEN, STORE_ID, startTestWorld, type TestWorld } from './testing/test-world'

interface PosSaleView {
  id: string
  status: string
  source_id?: string
  return_for: string | null
  total_price: number
  total_tax: number
  line_items: { product_id: string; quantity: number; price: number; tax: number; tax_id: string }[]
  payments: { retailer_payment_type_id: string; name: string; amount: number }[]
}

async function simPut(world: TestWorld, path: string, body: unknown) {
  const res = await fetch(`${world.posUrl}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${POS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

  if (!res.ok) throw new Error(`PUT ${path}: ${res.status} ${await res.text()}`)

  return (await res.json()) as { data: { id: string; name: string }[] }
}

/** Creates standard products in the first outlet and uploads them all to eCom. */
async function uploadProducts(world: TestWorld, products: Record<string, unknown>[]) {
  const ids: Record<string, string> = {}

  for (const product of products) {
    const [id = ''] = (await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', product))
      .data
    ids[String(product.sku)] = id
  }

  const run = await world.upload(await world.openSession(), {
    direction: 'pos-to-ecom',
    selection: { kind: 'all' },
  })

  if (run.counts.created !== products.length) throw new Error(`upload: ${JSON.stringify(run)}`)

  return ids
}

/** Places an order on eCom and hands its webhook to the app, as eCom would send it. */
async function placeOrder(
  world: TestWorld,
  items: { sku: string; quantity: number; price: number }[],
) {
  const lines = await Promise.all(
    items.map(async (item) => {
      const page = await world.ecomApi<{ items: { id: number }[] }>(
        'GET',
        `/products?sku=${item.sku}`,
      )

      return { productId: page.items[0]?.id, ...item }
    }),
  )
  const placed = await world.ecomApi<{ orderid: string }>('POST', '/orders', {
    paymentStatus: 'PAID',
    items: lines,
  })

  await deliver(world, placed.orderid, 'order.created')

  return placed.orderid
}

async function deliver(world: TestWorld, orderId: string, eventType: string) {
  const res = await fetch(`${world.ecomUrl}/_sim/events`)
  const { items } = (await res.json()) as {
    items: {
      eventId: string
      eventCreated: number
      eventType: string
      data?: { orderId?: string }
    }[]
  }
  const event = items.findLast((e) => e.eventType === eventType && e.data?.orderId === orderId)

  if (!event) throw new Error(`no ${eventType} event of order ${orderId}`)
  await world.postEcomWebhook(event)
}

async function settles(world: TestWorld, orderId: string, status: 'recorded' | 'returned') {
  await expect
    .poll(async () => (await findSale(world.ctx.db, STORE_ID, orderId))?.status, {
      timeout: 20_000,
      interval: 100,
    })
    .toBe(status)
}

async function posSales(world: TestWorld) {
  return (await world.posApi<{ data: PosSaleView[] }>('GET', '/api/2.0/sales?page_size=1000')).data
}

describe('with POS_ECOM_PAYMENT_TYPE naming the merchant’s own type, and a book taxed less', () => {
  let world: TestWorld
  let ids: Record<string, string>
  let webshop: string
  let standard: string
  let reduced: string

  beforeAll(async () => {
    world = await startTestWorld({ env: { POS_ECOM_PAYMENT_TYPE: ' webshop ' } })
    const types = await simPut(world, '/_sim/payment_types', {
      payment_types: [{ name: 'Cash' }, { name: 'Credit Card' }, { name: 'Webshop' }],
    })
    webshop = types.data.find((t) => t.name === 'Webshop')?.id ?? ''
    const taxes = await simPut(world, '/_sim/taxes', { taxes: [{ name: 'Reduced', rate: '0.05' }] })
    reduced = taxes.data.find((t) => t.name === 'Reduced')?.id ?? ''
    standard = taxes.data.find((t) => t.name !== 'Reduced')?.id ?? ''
    const [outlet] = (await world.posApi<{ data: { id: string }[] }>('GET', '/api/2.0/outlets'))
      .data
    ids = await uploadProducts(world, [
      {
        name: 'Field Guide',
        sku: 'BOOK-1',
        price_excluding_tax: 20,
        inventory: [{ outlet_id: outlet?.id, current_amount: 5 }],
        outlet_taxes: [{ outlet_id: outlet?.id, tax_id: reduced }],
      },
      {
        name: 'Trail Mug',
        sku: 'MUG-1',
        price_excluding_tax: 10,
        inventory: [{ outlet_id: outlet?.id, current_amount: 5 }],
      },
    ])
  }, 60_000)
  afterAll(async () => world?.stop())

  let orderId: string

  test('an order paid is recorded paid in full with that type, the book with its own tax', async () => {
    orderId = await placeOrder(world, [
      { sku: 'BOOK-1', quantity: 2, price: 20 },
      { sku: 'MUG-1', quantity: 1, price: 10 },
    ])
    await settles(world, orderId, 'recorded')

    const sale = (await posSales(world)).find((s) => s.source_id === `ecom-${STORE_ID}-${orderId}`)
    expect(sale).toMatchObject({
      status: 'CLOSED',
      total_price: 50,
      total_tax: 2.8875,
      line_items: [
        { product_id: ids['BOOK-1'], quantity: 2, price: 20, tax: 1, tax_id: reduced },
        { product_id: ids['MUG-1'], quantity: 1, price: 10, tax: 0.8875, tax_id: standard },
      ],
      payments: [{ retailer_payment_type_id: webshop, name: 'Webshop', amount: 52.8875 }],
    })
  })

  test('refunded later, its return is refunded in full through the same type', async () => {
    await world.ecomApi('PUT', `/orders/${orderId}`, { paymentStatus: 'REFUNDED' })
    await deliver(world, orderId, 'order.updated')
    await settles(world, orderId, 'returned')

    const sales = await posSales(world)
    const sale = sales.find((s) => s.source_id === `ecom-${STORE_ID}-${orderId}`)
    const returned = sales.filter((s) => s.return_for === sale?.id)
    expect(returned).toHaveLength(1)
    expect(returned[0]).toMatchObject({
      status: 'CLOSED',
      total_price: -50,
      total_tax: -2.8875,
      payments: [{ retailer_payment_type_id: webshop, name: 'Webshop', amount: -52.8875 }],
    })
  })
})

describe('in a Retail POS store with no payment type for eCom', () => {
  let world: TestWorld
  let orderId: string

  beforeAll(async () => {
    world = await startTestWorld()
    await simPut(world, '/_sim/payment_types', {
      payment_types: [{ name: 'Cash' }, { name: 'Credit Card' }],
    })
    await uploadProducts(world, [{ name: 'Trail Mug', sku: 'MUG-1', price_excluding_tax: 10 }])
  }, 60_000)
  afterAll(async () => world?.stop())

  test('an order paid records nothing and says which setting to set, with the store’s types', async () => {
    orderId = await placeOrder(world, [{ sku: 'MUG-1', quantity: 1, price: 10 }])

    await expect
      .poll(
        async () =>
          (await listDeliveries(world.ctx.db, { source: 'ecom' })).find(
            (d) => d.entity_id === orderId && d.event_type === 'order.created',
          )?.last_error,
        { timeout: 20_000, interval: 100 },
      )
      .toBe(
        'Retail POS has no payment type named like "eCom", "Online" or "Other" to pay eCom sales with; choose one of its payment types in the app’s Settings: "Cash", "Credit Card".',
      )
    expect(await posSales(world)).toEqual([])
    expect((await findSale(world.ctx.db, STORE_ID, orderId))?.status).not.toBe('recorded')
  })

  test('once the merchant adds an "Online Payments" type, the order is recorded paid with it', async () => {
    const types = await simPut(world, '/_sim/payment_types', {
      payment_types: [{ name: 'Cash' }, { name: 'Credit Card' }, { name: 'Online Payments' }],
    })

    await recordOrderSale(world.ctx, STORE_ID, orderId)

    expect(await posSales(world)).toMatchObject([
      {
        status: 'CLOSED',
        payments: [
          {
            retailer_payment_type_id: types.data.find((t) => t.name === 'Online Payments')?.id,
            amount: 10.8875,
          },
        ],
      },
    ])
  })
})
