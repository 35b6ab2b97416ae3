// The ongoing sync's eCom → Retail POS row: "a sale (order) and the stock it moves → recorded in
// Retail POS". Orders are placed and paid through the eCom simulator's API, whose signed webhooks
// reach the app over HTTP as Ecwid sends them; what lands is read back through the POS
// simulator's API.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { SupportSearch } from '../contracts/api'
import { catchUp } from './services/ongoing/catch-up'
import { recordOrderSale } from './services/ongoing/record-sale'
import { resolveOnlineOutlet } from './services/store-settings'
import { pendingWork } from './store/sync-store'
import { findSale } from './store/sync-store-sales'
import { listDeliveries } from './store/webhook-store'
import { POS_TOKEN, STORE_ID, startTestWorld, type TestWorld } from './testing/test-world'

interface PosSaleView {
  id: string
  status: string
  register_id: string
  source_id?: string
  return_for: string | null
  note: string
  total_price: number
  total_tax: number
  line_items: { product_id: string; quantity: number; price: number }[]
  payments: { retailer_payment_type_id: string; name: string; amount: number }[]
}

interface EcomCombinationView {
  id: number
  sku?: string
  quantity?: number
}

interface EcomProductView {
  id: number
  sku?: string
  quantity?: number
  combinations?: EcomCombinationView[]
}

type EcomEventView = {
  eventId: string
  eventType: string
  eventCreated: number
  entityId: number
  data?: { orderId?: string }
}

interface Delivery {
  url: string
  headers: Record<string, string>
  body: string
  status: string
  meta: { eventType: string }
}

let world: TestWorld
let appUrl: string
let outlet: string
let register: string
let ecomPayment: string
const ids: Record<string, string> = {}

beforeAll(async () => {
  world = await startTestWorld()
  const cookie = await world.openSession()
  outlet =
    (await world.posApi<{ data: { id: string }[] }>('GET', '/api/2.0/outlets')).data[0]?.id ?? ''
  register =
    (
      await world.posApi<{ data: { id: string; outlet_id: string }[] }>('GET', '/api/2.0/registers')
    ).data.find((r) => r.outlet_id === outlet)?.id ?? ''
  ecomPayment =
    (
      await world.posApi<{ data: { id: string; name: string }[] }>('GET', '/api/2.0/payment_types')
    ).data.find((t) => t.name === 'eCom')?.id ?? ''
  const size = (
    await world.posApi<{ data: { id: string } }>('POST', '/api/2.0/variant_attributes', {
      name: 'Size',
    })
  ).data.id
  const standard = async (sku: string, price: number, stock: number | null) => {
    const [id = ''] = (
      await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
        name: `Product ${sku}`,
        sku,
        price_excluding_tax: price,
        ...(stock === null
          ? { track_inventory: false }
          : { inventory: [{ outlet_id: outlet, current_amount: stock }] }),
      })
    ).data
    ids[sku] = id
  }
  await standard('MUG-1', 12.5, 10)
  await standard('LAMP-1', 40, 6)
  await standard('VASE-1', 18, 4)
  await standard('WRAP-1', 3, null)
  const [small = '', medium = ''] = (
    await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Leaf Tee',
      variants: ['S', 'M'].map((value, i) => ({
        sku: `LEAF-${value}`,
        price_excluding_tax: 20,
        variant_definitions: [{ attribute_id: size, value }],
        inventory: [{ outlet_id: outlet, current_amount: 3 + i }],
      })),
    })
  ).data
  ids['LEAF-S'] = small
  ids['LEAF-M'] = medium

  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })

  if (run.counts.created !== 5) throw new Error(`upload: ${JSON.stringify(run)}`)
  // The first sync after the upload, as the catch-up at start-up gives it.
  await world.ongoing.catchUpNow()

  await world.app.listen({ port: 0, host: '127.0.0.1' })
  appUrl = `http://127.0.0.1:${(world.app.server.address() as { port: number }).port}`
  await simRequest(world.ecomUrl, 'PUT', '/_sim/webhook', { url: `${appUrl}/api/webhooks/ecom` })
}, 60_000)
afterAll(async () => world?.stop())

async function simRequest<T = unknown>(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${POS_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })

  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)

  return (await res.json()) as T
}

async function ecomProduct(sku: string): Promise<EcomProductView> {
  const page = await world.ecomApi<{ items: EcomProductView[] }>('GET', `/products?sku=${sku}`)
  const [found] = page.items

  if (!found) throw new Error(`no eCom product with SKU ${sku}`)

  return found
}

/** What an order item names: the eCom product, and the variation for a variant. */
async function item(sku: string, quantity: number, price: number) {
  const product = await ecomProduct(sku)
  const combination = product.combinations?.find((c) => c.sku === sku)

  return {
    productId: product.id,
    ...(combination ? { combinationId: combination.id } : {}),
    sku,
    quantity,
    price,
  }
}

/** Places an order on eCom as a shopper's checkout would; answers its public id. */
async function placeOrder(items: unknown[], paymentStatus = 'PAID') {
  const placed = await world.ecomApi<{ id: number; orderid: string }>('POST', '/orders', {
    paymentStatus,
    email: 'shopper@example.com',
    items,
  })

  return placed.orderid
}

async function posSales(): Promise<PosSaleView[]> {
  return (
    await world.posApi<{ data: PosSaleView[] }>('GET', '/api/2.0/sales?after=0&page_size=1000')
  ).data
}

async function salesOf(orderId: string) {
  return (await posSales()).filter((s) => s.source_id === `ecom-${STORE_ID}-${orderId}`)
}

async function posStock(sku: string): Promise<number> {
  const res = await world.posApi<{ data: { outlet_id: string; inventory_level: number }[] }>(
    'GET',
    `/api/2.0/products/${ids[sku]}/inventory`,
  )

  return res.data.find((r) => r.outlet_id === outlet)?.inventory_level ?? 0
}

async function ecomStock(sku: string): Promise<number | undefined> {
  const product = await ecomProduct(sku)

  return product.combinations?.find((c) => c.sku === sku)?.quantity ?? product.quantity
}

/** Waits until the order's row reads `status`, then until every delivery has been worked. */
async function orderSettles(orderId: string, status: 'recorded' | 'returned') {
  await expect
    .poll(async () => (await findSale(world.ctx.db, STORE_ID, orderId))?.status, {
      timeout: 20_000,
      interval: 100,
    })
    .toBe(status)
  await settled()
}

async function settled() {
  await expect
    .poll(
      async () => [
        (
          await simRequest<{ items: unknown[] }>(
            world.ecomUrl,
            'GET',
            '/_sim/webhooks/deliveries?status=pending',
          )
        ).items.length,
        await pendingWork(world.ctx.db),
      ],
      { timeout: 20_000, interval: 100 },
    )
    .toEqual([0, { deliveries: 0, links: 0 }])
}

/** Sends an order's webhook again, exactly as the eCom simulator delivered it. */
async function deliverAgain(orderId: string, eventType: string) {
  const { items } = await simRequest<{ items: Delivery[] }>(
    world.ecomUrl,
    'GET',
    '/_sim/webhooks/deliveries',
  )
  const sent = items.find(
    (d) =>
      d.meta.eventType === eventType &&
      (JSON.parse(d.body) as { data?: { orderId?: string } }).data?.orderId === orderId,
  )

  if (!sent) throw new Error(`no ${eventType} delivery of order ${orderId}`)

  const res = await fetch(sent.url, { method: 'POST', headers: sent.headers, body: sent.body })

  return { status: res.status, body: (await res.json()) as unknown }
}

describe('an order paid on eCom', () => {
  let orderId: string

  test('is recorded in Retail POS as one sale of its linked lines, paid in full by eCom, once, though its webhook comes twice', async () => {
    await settled()
    const stockBefore = [await posStock('MUG-1'), await posStock('LEAF-S')]

    orderId = await placeOrder([
      await item('MUG-1', 2, 12.5),
      await item('LEAF-S', 1, 20),
      { name: 'Gift wrapping note', sku: 'ONLINE-ONLY', quantity: 1, price: 1 },
    ])
    await orderSettles(orderId, 'recorded')
    const again = await deliverAgain(orderId, 'order.created')
    await world.ecomApi('PUT', `/orders/${orderId}`, { fulfillmentStatus: 'SHIPPED' })
    await settled()

    const sales = await salesOf(orderId)
    expect(again).toEqual({ status: 200, body: { received: true, recorded: false } })
    expect(sales).toHaveLength(1)
    expect(sales[0]).toMatchObject({
      status: 'CLOSED',
      register_id: register,
      note: expect.stringMatching(new RegExp(`^eCom order #\\d+ \\(${orderId}\\)$`)),
      line_items: [
        { product_id: ids['MUG-1'], quantity: 2, price: 12.5 },
        { product_id: ids['LEAF-S'], quantity: 1, price: 20 },
      ],
      total_price: 45,
      total_tax: 3.99376,
      payments: [{ retailer_payment_type_id: ecomPayment, name: 'eCom', amount: 48.99376 }],
    })
    expect([await posStock('MUG-1'), await posStock('LEAF-S')]).toEqual([
      (stockBefore[0] ?? 0) - 2,
      (stockBefore[1] ?? 0) - 1,
    ])
  })

  test('moves stock in Retail POS that does not come back to eCom: an eCom stock edit made since stays', async () => {
    const mug = await ecomProduct('MUG-1')
    await world.ecomApi('PUT', `/products/${mug.id}`, { quantity: 20 })

    await world.postPosWebhook('inventory.update', {
      product_id: ids['MUG-1'],
      outlet_id: outlet,
      count: await posStock('MUG-1'),
    })
    await world.ongoing.catchUpNow()
    await settled()

    expect(await ecomStock('MUG-1')).toBe(20)
    expect(await catchUp(world.ctx)).toBe(0)
  })

  test('refunded later, has its sale returned and refunded by eCom in Retail POS once, and eCom keeps its own count', async () => {
    const [sale] = await salesOf(orderId)
    const posBefore = [await posStock('MUG-1'), await posStock('LEAF-S')]

    await world.ecomApi('PUT', `/orders/${orderId}`, { paymentStatus: 'REFUNDED' })
    await orderSettles(orderId, 'returned')
    const onEcom = await ecomStock('MUG-1')
    const again = await deliverAgain(orderId, 'order.updated')
    await world.postPosWebhook('inventory.update', {
      product_id: ids['MUG-1'],
      outlet_id: outlet,
      count: await posStock('MUG-1'),
    })
    await world.ongoing.catchUpNow()
    await settled()

    const returns = (await posSales()).filter((s) => s.return_for === sale?.id)
    expect(again.status).toBe(200)
    expect(returns).toHaveLength(1)
    expect(returns[0]).toMatchObject({
      status: 'CLOSED',
      note: expect.stringMatching(/^Return of eCom order #\d+ \(\w+\), refunded$/),
      line_items: [
        { product_id: ids['MUG-1'], quantity: -2 },
        { product_id: ids['LEAF-S'], quantity: -1 },
      ],
      payments: [{ retailer_payment_type_id: ecomPayment, name: 'eCom', amount: -48.99376 }],
    })
    expect([await posStock('MUG-1'), await posStock('LEAF-S')]).toEqual([
      (posBefore[0] ?? 0) + 2,
      (posBefore[1] ?? 0) + 1,
    ])
    expect(onEcom).toBe(22)
    expect(await ecomStock('MUG-1')).toBe(22)
  })

  test('shows in support’s history of each product it moved: its sale and its return, once each', async () => {
    const res = await world.app.inject({
      method: 'GET',
      url: '/api/support/products?q=MUG-1',
      headers: { cookie: await world.openSession() },
    })
    const [mug] = res.json<SupportSearch>().items
    const fromOrders = (mug?.events ?? []).filter((e) => e.origin === 'ecom-order')

    expect(fromOrders.map((e) => e.summary)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^eCom order #\\d+ \\(${orderId}\\) is refunded: its sale was returned in Retail POS: 2 × MUG-1\\.$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^eCom order #\\d+ \\(${orderId}\\) recorded as a sale in Retail POS: 2 × MUG-1\\.$`,
        ),
      ),
    ])
  })
})

describe('the stock an order moves in Retail POS', () => {
  /** Counts the product and variation updates eCom is sent from now on (a rule that never fires). */
  async function countEcomUpdates() {
    const rule = await simRequest<{ id: string }>(world.ecomUrl, 'POST', '/_sim/faults', {
      method: 'PUT',
      path: `^/api/v3/${STORE_ID}/products/`,
      kind: 'status',
      status: 500,
      afterCount: 1_000_000,
    })

    return async () => {
      const { items } = await simRequest<{ items: { id: string; matched: number }[] }>(
        world.ecomUrl,
        'GET',
        '/_sim/faults',
      )

      return items.find((r) => r.id === rule.id)?.matched
    }
  }

  /** What Support shows as written after "A change in Retail POS" of the product with `sku`. */
  async function changesInPos(sku: string) {
    const res = await world.app.inject({
      method: 'GET',
      url: `/api/support/products?q=${sku}`,
      headers: { cookie: await world.openSession() },
    })

    return (res.json<SupportSearch>().items[0]?.events ?? [])
      .filter((e) => e.origin === 'pos-change')
      .map((e) => e.summary)
  }

  /** Retail POS tells the app of the stock it holds now, as its webhook and the catch-up do. */
  async function posTellsStock(skus: string[]) {
    for (const sku of skus) {
      await world.postPosWebhook('inventory.update', {
        product_id: ids[sku],
        outlet_id: outlet,
        count: await posStock(sku),
      })
    }
    await world.ongoing.catchUpNow()
    await settled()
  }

  async function familyStock(sku: string) {
    return (await ecomProduct(sku)).quantity
  }

  test('by its sale and by its return is not written back to eCom nor shown as a change in Retail POS', async () => {
    await settled()
    const updates = await countEcomUpdates()
    const shownBefore = [await changesInPos('LEAF-S'), await changesInPos('LAMP-1')]
    const familyBefore = await familyStock('LEAF-S')

    const orderId = await placeOrder([await item('LEAF-S', 2, 20), await item('LAMP-1', 1, 40)])
    await orderSettles(orderId, 'recorded')
    await posTellsStock(['LEAF-S', 'LAMP-1'])
    const afterSale = await updates()
    const stockAfterSale = [await ecomStock('LEAF-S'), await posStock('LEAF-S')]

    await world.ecomApi('PUT', `/orders/${orderId}`, { paymentStatus: 'REFUNDED' })
    await orderSettles(orderId, 'returned')
    await posTellsStock(['LEAF-S', 'LAMP-1'])

    expect(afterSale).toBe(0)
    expect(stockAfterSale[0]).toBe(stockAfterSale[1])
    expect(await updates()).toBe(0)
    expect([await changesInPos('LEAF-S'), await changesInPos('LAMP-1')]).toEqual(shownBefore)
    expect(await ecomStock('LEAF-S')).toBe(await posStock('LEAF-S'))
    expect(await familyStock('LEAF-S')).toBe(familyBefore)
  })

  test('does not hold back a stock change the merchant makes in Retail POS at the same time', async () => {
    await settled()
    const leafM = await ecomStock('LEAF-M')

    const orderId = await placeOrder([await item('LEAF-S', 1, 20)])
    await orderSettles(orderId, 'recorded')
    // Counted at the till once the sale was in: three units more than Retail POS had.
    const counted = (await posStock('LEAF-S')) + 3
    await world.posApi('PUT', `/api/2.1/products/${ids['LEAF-S']}`, {
      details: { inventory: [{ outlet_id: outlet, current_amount: counted }] },
    })
    await posTellsStock(['LEAF-S'])

    expect(await ecomStock('LEAF-S')).toBe(counted)
    expect(await familyStock('LEAF-S')).toBe(counted + (leafM ?? 0))
    expect((await changesInPos('LEAF-S'))[0]).toMatch(
      new RegExp(`^Written to eCom after a change in Retail POS: .*stock ${counted}\\b`),
    )
  })
})

test('a sale whose write lands but never answers is looked up, not written again', async () => {
  const before = await posStock('LAMP-1')
  const fault = await simRequest<{ id: string }>(world.posUrl, 'POST', '/_sim/faults', {
    method: 'POST',
    path: '/api/register_sales',
    kind: 'hang',
    times: 1,
  })

  const orderId = await placeOrder([await item('LAMP-1', 1, 40)])
  await orderSettles(orderId, 'recorded')

  const rules = await simRequest<{ items: { id: string; fired: number }[] }>(
    world.posUrl,
    'GET',
    '/_sim/faults',
  )
  expect(rules.items.find((r) => r.id === fault.id)?.fired).toBe(1)
  expect(await salesOf(orderId)).toHaveLength(1)
  expect(await posStock('LAMP-1')).toBe(before - 1)
})

test('two workers given the same order at once record one sale', async () => {
  const before = await posStock('LEAF-M')

  const orderId = await placeOrder([await item('LEAF-M', 2, 20)])
  const outcomes = await Promise.allSettled([
    recordOrderSale(world.ctx, STORE_ID, orderId),
    recordOrderSale(world.ctx, STORE_ID, orderId),
  ])
  await orderSettles(orderId, 'recorded')

  expect(outcomes.some((o) => o.status === 'fulfilled')).toBe(true)
  expect(await salesOf(orderId)).toHaveLength(1)
  expect(await posStock('LEAF-M')).toBe(before - 2)
})

test('an order with a product deleted in Retail POS or not tracking stock records the rest and says what was left out', async () => {
  const lampBefore = await posStock('LAMP-1')
  const items = [
    await item('VASE-1', 1, 18),
    await item('WRAP-1', 2, 3),
    await item('LAMP-1', 1, 40),
  ]
  await world.posApi('DELETE', `/api/2.0/products/${ids['VASE-1']}`)

  const orderId = await placeOrder(items)
  await orderSettles(orderId, 'recorded')

  const [sale] = await salesOf(orderId)
  const delivery = (await listDeliveries(world.ctx.db, { source: 'ecom' })).find(
    (d) => d.entity_id === orderId && d.event_type === 'order.created',
  )
  expect(sale?.line_items).toMatchObject([
    { product_id: ids['WRAP-1'], quantity: 2, price: 3 },
    { product_id: ids['LAMP-1'], quantity: 1, price: 40 },
  ])
  expect(sale?.note).toMatch(/\. Not in this sale: VASE-1 \(deleted in Retail POS\)$/)
  expect(await posStock('LAMP-1')).toBe(lampBefore - 1)
  expect(delivery).toMatchObject({ status: 'done' })
  expect(delivery?.last_error).toMatch(
    /sale of 2 lines recorded in Retail POS at Main Register, paid 50\.0825 by eCom; no stock moved for WRAP-1 \(stock not tracked\); skipped VASE-1 \(deleted in Retail POS\)$/,
  )
})

test('an order cancelled before it was paid changes nothing in Retail POS', async () => {
  const salesBefore = (await posSales()).length
  const before = await posStock('MUG-1')

  const orderId = await placeOrder([await item('MUG-1', 1, 12.5)], 'AWAITING_PAYMENT')
  await world.ecomApi('PUT', `/orders/${orderId}`, { paymentStatus: 'CANCELLED' })
  await settled()

  expect((await posSales()).length).toBe(salesBefore)
  expect(await posStock('MUG-1')).toBe(before)
  expect(await findSale(world.ctx.db, STORE_ID, orderId)).toBeUndefined()
})

describe('with POS_ONLINE_OUTLET naming the outlet that serves the online store', () => {
  let harborWorld: TestWorld

  beforeAll(async () => {
    harborWorld = await startTestWorld({ env: { POS_ONLINE_OUTLET: 'harbor' } })
  }, 60_000)
  afterAll(async () => harborWorld?.stop())

  test('an order paid is recorded at a register of that outlet and takes its stock there', async () => {
    const w = harborWorld
    const [main] = (
      await w.posApi<{ data: { id: string; name: string }[] }>('GET', '/api/2.0/outlets')
    ).data
    const outlets = await simRequest<{ data: { id: string; name: string }[] }>(
      w.posUrl,
      'PUT',
      '/_sim/outlets',
      { outlets: [{ id: main?.id, name: main?.name }, { name: 'Harbor' }] },
    )
    const harbor = outlets.data.find((o) => o.name === 'Harbor')?.id ?? ''
    const registers = await w.posApi<{ data: { id: string; outlet_id: string }[] }>(
      'GET',
      '/api/2.0/registers',
    )
    const [mugId = ''] = (
      await w.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
        name: 'Harbor Mug',
        sku: 'HMUG-1',
        price_excluding_tax: 9,
        inventory: [
          { outlet_id: main?.id, current_amount: 10 },
          { outlet_id: harbor, current_amount: 5 },
        ],
      })
    ).data
    await w.upload(await w.openSession(), { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    const [product] = (await w.ecomApi<{ items: { id: number }[] }>('GET', '/products?sku=HMUG-1'))
      .items
    const placed = await w.ecomApi<{ id: number; orderid: string }>('POST', '/orders', {
      paymentStatus: 'PAID',
      items: [{ productId: product?.id, sku: 'HMUG-1', quantity: 2, price: 9 }],
    })
    const { items: events } = await simRequest<{ items: EcomEventView[] }>(
      w.ecomUrl,
      'GET',
      '/_sim/events',
    )
    const event = events.find(
      (e) => e.eventType === 'order.created' && e.data?.orderId === placed.orderid,
    )

    if (!event) throw new Error(`no order.created event of ${placed.orderid}`)
    await w.postEcomWebhook(event)
    await expect
      .poll(async () => (await findSale(w.ctx.db, STORE_ID, placed.orderid))?.status, {
        timeout: 20_000,
        interval: 100,
      })
      .toBe('recorded')

    const sales = (await w.posApi<{ data: PosSaleView[] }>('GET', '/api/2.0/sales')).data
    const stock = await w.posApi<{ data: { outlet_id: string; inventory_level: number }[] }>(
      'GET',
      `/api/2.0/products/${mugId}/inventory`,
    )
    const level = (id: string | undefined) =>
      stock.data.find((r) => r.outlet_id === id)?.inventory_level
    expect(sales.map((s) => s.register_id)).toEqual([
      registers.data.find((r) => r.outlet_id === harbor)?.id,
    ])
    expect([level(main?.id), level(harbor)]).toEqual([10, 3])
  })

  test('an outlet name Retail POS does not have is refused with the outlets it has', async () => {
    const pos = await harborWorld.ctx.connections.pos(STORE_ID)

    const nothingChosen = { onlineOutletId: null, stockOutletIds: null, ecomPaymentTypeId: null }

    const resolved = resolveOnlineOutlet(await pos.listOutlets(), nothingChosen, 'Nowhere')

    expect(resolved.problem).toBe(
      'Retail POS has no outlet "Nowhere" (POS_ONLINE_OUTLET); its outlets are "Main Outlet", "Harbor". Choose the online store’s outlet in the app’s Settings.',
    )
  })
})
