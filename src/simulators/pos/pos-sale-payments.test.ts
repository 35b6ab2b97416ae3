import { afterEach, beforeEach, expect, test } from 'vitest'
import { openSimulator, tempDataFile, type TestSimulator } from './pos-test-helpers'

let sim: TestSimulator
let cleanup: () => void

interface PaymentTypeView {
  id: string
  name: string
  type_id: number
}

beforeEach(() => {
  const temp = tempDataFile()
  cleanup = temp.cleanup
  sim = openSimulator({ dataFile: temp.file, seed: 'none' })
})

afterEach(async () => {
  await sim.close()
  cleanup()
})

async function setting() {
  await sim.send('PUT', '/_sim/outlets', { outlets: [{ name: 'Main' }] })
  const [outlet] = (await sim.get<{ data: { id: string }[] }>('/api/2.0/outlets')).body.data
  const [register] = (await sim.get<{ data: { id: string }[] }>('/api/2.0/registers')).body.data
  const user = (await sim.get<{ data: { id: string } }>('/api/2.0/user')).body.data
  const types = (await sim.get<{ data: PaymentTypeView[] }>('/api/2.0/payment_types')).body.data
  const typeId = (name: string) => types.find((t) => t.name === name)?.id ?? ''
  const created = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
    name: 'Trail Mug',
    sku: 'MUG-1',
    price_excluding_tax: 12,
    inventory: [{ outlet_id: outlet?.id, current_amount: 10 }],
  })

  return {
    outlet: outlet?.id ?? '',
    register: register?.id ?? '',
    user: user.id,
    productId: created.body.data[0] ?? '',
    cash: typeId('Cash'),
    card: typeId('Credit Card'),
    ecom: typeId('eCom'),
  }
}

/** Two mugs at 12 + 1.065 tax each: 26.13 to pay. */
function sale(s: Awaited<ReturnType<typeof setting>>, status: string, payments: unknown[]) {
  return {
    register_id: s.register,
    user_id: s.user,
    status,
    register_sale_products: [{ product_id: s.productId, quantity: 2, price: 12, tax: 1.065 }],
    register_sale_payments: payments,
  }
}

async function stock(s: Awaited<ReturnType<typeof setting>>) {
  const { body } = await sim.get<{ data: { outlet_id: string; inventory_level: number }[] }>(
    `/api/2.0/products/${s.productId}/inventory`,
  )

  return body.data.find((r) => r.outlet_id === s.outlet)?.inventory_level
}

test('a store starts with Cash, Credit Card and eCom; the merchant’s own set replaces them', async () => {
  const first = await sim.get<{ data: PaymentTypeView[] }>('/api/2.0/payment_types')
  const cash = first.body.data.find((t) => t.name === 'Cash')

  await sim.send('PUT', '/_sim/payment_types', {
    payment_types: [
      { id: cash?.id, name: 'Cash' },
      { name: 'Online', type_id: 7 },
    ],
  })
  const after = await sim.get<{ data: PaymentTypeView[] }>('/api/2.0/payment_types')
  const withDeleted = await sim.get<{ data: PaymentTypeView[] }>(
    '/api/2.0/payment_types?deleted=true',
  )

  expect(first.body.data.map((t) => [t.name, t.type_id])).toEqual([
    ['Cash', 1],
    ['Credit Card', 2],
    ['eCom', 7],
  ])
  expect(after.body.data.map((t) => t.name)).toEqual(['Cash', 'Online'])
  expect(after.body.data[0]?.id).toBe(cash?.id)
  expect(withDeleted.body.data.map((t) => t.name).sort()).toEqual([
    'Cash',
    'Credit Card',
    'Online',
    'eCom',
  ])
})

test('a completed sale paid in part is refused whole: no sale, no stock moved', async () => {
  const s = await setting()

  const short = await sim.send(
    'POST',
    '/api/register_sales',
    sale(s, 'CLOSED', [{ retailer_payment_type_id: s.cash, amount: 20 }]),
  )
  const unpaid = await sim.send('POST', '/api/register_sales', sale(s, 'CLOSED', []))
  const sales = await sim.get<{ data: unknown[] }>('/api/2.0/sales')

  expect(short).toEqual({
    status: 422,
    body: {
      error:
        'register_sale_payments: a CLOSED sale must be paid in full: its total is 26.13, its payments add up to 20 (6.13 to pay)',
    },
  })
  expect(unpaid.status).toBe(422)
  expect(sales.body.data).toEqual([])
  expect(await stock(s)).toBe(10)
})

test('a parked or on-account sale may be paid in part; completing it on account needs the rest', async () => {
  const s = await setting()
  const deposit = { retailer_payment_type_id: s.cash, amount: 20 }

  const parked = await sim.send('POST', '/api/register_sales', sale(s, 'SAVED', []))
  const onAccount = await sim.send<{ register_sale: { id: string } }>(
    'POST',
    '/api/register_sales',
    sale(s, 'ONACCOUNT', [deposit]),
  )
  const id = onAccount.body.register_sale.id
  const closedShort = await sim.send('POST', '/api/register_sales', {
    id,
    ...sale(s, 'ONACCOUNT_CLOSED', [deposit]),
  })
  const closed = await sim.send('POST', '/api/register_sales', {
    id,
    ...sale(s, 'ONACCOUNT_CLOSED', [deposit, { retailer_payment_type_id: s.card, amount: 6.13 }]),
  })

  expect([parked.status, onAccount.status, closedShort.status, closed.status]).toEqual([
    200, 200, 422, 200,
  ])
})

test('a sale paid in full shows its payments, by name, and nothing left to pay', async () => {
  const s = await setting()

  const recorded = await sim.send<{ register_sale: Record<string, unknown> & { id: string } }>(
    'POST',
    '/api/register_sales',
    sale(s, 'CLOSED', [
      { retailer_payment_type_id: s.ecom, amount: 20, payment_date: '2026-03-02 10:15:00' },
      { retailer_payment_type_id: s.card, amount: '6.13' },
    ]),
  )
  const read = await sim.get<{ data: Record<string, unknown> }>(
    `/api/2.0/sales/${recorded.body.register_sale.id}`,
  )

  expect(recorded.body.register_sale).toMatchObject({
    totals: { total_price: 24, total_tax: 2.13, total_payment: 26.13, total_to_pay: 0 },
    register_sale_payments: [
      { retailer_payment_type_id: s.ecom, name: 'eCom', amount: 20, register_id: s.register },
      { retailer_payment_type_id: s.card, name: 'Credit Card', amount: 6.13 },
    ],
  })
  expect(read.body.data).toMatchObject({
    total_price: 24,
    total_tax: 2.13,
    payments: [
      {
        retailer_payment_type_id: s.ecom,
        payment_type_id: '7',
        name: 'eCom',
        amount: 20,
        payment_date: '2026-03-02T10:15:00+00:00',
        register_id: s.register,
      },
      { retailer_payment_type_id: s.card, name: 'Credit Card', amount: 6.13 },
    ],
  })
})

test('refuses a payment without a payment type, or of one the store does not have', async () => {
  const s = await setting()
  await sim.send('PUT', '/_sim/payment_types', { payment_types: [{ name: 'Cash' }] })

  const noType = await sim.send(
    'POST',
    '/api/register_sales',
    sale(s, 'CLOSED', [{ amount: 26.13 }]),
  )
  const deleted = await sim.send(
    'POST',
    '/api/register_sales',
    sale(s, 'CLOSED', [{ retailer_payment_type_id: s.ecom, amount: 26.13 }]),
  )

  expect(noType).toEqual({
    status: 422,
    body: { error: 'register_sale_payments[0].retailer_payment_type_id: is required' },
  })
  expect(deleted).toEqual({
    status: 422,
    body: {
      error: `register_sale_payments[0].retailer_payment_type_id: payment type ${s.ecom} not found`,
    },
  })
})
