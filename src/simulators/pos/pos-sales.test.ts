import Big from 'big.js'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { startTestReceiver, type TestReceiver } from '../shared/test-receiver'
import { openSimulator, tempDataFile, type TestSimulator } from './pos-test-helpers'
import { hasXSeriesSpec, specValidator } from './pos-spec-validator'

let sim: TestSimulator
let receiver: TestReceiver | undefined
let cleanup: () => void

interface Inventory {
  id: string
  outlet_id: string
  inventory_level: number
}

beforeEach(() => {
  const temp = tempDataFile()
  cleanup = temp.cleanup
  sim = openSimulator({ dataFile: temp.file, seed: 'none', webhookTimeScale: 0.001 })
})

afterEach(async () => {
  await sim.close()
  await receiver?.close()
  receiver = undefined
  cleanup()
})

async function setting() {
  await sim.send('PUT', '/_sim/outlets', { outlets: [{ name: 'Main' }, { name: 'Harbor' }] })
  const outlets = (await sim.get<{ data: { id: string }[] }>('/api/2.0/outlets')).body.data
  const registers = (
    await sim.get<{ data: { id: string; outlet_id: string }[] }>('/api/2.0/registers')
  ).body.data
  const user = (await sim.get<{ data: { id: string } }>('/api/2.0/user')).body.data
  const [main, harbor] = outlets.map((o) => o.id)
  const created = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
    name: 'Trail Mug',
    sku: 'MUG-1',
    price_excluding_tax: 12,
    inventory: [
      { outlet_id: main, current_amount: 10 },
      { outlet_id: harbor, current_amount: 5 },
    ],
  })
  const register = registers.find((r) => r.outlet_id === harbor)
  const types = (await sim.get<{ data: { id: string; name: string }[] }>('/api/2.0/payment_types'))
    .body.data
  cash = types.find((t) => t.name === 'Cash')!.id

  return { main, harbor, register: register!.id, user: user.id, productId: created.body.data[0]! }
}

let cash = ''

async function stockOf(productId: string) {
  const { body } = await sim.get<{ data: Inventory[] }>(`/api/2.0/products/${productId}/inventory`)

  return Object.fromEntries(body.data.map((r) => [r.outlet_id, r.inventory_level]))
}

const paid = (quantity: number) => Number(new Big('13.07').times(quantity).toFixed())

/** A sale of `quantity` at 12 + 1.07 tax; a completed one paid in full in cash. */
function sale(register: string, user: string, productId: string, status: string, quantity = 2) {
  const isClosed = status.endsWith('CLOSED')

  return {
    register_id: register,
    user_id: user,
    status,
    register_sale_products: [{ product_id: productId, quantity, price: 12, tax: 1.07 }],
    ...(isClosed
      ? { register_sale_payments: [{ retailer_payment_type_id: cash, amount: paid(quantity) }] }
      : {}),
  }
}

test('a completed sale takes the items from its register outlet and fires sale.update and inventory.update', async () => {
  const { main, harbor, register, user, productId } = await setting()
  receiver = await startTestReceiver()
  for (const type of ['sale.update', 'inventory.update']) {
    await sim.send('POST', '/api/2.0/webhooks', {
      url: `${receiver.url}?t=${type}`,
      active: true,
      type,
    })
  }

  const recorded = await sim.send<{ register_sale: Record<string, unknown> }>(
    'POST',
    '/api/register_sales',
    sale(register, user, productId, 'CLOSED'),
  )
  const requests = await receiver.waitFor(2)
  const byType = Object.fromEntries(
    requests.map((r) => [r.url.split('t=')[1], Object.fromEntries(new URLSearchParams(r.body))]),
  )

  expect(recorded.status).toBe(200)
  expect(recorded.body.register_sale).toMatchObject({
    register_id: register,
    status: 'CLOSED',
    total_price: 24,
    total_tax: 2.14,
    invoice_number: '1',
    register_sale_products: [{ product_id: productId, quantity: 2, price: 12, sku: 'MUG-1' }],
  })
  expect(await stockOf(productId)).toEqual({ [main!]: 10, [harbor!]: 3 })
  expect(JSON.parse(byType['inventory.update']!.payload!)).toMatchObject({
    product_id: productId,
    outlet_id: harbor,
    count: 3,
  })
  expect(JSON.parse(byType['sale.update']!.payload!)).toMatchObject({
    id: recorded.body.register_sale.id,
    status: 'CLOSED',
  })
})

test('a parked sale takes nothing until it is completed, and voiding it gives the items back', async () => {
  const { harbor, register, user, productId } = await setting()

  const parked = await sim.send<{ register_sale: { id: string } }>(
    'POST',
    '/api/register_sales',
    sale(register, user, productId, 'SAVED'),
  )
  const whileParked = await stockOf(productId)
  const id = parked.body.register_sale.id
  await sim.send('POST', '/api/register_sales', {
    id,
    ...sale(register, user, productId, 'CLOSED', 3),
  })
  const completed = await stockOf(productId)
  await sim.send('POST', '/api/register_sales', {
    id,
    ...sale(register, user, productId, 'VOIDED', 3),
  })
  const voided = await stockOf(productId)

  expect(whileParked[harbor!]).toBe(5)
  expect(completed[harbor!]).toBe(2)
  expect(voided[harbor!]).toBe(5)
})

test('a returned item (negative quantity) goes back into stock', async () => {
  const { harbor, register, user, productId } = await setting()

  await sim.send('POST', '/api/register_sales', sale(register, user, productId, 'CLOSED', -1))

  expect((await stockOf(productId))[harbor!]).toBe(6)
})

test('lists sales over the version cursor and reads one, in the 2.0 shape', async () => {
  const { register, user, productId } = await setting()
  const first = await sim.send<{ register_sale: { id: string } }>(
    'POST',
    '/api/register_sales',
    sale(register, user, productId, 'CLOSED'),
  )
  await sim.send('POST', '/api/register_sales', sale(register, user, productId, 'CLOSED', 1))

  const all = await sim.get<{ data: { id: string }[]; version: { max: number } }>('/api/2.0/sales')
  const none = await sim.get<{ data: unknown[] }>(`/api/2.0/sales?after=${all.body.version.max}`)
  const one = await sim.get<{ data: Record<string, unknown> }>(
    `/api/2.0/sales/${first.body.register_sale.id}`,
  )

  expect(all.body.data).toHaveLength(2)
  expect(none.body.data).toEqual([])
  expect(one.body.data).toMatchObject({
    register_id: register,
    total_price: 24,
    line_items: [{ product_id: productId, quantity: 2, price_total: 24, is_return: false }],
  })
  if (hasXSeriesSpec) {
    const check = specValidator()
    expect(check('SaleCollection', all.body)).toEqual([])
    expect(check('SaleResponse', one.body)).toEqual([])
  }
})

test('refuses a sale on an unknown register, by an unknown user, or of an unknown product', async () => {
  const { register, user, productId } = await setting()

  const noRegister = await sim.send(
    'POST',
    '/api/register_sales',
    sale('nope', user, productId, 'CLOSED'),
  )
  const noUser = await sim.send(
    'POST',
    '/api/register_sales',
    sale(register, 'nope', productId, 'CLOSED'),
  )
  const noProduct = await sim.send(
    'POST',
    '/api/register_sales',
    sale(register, user, 'nope', 'CLOSED'),
  )
  const noStatus = await sim.send('POST', '/api/register_sales', {
    register_id: register,
    user_id: user,
  })

  expect([noRegister.status, noUser.status, noProduct.status, noStatus.status]).toEqual([
    422, 422, 422, 422,
  ])
  expect(noProduct.body).toEqual({
    error: 'register_sale_products[0].product_id: product nope not found',
  })
})

test('a composite sold takes its components', async () => {
  const { harbor, register, user, productId } = await setting()
  const bundle = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
    name: 'Mug Pair',
    sku: 'MUG-PAIR',
    price_excluding_tax: 20,
    composite: [{ product_id: productId, quantity: 2 }],
  })

  await sim.send(
    'POST',
    '/api/register_sales',
    sale(register, user, bundle.body.data[0]!, 'CLOSED', 1),
  )

  expect((await stockOf(productId))[harbor!]).toBe(3)
})

interface SaleView {
  id: string
  status: string
  payments?: { retailer_payment_type_id: string; name: string; amount: number }[]
  return_for: string | null
  invoice_number: string
  line_items: { id: string; product_id: string; quantity: number; price: number; tax: number }[]
}

test('a completed sale is returned as a parked return that puts the items back once completed and refunded', async () => {
  const { harbor, register, user, productId } = await setting()
  const sold = await sim.send<{ register_sale: { id: string } }>(
    'POST',
    '/api/register_sales',
    sale(register, user, productId, 'CLOSED', 2),
  )
  const saleId = sold.body.register_sale.id

  const started = await sim.send<{ data: SaleView }>(
    'PUT',
    `/api/2.0/sales/${saleId}/actions/return`,
  )
  const whileParked = await stockOf(productId)
  const ret = started.body.data
  const completion = {
    id: ret.id,
    register_id: register,
    user_id: user,
    status: 'CLOSED',
    register_sale_products: ret.line_items.map((line) => ({
      id: line.id,
      product_id: line.product_id,
      quantity: line.quantity,
      price: line.price,
      tax: line.tax,
    })),
  }
  const unrefunded = await sim.send('POST', '/api/register_sales', completion)
  const completed = await sim.send<{ register_sale: { status: string } }>(
    'POST',
    '/api/register_sales',
    { ...completion, register_sale_payments: [{ retailer_payment_type_id: cash, amount: -26.14 }] },
  )
  const listed = await sim.get<{ data: SaleView[] }>('/api/2.0/sales')

  expect(started.status).toBe(200)
  expect(ret).toMatchObject({
    status: 'SAVED',
    return_for: saleId,
    invoice_number: '2',
    line_items: [{ product_id: productId, quantity: -2, price: 12, tax: 1.07 }],
  })
  expect(whileParked[harbor!]).toBe(3)
  expect(unrefunded).toEqual({
    status: 422,
    body: {
      error:
        'register_sale_payments: a CLOSED sale must be paid in full: its total is -26.14, its payments add up to 0 (-26.14 to pay)',
    },
  })
  expect(completed.body.register_sale.status).toBe('CLOSED')
  expect((await stockOf(productId))[harbor!]).toBe(5)
  expect(listed.body.data.find((s) => s.id === ret.id)).toMatchObject({
    status: 'CLOSED',
    return_for: saleId,
    payments: [{ retailer_payment_type_id: cash, name: 'Cash', amount: -26.14 }],
  })
  if (hasXSeriesSpec) expect(specValidator()('SaleResponse', started.body)).toEqual([])
})

test('only a completed sale can be returned', async () => {
  const { register, user, productId } = await setting()
  const parked = await sim.send<{ register_sale: { id: string } }>(
    'POST',
    '/api/register_sales',
    sale(register, user, productId, 'SAVED'),
  )

  const ofParked = await sim.send(
    'PUT',
    `/api/2.0/sales/${parked.body.register_sale.id}/actions/return`,
  )
  const ofNothing = await sim.send('PUT', '/api/2.0/sales/nope/actions/return')

  expect([ofParked.status, ofNothing.status]).toEqual([422, 404])
  expect(ofParked.body).toEqual({
    error: `sale ${parked.body.register_sale.id} is SAVED: only a CLOSED, ONACCOUNT_CLOSED or LAYBY_CLOSED sale can be returned`,
  })
})
