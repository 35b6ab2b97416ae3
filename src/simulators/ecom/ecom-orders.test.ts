import { afterEach, expect, test } from 'vitest'
import { createTestSimulator, type TestSimulator } from './ecom-test-helpers'

let sim: TestSimulator

afterEach(async () => {
  await sim.app.close()
})

async function tentWithSizes() {
  const created = await sim.api('POST', '/products', {
    name: 'Tent',
    sku: 'T-1',
    price: 100,
    quantity: 10,
    combinations: [
      { options: [{ name: 'Size', value: 'S' }], sku: 'T-1-S', quantity: 4 },
      { options: [{ name: 'Size', value: 'L' }], sku: 'T-1-L', quantity: 6 },
    ],
  })
  const product = await sim.api('GET', `/products/${created.body.id}`)

  return product.body
}

test('a paid order takes its items from the product and the variation it names', async () => {
  sim = createTestSimulator()
  const tent = await tentWithSizes()
  const small = tent.combinations[0]

  const created = await sim.api('POST', '/orders', {
    paymentStatus: 'PAID',
    email: 'buyer@example.com',
    items: [
      { productId: tent.id, sku: 'T-1', quantity: 2, price: 100 },
      { productId: tent.id, combinationId: small.id, sku: 'T-1-S', quantity: 1, price: 100 },
    ],
  })
  const after = await sim.api('GET', `/products/${tent.id}`)

  expect(created.status).toBe(200)
  expect(created.body).toEqual({
    id: expect.any(Number),
    orderid: expect.stringMatching(/^\w{5}$/),
  })
  expect(after.body.quantity).toBe(8)
  expect(after.body.combinations[0].quantity).toBe(3)
  expect(after.body.combinations[1].quantity).toBe(6)
})

test('an order awaiting payment takes stock when it is paid, and gives it back when cancelled', async () => {
  sim = createTestSimulator()
  const tent = await tentWithSizes()
  const { body } = await sim.api('POST', '/orders', {
    paymentStatus: 'AWAITING_PAYMENT',
    items: [{ productId: tent.id, sku: 'T-1-L', quantity: 2, price: 100 }],
  })

  const unpaid = await sim.api('GET', `/products/${tent.id}`)
  await sim.api('PUT', `/orders/${body.orderid}`, { paymentStatus: 'PAID' })
  const paid = await sim.api('GET', `/products/${tent.id}`)
  await sim.api('PUT', `/orders/${body.id}`, { paymentStatus: 'CANCELLED' })
  const cancelled = await sim.api('GET', `/products/${tent.id}`)

  expect(unpaid.body.combinations[1].quantity).toBe(6)
  expect(paid.body.combinations[1].quantity).toBe(4)
  expect(cancelled.body.combinations[1].quantity).toBe(6)
})

test('reads an order by its number or its public id, with Ecwid order fields', async () => {
  sim = createTestSimulator()
  const tent = await tentWithSizes()
  const { body } = await sim.api('POST', '/orders', {
    paymentStatus: 'PAID',
    items: [{ productId: tent.id, sku: 'T-1', quantity: 3, price: 12.5 }],
  })

  const byNumber = await sim.api('GET', `/orders/${body.id}`)
  const byPublicId = await sim.api('GET', `/orders/${body.orderid}`)
  const missing = await sim.api('GET', '/orders/NOPE1')

  expect(byPublicId.body).toEqual(byNumber.body)
  expect(byNumber.body).toMatchObject({
    id: body.orderid,
    internalId: body.id,
    orderNumber: body.id,
    paymentStatus: 'PAID',
    fulfillmentStatus: 'AWAITING_PROCESSING',
    subtotal: 37.5,
    total: 37.5,
    createDate: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$/),
    items: [{ productId: tent.id, sku: 'T-1', quantity: 3, price: 12.5, name: 'Tent' }],
  })
  expect(missing.status).toBe(404)
})

test('lists orders newest first, filtered by payment status, leaving unfinished ones out', async () => {
  sim = createTestSimulator()
  const item = { name: 'Gift card', sku: 'GIFT', quantity: 1, price: 5 }
  for (const paymentStatus of ['PAID', 'AWAITING_PAYMENT', 'INCOMPLETE', 'PAID']) {
    await sim.api('POST', '/orders', { paymentStatus, items: [item] })
  }

  const all = await sim.api('GET', '/orders')
  const paid = await sim.api('GET', '/orders?paymentStatus=PAID')
  const unfinished = await sim.api('GET', '/orders?paymentStatus=INCOMPLETE')
  const wrong = await sim.api('GET', '/orders?paymentStatus=SHIPPED')

  expect(all.body.total).toBe(3)
  expect(all.body.items[0].internalId).toBeGreaterThan(all.body.items[2].internalId)
  expect(paid.body.total).toBe(2)
  expect(unfinished.body.total).toBe(1)
  expect(wrong.status).toBe(400)
})

test('refuses an order without a payment status or an item without a quantity', async () => {
  sim = createTestSimulator()

  const noStatus = await sim.api('POST', '/orders', { items: [] })
  const noQuantity = await sim.api('POST', '/orders', {
    paymentStatus: 'PAID',
    items: [{ name: 'Tent' }],
  })

  expect(noStatus.status).toBe(400)
  expect(noQuantity.status).toBe(400)
  expect(noQuantity.body.errorCode).toBe('WRONG_PARAMETER')
})

test('deleting a paid order gives its stock back', async () => {
  sim = createTestSimulator()
  const tent = await tentWithSizes()
  const { body } = await sim.api('POST', '/orders', {
    paymentStatus: 'PAID',
    items: [{ productId: tent.id, quantity: 4, price: 100 }],
  })

  const deleted = await sim.api('DELETE', `/orders/${body.id}`)
  const after = await sim.api('GET', `/products/${tent.id}`)

  expect(deleted.body).toEqual({ deleteCount: 1 })
  expect(after.body.quantity).toBe(10)
})
