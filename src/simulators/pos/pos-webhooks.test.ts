import { afterEach, expect, test } from 'vitest'
import { startTestReceiver, type TestReceiver } from '../shared/test-receiver'
import type { PosSimulatorOptions } from './pos-simulator'
import { openSimulator, tempDataFile, type TestSimulator } from './pos-test-helpers'

let sim: TestSimulator | undefined
let receiver: TestReceiver | undefined
let cleanup = () => {}

afterEach(async () => {
  await sim?.close()
  await receiver?.close()
  receiver = undefined
  cleanup()
})

function open(options: Partial<PosSimulatorOptions> = {}) {
  const temp = tempDataFile()
  cleanup = temp.cleanup
  sim = openSimulator({ dataFile: temp.file, webhookTimeScale: 0.001, ...options })

  return sim
}

async function subscribe(type: string, url: string, active = true) {
  return sim!.send<{ data: Record<string, unknown> }>('POST', '/api/2.0/webhooks', {
    url,
    active,
    type,
  })
}

const formOf = (body: string) => Object.fromEntries(new URLSearchParams(body))

test('subscribes, lists, updates and deletes webhooks; the same type and URL twice is a 409', async () => {
  open()
  const retailer = (await sim!.get<{ data: { id: string } }>('/api/2.0/retailer')).body.data

  const created = await subscribe('product.update', 'https://app.test/hooks/pos')
  const duplicate = await subscribe('product.update', 'https://app.test/hooks/pos')
  const otherType = await subscribe('inventory.update', 'https://app.test/hooks/pos')
  const id = String(created.body.data.id)
  const updated = await sim!.send('PUT', `/api/2.0/webhooks/${id}`, {
    url: 'https://app.test/hooks/pos',
    active: false,
    type: 'product.update',
  })
  const listed = await sim!.get<{ data: unknown[] }>('/api/2.0/webhooks')
  const deleted = await sim!.send('DELETE', `/api/2.0/webhooks/${id}`)
  const gone = await sim!.get(`/api/2.0/webhooks/${id}`)
  const badType = await subscribe('product.created', 'https://app.test/hooks/pos')

  expect(created.status).toBe(201)
  expect(created.body.data).toEqual({
    id: expect.any(String),
    retailer_id: retailer.id,
    url: 'https://app.test/hooks/pos',
    active: true,
    type: 'product.update',
  })
  expect(duplicate.status).toBe(409)
  expect(duplicate.body).toEqual({ error: expect.any(String) })
  expect(otherType.status).toBe(201)
  expect(updated.body).toMatchObject({ data: { active: false } })
  expect(listed.body.data).toHaveLength(2)
  expect(deleted.status).toBe(200)
  expect(gone.status).toBe(404)
  expect(badType.status).toBe(422)
})

test('a product created sends product.update form-encoded, its payload in the API 1.0 shape', async () => {
  open()
  receiver = await startTestReceiver()
  await subscribe('product.update', receiver.url)
  const outlets = (await sim!.get<{ data: { id: string }[] }>('/api/2.0/outlets')).body.data

  const created = await sim!.send<{ data: string[] }>('POST', '/api/2.0/products', {
    name: 'Trail Mug',
    sku: 'MUG-1',
    price_excluding_tax: 12,
    inventory: [{ outlet_id: outlets[0]!.id, current_amount: 7 }],
  })
  const [request] = await receiver.waitFor(1)
  const fields = formOf(request!.body)
  const payload = JSON.parse(fields.payload!)

  expect(request!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/)
  expect(request!.headers['x-signature']).toBeUndefined()
  expect(fields).toMatchObject({
    environment: expect.any(String),
    domain_prefix: 'demooutfitters',
    retailer_id: expect.any(String),
  })
  expect(payload).toMatchObject({
    id: created.body.data[0],
    name: 'Trail Mug',
    sku: 'MUG-1',
    handle: 'trail-mug',
    active: true,
    variant_parent_id: '',
    price: 12,
    inventory: [{ outlet_id: outlets[0]!.id, count: 7 }],
    deleted_at: null,
  })
})

test('a stock change sends inventory.update; a delete sends product.update with deleted_at', async () => {
  open()
  const outlet = (await sim!.get<{ data: { id: string }[] }>('/api/2.0/outlets')).body.data[0]!.id
  const created = await sim!.send<{ data: string[] }>('POST', '/api/2.0/products', {
    name: 'Trail Mug',
    sku: 'MUG-1',
    price_excluding_tax: 12,
  })
  const id = created.body.data[0]!
  receiver = await startTestReceiver()
  await subscribe('inventory.update', `${receiver.url}?t=inventory`)
  await subscribe('product.update', `${receiver.url}?t=product`)

  await sim!.send('PUT', `/api/2.1/products/${id}`, {
    details: { inventory: [{ outlet_id: outlet, current_amount: 4 }] },
  })
  const [stock] = await receiver.waitFor(1)
  await sim!.send('DELETE', `/api/2.0/products/${id}`)
  const [, removed] = await receiver.waitFor(2)

  expect(stock!.url).toContain('t=inventory')
  expect(JSON.parse(formOf(stock!.body).payload!)).toMatchObject({
    product_id: id,
    outlet_id: outlet,
    count: 4,
  })
  expect(removed!.url).toContain('t=product')
  expect(JSON.parse(formOf(removed!.body).payload!).deleted_at).toMatch(/^\d{4}-\d\d-\d\d /)
})

test('a delivery the receiver answers with 500 is retried until it answers 200', async () => {
  open()
  receiver = await startTestReceiver()
  receiver.answer(500, 200)
  await subscribe('product.update', receiver.url)

  await sim!.send('POST', '/api/2.0/products', { name: 'Mug', sku: 'M', price_excluding_tax: 1 })
  const [first, second] = await receiver.waitFor(2)
  await new Promise((resolve) => setTimeout(resolve, 30))
  const deliveries = await sim!.get<{ items: { status: string; attempts: unknown[] }[] }>(
    '/_sim/webhooks/deliveries',
  )

  expect(second!.body).toBe(first!.body)
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(50)
  expect(deliveries.body.items).toMatchObject([
    { status: 'delivered', attempts: [{ status: 500 }, { status: 200 }] },
  ])
})

test('sends nothing for an inactive subscription or for the seeded catalog', async () => {
  receiver = await startTestReceiver()
  open({ seed: 'none' })
  await subscribe('product.update', `${receiver.url}?inactive`, false)

  await sim!.send('POST', '/api/2.0/products', { name: 'Mug', sku: 'M', price_excluding_tax: 1 })
  await subscribe('product.update', receiver.url)
  await sim!.send('POST', '/_sim/reset', { seed: 'demo' })
  await new Promise((resolve) => setTimeout(resolve, 100))

  expect(receiver.received).toHaveLength(0)
})
