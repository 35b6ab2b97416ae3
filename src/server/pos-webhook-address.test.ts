/**
 * Retail POS signs no webhook, so each store's subscriptions point at an address made of its
 * store id and a key only the app can make; a delivery anywhere else records nothing.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { listDeliveries } from './store/webhook-store'
import { OTHER_STORE_ID, STORE_ID, startTestWorld, type TestWorld } from './testing/test-world'

interface Subscription {
  id: string
  url: string
  type: string
}

let world: TestWorld
let productId: string

beforeAll(async () => {
  world = await startTestWorld()
  const cookie = await world.openSession()
  // A subscription from an older version of the app, to its address without a key.
  await world.posApi('POST', '/api/2.0/webhooks', {
    url: `${world.ctx.config.appUrl}/api/webhooks/pos?type=product.update`,
    active: true,
    type: 'product.update',
  })
  ;[productId = ''] = (
    await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Keyed Mug',
      sku: 'KEY-1',
      price_excluding_tax: 9,
    })
  ).data
  await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  await world.ongoing.catchUpNow()
})
afterAll(async () => world?.stop())

async function subscriptions() {
  return (await world.posApi<{ data: Subscription[] }>('GET', '/api/2.0/webhooks')).data
}

function deliver(url: string) {
  return world.app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      payload: JSON.stringify({ id: productId, name: 'Keyed Mug', sku: 'KEY-1' }),
    }).toString(),
  })
}

test('the store subscribes its Retail POS to its own keyed address, and the keyless one goes', async () => {
  const subscribed = await subscriptions()
  const address = new RegExp(
    `^${world.ctx.config.appUrl}/api/webhooks/pos/${STORE_ID}/[\\w-]{43}\\?type=(product|inventory)\\.update$`,
  )

  expect(subscribed.map((s) => s.type).sort()).toEqual(['inventory.update', 'product.update'])
  for (const s of subscribed) expect(s.url).toMatch(address)
})

test('a delivery to the store’s address is recorded for that store', async () => {
  const res = await world.postPosWebhook('product.update', { id: productId, name: 'Keyed Mug' })

  expect(res.statusCode).toBe(200)
  expect(res.json()).toEqual({ received: true, recorded: true })
  expect((await listDeliveries(world.ctx.db, { source: 'pos' })).at(-1)).toMatchObject({
    store_id: STORE_ID,
    entity_id: productId,
  })
})

test('a delivery to any other address is refused and records nothing', async () => {
  const before = (await listDeliveries(world.ctx.db, { source: 'pos' })).length
  const [mine] = await subscriptions()
  const path = new URL(mine?.url ?? '').pathname
  const key = path.split('/').at(-1) ?? ''

  const answers = await Promise.all([
    deliver(`/api/webhooks/pos/${STORE_ID}/not-the-key?type=product.update`),
    deliver(`/api/webhooks/pos/${OTHER_STORE_ID}/${key}?type=product.update`),
    deliver(`/api/webhooks/pos/${STORE_ID}/${key.slice(0, -1)}?type=product.update`),
    deliver(`/api/webhooks/pos/x/${key}?type=product.update`),
  ])

  for (const res of answers) {
    expect(res.statusCode).toBe(401)
    expect(res.json()).toMatchObject({ error: { code: 'WEBHOOK_ADDRESS' } })
  }
  expect((await deliver('/api/webhooks/pos?type=product.update')).statusCode).toBe(404)
  expect(await listDeliveries(world.ctx.db, { source: 'pos' })).toHaveLength(before)
})
