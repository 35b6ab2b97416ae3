import { createHmac } from 'node:crypto'
import { afterEach, expect, test } from 'vitest'
import { startTestReceiver, type TestReceiver } from '../shared/test-receiver'
import { TEST_CLIENT_SECRET, createTestSimulator, type TestSimulator } from './ecom-test-helpers'

let sim: TestSimulator | undefined
let receiver: TestReceiver | undefined

afterEach(async () => {
  await sim?.app.close()
  await receiver?.close()
  sim = undefined
})

/** The test's own check, written from Ecwid's description rather than shared with the code. */
function expectedSignature(body: { eventCreated: number; eventId: string }) {
  return createHmac('sha256', TEST_CLIENT_SECRET)
    .update(`${body.eventCreated}.${body.eventId}`)
    .digest('base64')
}

test('a product created through the API reaches the app signed, with its event type in the URL', async () => {
  receiver = await startTestReceiver('/api/webhooks/ecom')
  sim = createTestSimulator({ webhookUrl: receiver.url })

  const created = await sim.api('POST', '/products', { name: 'Tent', sku: 'T-1', quantity: 3 })
  const [request] = await receiver.waitFor(1)
  const body = JSON.parse(request!.body)

  expect(request!.method).toBe('POST')
  expect(request!.url).toBe('/api/webhooks/ecom?eventtype=product.created')
  expect(request!.headers['content-type']).toMatch(/^application\/json/)
  expect(body).toEqual({
    eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    eventCreated: expect.any(Number),
    storeId: 1003,
    entityId: created.body.id,
    eventType: 'product.created',
  })
  expect(request!.headers['x-ecwid-webhook-signature']).toBe(expectedSignature(body))
})

test('a webhook the app answers with 500 comes again until the app answers 200', async () => {
  receiver = await startTestReceiver()
  receiver.answer(500, 200)
  sim = createTestSimulator({ webhookUrl: receiver.url, webhookTimeScale: 0.0001 })

  await sim.api('POST', '/categories', { name: 'Tents' })
  const [first, second] = await receiver.waitFor(2)
  await new Promise((resolve) => setTimeout(resolve, 50))
  const deliveries = await sim.api('GET', '/_sim/webhooks/deliveries')

  expect(second!.body).toBe(first!.body)
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(80)
  expect(deliveries.body.items).toHaveLength(1)
  expect(deliveries.body.items[0]).toMatchObject({
    status: 'delivered',
    meta: { eventType: 'category.created', storeId: 1003 },
    attempts: [{ status: 500 }, { status: 200 }],
  })
})

test('counts 209 as delivered and 203 as a failure, as Ecwid does', async () => {
  receiver = await startTestReceiver()
  receiver.answer(203, 209)
  sim = createTestSimulator({ webhookUrl: receiver.url, webhookTimeScale: 0.0001 })

  await sim.api('POST', '/categories', { name: 'Tents' })
  await receiver.waitFor(2)
  await new Promise((resolve) => setTimeout(resolve, 50))
  const deliveries = await sim.api('GET', '/_sim/webhooks/deliveries')

  expect(deliveries.body.items[0].attempts.map((a: { status: number }) => a.status)).toEqual([
    203, 209,
  ])
  expect(deliveries.body.items[0].status).toBe('delivered')
})

test('sends nothing until a URL is set at run time, and nothing for the seeded catalog', async () => {
  receiver = await startTestReceiver()
  sim = createTestSimulator({ seed: 'demo' })

  await sim.api('POST', '/categories', { name: 'Before' })
  const set = await sim.api('PUT', '/_sim/webhook', { url: receiver.url })
  await sim.api('POST', '/categories', { name: 'After' })
  await receiver.waitFor(1)
  await new Promise((resolve) => setTimeout(resolve, 50))
  const stopped = await sim.api('PUT', '/_sim/webhook', { url: null })

  expect(set.body).toMatchObject({ url: receiver.url })
  expect(receiver.received).toHaveLength(1)
  expect(stopped.body.url).toBeNull()
})

test('refuses a webhook URL on a port Ecwid would not call', async () => {
  sim = createTestSimulator()

  const refused = await sim.api('PUT', '/_sim/webhook', { url: 'http://localhost:81/hooks' })

  expect(refused.status).toBe(400)
})

test('an order paid online sends order.created with its statuses and product.updated for the stock', async () => {
  receiver = await startTestReceiver()
  sim = createTestSimulator({ webhookUrl: receiver.url })
  const product = await sim.api('POST', '/products', { name: 'Tent', sku: 'T-1', quantity: 5 })
  await receiver.waitFor(1)

  const order = await sim.api('POST', '/orders', {
    paymentStatus: 'PAID',
    items: [{ productId: product.body.id, sku: 'T-1', quantity: 2, price: 10 }],
  })
  const requests = await receiver.waitFor(3)
  const bodies = requests.slice(1).map((r) => JSON.parse(r.body))
  const orderEvent = bodies.find((b) => b.eventType === 'order.created')
  const stockEvent = bodies.find((b) => b.eventType === 'product.updated')

  expect(orderEvent).toMatchObject({
    entityId: order.body.id,
    data: {
      orderId: order.body.orderid,
      newPaymentStatus: 'PAID',
      newFulfillmentStatus: 'AWAITING_PROCESSING',
    },
  })
  expect(stockEvent).toMatchObject({ entityId: product.body.id })
  expect(stockEvent.data).toBeUndefined()
})
