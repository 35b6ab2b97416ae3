/**
 * A store's Settings: the merchant chooses, among its Retail POS outlets and payment types, the
 * outlets whose stock eCom sells, the outlet that serves the online store and the payment type of
 * eCom sales. Each choice is checked through the route, then seen where it lands: eCom's quantity
 * and the sale Retail POS records. Another store keeps its own settings.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { StoreSettings, StoreSettingsSaved } from '../contracts/api'
import { findSale } from './store/sync-store-sales'
import {
  OTHER_STORE_ID,
  POS_TOKEN,
  STORE_ID,
  startTestWorld,
  type TestWorld,
} from './testing/test-world'

interface PosSaleView {
  register_id: string
  source_id?: string
  payments: { retailer_payment_type_id: string; name: string; amount: number }[]
}

let w: TestWorld
let cookie: string
let outlets: Record<string, string>
let payments: Record<string, string>
let mugId: string

async function settings(sessionCookie = cookie) {
  const res = await w.app.inject({
    method: 'GET',
    url: '/api/store-settings',
    headers: { cookie: sessionCookie },
  })
  expect(res.statusCode, res.body).toBe(200)

  return res.json<StoreSettings>()
}

async function save(payload: unknown) {
  return w.app.inject({
    method: 'PUT',
    url: '/api/store-settings',
    headers: { cookie },
    payload: payload as object,
  })
}

async function ecomQuantity(sku: string) {
  const page = await w.ecomApi<{ items: { quantity?: number }[] }>('GET', `/products?sku=${sku}`)

  return page.items[0]?.quantity
}

/** Places a paid order on eCom and hands the app its webhook, as Ecwid sends it. */
async function placeOrder(sku: string, quantity: number) {
  const [product] = (await w.ecomApi<{ items: { id: number }[] }>('GET', `/products?sku=${sku}`))
    .items
  const placed = await w.ecomApi<{ orderid: string }>('POST', '/orders', {
    paymentStatus: 'PAID',
    items: [{ productId: product?.id, sku, quantity, price: 9 }],
  })
  const { items } = (await (await fetch(`${w.ecomUrl}/_sim/events`)).json()) as {
    items: {
      eventId: string
      eventCreated: number
      eventType: string
      data?: { orderId?: string }
    }[]
  }
  const event = items.findLast(
    (e) => e.eventType === 'order.created' && e.data?.orderId === placed.orderid,
  )
  if (!event) throw new Error(`no order.created event of ${placed.orderid}`)
  await w.postEcomWebhook(event)

  return placed.orderid
}

async function simPut<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${w.posUrl}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${POS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

  return (await res.json()) as T
}

beforeAll(async () => {
  w = await startTestWorld()
  cookie = await w.openSession()
  const [main] = (
    await w.posApi<{ data: { id: string; name: string }[] }>('GET', '/api/2.0/outlets')
  ).data
  const outletList = await simPut<{ data: { id: string; name: string }[] }>('/_sim/outlets', {
    outlets: [{ id: main?.id, name: main?.name }, { name: 'Harbor Shop' }, { name: 'Warehouse' }],
  })
  outlets = Object.fromEntries(outletList.data.map((o) => [o.name, o.id]))
  const types = await w.posApi<{ data: { id: string; name: string }[] }>(
    'GET',
    '/api/2.0/payment_types',
  )
  payments = Object.fromEntries(types.data.map((t) => [t.name, t.id]))
  ;[mugId = ''] = (
    await w.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Harbor Mug',
      sku: 'HMUG-1',
      price_excluding_tax: 9,
      inventory: [
        { outlet_id: main?.id, current_amount: 10 },
        { outlet_id: outlets['Harbor Shop'], current_amount: 5 },
        { outlet_id: outlets.Warehouse, current_amount: 40 },
      ],
    })
  ).data
  await w.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
}, 60_000)
afterAll(async () => w?.stop())

describe('before the merchant chooses anything', () => {
  test('the app’s defaults apply, and the store’s outlets and payment types are offered', async () => {
    const seen = await settings()

    expect(seen.outlets.map((o) => o.name)).toEqual(['Main Outlet', 'Harbor Shop', 'Warehouse'])
    expect(seen.paymentTypes.map((t) => t.name)).toContain('eCom')
    expect(seen).toMatchObject({
      onlineOutlet: { id: outlets['Main Outlet'], source: 'app', problem: null },
      stockOutlets: { ids: 'all', source: 'app', problem: null },
      ecomPaymentType: { id: payments.eCom, source: 'app', problem: null },
      updatedAt: null,
    })
    expect(await ecomQuantity('HMUG-1')).toBe(55)
  })
})

describe('the merchant sells online only what the shop holds, from the shop, paid in cash', () => {
  let saved: StoreSettingsSaved

  beforeAll(async () => {
    const res = await save({
      onlineOutletId: outlets['Harbor Shop'],
      stockOutletIds: [outlets['Harbor Shop']],
      ecomPaymentTypeId: payments.Cash,
    })
    expect(res.statusCode, res.body).toBe(200)
    saved = res.json<StoreSettingsSaved>()
  })

  test('the answer shows the choices as the store’s own, and says the stock is counted again', () => {
    expect(saved.recounting).toBe(1)
    expect(saved.settings).toMatchObject({
      onlineOutlet: { id: outlets['Harbor Shop'], source: 'store', problem: null },
      stockOutlets: { ids: [outlets['Harbor Shop']], source: 'store', problem: null },
      ecomPaymentType: { id: payments.Cash, source: 'store', problem: null },
    })
    expect(saved.settings.updatedAt).not.toBeNull()
  })

  test('eCom’s quantity of the linked product becomes the shop’s stock, without any POS change', async () => {
    await expect.poll(() => ecomQuantity('HMUG-1'), { timeout: 15_000, interval: 100 }).toBe(5)
  })

  test('an eCom order is recorded at the shop’s register and paid with the chosen type', async () => {
    const orderId = await placeOrder('HMUG-1', 2)

    await expect
      .poll(async () => (await findSale(w.ctx.db, STORE_ID, orderId))?.status, {
        timeout: 20_000,
        interval: 100,
      })
      .toBe('recorded')

    const registers = await w.posApi<{ data: { id: string; outlet_id: string }[] }>(
      'GET',
      '/api/2.0/registers',
    )
    const sales = (await w.posApi<{ data: PosSaleView[] }>('GET', '/api/2.0/sales')).data
    const sale = sales.find((s) => s.source_id?.includes(orderId))
    const stock = await w.posApi<{ data: { outlet_id: string; inventory_level: number }[] }>(
      'GET',
      `/api/2.0/products/${mugId}/inventory`,
    )

    expect(sale?.register_id).toBe(
      registers.data.find((r) => r.outlet_id === outlets['Harbor Shop'])?.id,
    )
    expect(sale?.payments.map((p) => p.name)).toEqual(['Cash'])
    expect(stock.data.find((r) => r.outlet_id === outlets['Harbor Shop'])?.inventory_level).toBe(3)
  })

  test('another store served by the same Retail POS keeps the app’s defaults', async () => {
    const other = await settings(await w.openSession(OTHER_STORE_ID))

    expect(other).toMatchObject({
      onlineOutlet: { id: outlets['Main Outlet'], source: 'app' },
      stockOutlets: { ids: 'all', source: 'app' },
      ecomPaymentType: { id: payments.eCom, source: 'app' },
    })
  })
})

describe('what cannot be saved', () => {
  test.each([
    [
      'an outlet the store does not have',
      { onlineOutletId: 'no-such-outlet' },
      /onlineOutletId: Retail POS has no outlet no-such-outlet/,
    ],
    [
      'no outlet to count stock from',
      { stockOutletIds: [] },
      /stockOutletIds must name at least one outlet/,
    ],
    [
      'a payment type the store does not have',
      { ecomPaymentTypeId: 'nope' },
      /ecomPaymentTypeId: Retail POS has no payment type nope/,
    ],
    ['a field the screen does not send', { registerId: 'x' }, /Unrecognized key/i],
  ])('%s is refused, naming the field, and nothing changes', async (_, change, message) => {
    const before = await settings()
    const res = await save({
      onlineOutletId: null,
      stockOutletIds: null,
      ecomPaymentTypeId: null,
      ...change,
    })

    expect(res.statusCode).toBe(400)
    expect(res.json<{ error: { message: string } }>().error.message).toMatch(message)
    expect(await settings()).toEqual(before)
  })

  test('without a session nothing is read or saved', async () => {
    const read = await w.app.inject({ method: 'GET', url: '/api/store-settings' })
    const written = await w.app.inject({
      method: 'PUT',
      url: '/api/store-settings',
      payload: { onlineOutletId: null, stockOutletIds: 'all', ecomPaymentTypeId: null },
    })

    expect([read.statusCode, written.statusCode]).toEqual([401, 401])
  })
})

describe('a chosen outlet that Retail POS no longer has', () => {
  test('the screen says what to do, and choosing again counts the stock again', async () => {
    await simPut('/_sim/outlets', {
      outlets: [
        { id: outlets['Main Outlet'], name: 'Main Outlet' },
        { id: outlets.Warehouse, name: 'Warehouse' },
      ],
    })

    const seen = await settings()

    expect(seen.onlineOutlet).toEqual({
      id: null,
      source: 'store',
      problem:
        'The outlet chosen for the online store ("Harbor Shop") is no longer in Retail POS: choose another in the app’s Settings. Its outlets are "Main Outlet", "Warehouse".',
    })
    expect(seen.stockOutlets).toEqual({
      ids: [],
      source: 'store',
      problem:
        'None of the outlets eCom sells from ("Harbor Shop") is in Retail POS any more, so no stock reaches eCom: choose another in the app’s Settings. Its outlets are "Main Outlet", "Warehouse".',
    })
    // Said where the merchant looks every day, not only on the Settings screen.
    const session = await w.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
    expect(session.json<{ settingsProblems: string[] }>().settingsProblems).toEqual([
      seen.onlineOutlet.problem,
      seen.stockOutlets.problem,
    ])

    const res = await save({
      onlineOutletId: outlets.Warehouse,
      stockOutletIds: [outlets['Main Outlet'], outlets.Warehouse],
      ecomPaymentTypeId: null,
    })

    expect(res.statusCode, res.body).toBe(200)
    expect(res.json<StoreSettingsSaved>()).toMatchObject({
      recounting: 1,
      settings: {
        onlineOutlet: { id: outlets.Warehouse, source: 'store', problem: null },
        stockOutlets: {
          ids: [outlets['Main Outlet'], outlets.Warehouse],
          source: 'store',
          problem: null,
        },
        ecomPaymentType: { id: payments.eCom, source: 'app', problem: null },
      },
    })
    await expect.poll(() => ecomQuantity('HMUG-1'), { timeout: 15_000, interval: 100 }).toBe(50)
  })
})

describe('one of several outlets eCom sells from closes', () => {
  beforeAll(async () => {
    const res = await save({
      onlineOutletId: outlets['Main Outlet'],
      stockOutletIds: [outlets['Main Outlet'], outlets.Warehouse],
      ecomPaymentTypeId: null,
    })
    expect(res.statusCode, res.body).toBe(200)
    await simPut('/_sim/outlets', {
      outlets: [{ id: outlets['Main Outlet'], name: 'Main Outlet' }],
    })
  })

  test('the others go on counting, changes still reach eCom, and the screen names the one gone', async () => {
    const seen = await settings()

    expect(seen.stockOutlets).toEqual({
      ids: [outlets['Main Outlet']],
      source: 'store',
      problem:
        '"Warehouse", among the outlets eCom sells from, is no longer in Retail POS: eCom counts the stock of "Main Outlet" only. Check the outlets in the app’s Settings.',
    })

    await w.posApi('PUT', `/api/2.1/products/${mugId}`, { details: { price_excluding_tax: 12 } })
    await w.ongoing.catchUpNow()

    await expect
      .poll(
        async () =>
          (await w.ecomApi<{ items: { price?: number }[] }>('GET', '/products?sku=HMUG-1')).items[0]
            ?.price,
        { timeout: 15_000, interval: 100 },
      )
      .toBe(12)
    expect(await ecomQuantity('HMUG-1')).toBe(10)
  })

  test('the online store’s outlet must be one eCom sells from, or orders would never lower eCom’s stock', async () => {
    await simPut('/_sim/outlets', {
      outlets: [{ id: outlets['Main Outlet'], name: 'Main Outlet' }, { name: 'Depot' }],
    })
    const depot = (await settings()).outlets.find((o) => o.name === 'Depot')?.id

    const res = await save({
      onlineOutletId: depot,
      stockOutletIds: [outlets['Main Outlet']],
      ecomPaymentTypeId: null,
    })

    expect(res.statusCode).toBe(400)
    expect(res.json<{ error: { message: string } }>().error.message).toBe(
      'The settings were not saved: stockOutletIds: "Depot", the outlet that serves the online store, must be one of the outlets eCom sells from, or eCom orders would never lower eCom\'s stock.',
    )
  })
})
