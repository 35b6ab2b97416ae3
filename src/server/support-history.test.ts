/**
 * Support reads a product's whole story, not only its uploads' latest outcomes: each change from
 * Retail POS written to eCom (and why one could not be), the product's deletion in Retail POS, and
 * the failures a retry replaced, each with what the other system answered.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { SupportEvent, SupportSearch } from '../contracts/api'
import { pendingWork } from './store/sync-store'
import { startTestWorld, type TestWorld } from './testing/test-world'

let world: TestWorld
let cookie: string
let outlet: string

beforeAll(async () => {
  world = await startTestWorld()
  cookie = await world.openSession()
  outlet =
    (await world.posApi<{ data: { id: string }[] }>('GET', '/api/2.0/outlets')).data[0]?.id ?? ''
})
afterAll(async () => world?.stop())

async function posProduct(name: string, sku: string) {
  const [id = ''] = (
    await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name,
      sku,
      price_excluding_tax: 10,
      inventory: [{ outlet_id: outlet, current_amount: 5 }],
    })
  ).data

  return id
}

async function uploadOne(id: string) {
  return world.upload(cookie, {
    direction: 'pos-to-ecom',
    selection: { kind: 'ids', ids: [id] },
  })
}

/** Switches a fault on at the eCom simulator; returns how often it has fired so far. */
async function fault(spec: object) {
  const res = await fetch(`${world.ecomUrl}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  })
  expect(res.ok).toBe(true)
  const { id } = (await res.json()) as { id: string }

  return async () => {
    const list = await fetch(`${world.ecomUrl}/_sim/faults`)
    const { items } = (await list.json()) as { items: { id: string; fired: number }[] }

    return items.find((rule) => rule.id === id)?.fired ?? 0
  }
}

async function hint(id: string) {
  const p = (
    await world.posApi<{ data: { id: string; name: string; sku: string; is_active: boolean } }>(
      'GET',
      `/api/2.0/products/${id}`,
    )
  ).data
  const res = await world.postPosWebhook('product.update', {
    id: p.id,
    name: p.name,
    sku: p.sku,
    active: p.is_active,
    variant_parent_id: '',
  })
  expect(res.statusCode).toBe(200)
}

async function settled() {
  await expect
    .poll(() => pendingWork(world.ctx.db), { timeout: 10_000, interval: 50 })
    .toEqual({ deliveries: 0, links: 0 })
}

async function supportOf(sku: string) {
  const res = await world.app.inject({
    method: 'GET',
    url: `/api/support/products?q=${encodeURIComponent(sku)}`,
    headers: { cookie },
  })
  expect(res.statusCode).toBe(200)
  const [product] = res.json<SupportSearch>().items
  if (!product) throw new Error(`support finds no ${sku}`)

  return product
}

const brief = (e: SupportEvent) => ({ origin: e.origin, outcome: e.outcome, summary: e.summary })

test('a change from Retail POS written to eCom is in the product’s history, in words', async () => {
  const id = await posProduct('History Mug', 'HIST-1')
  await uploadOne(id)
  await world.ongoing.catchUpNow()
  await settled()

  await world.posApi('PUT', `/api/2.1/products/${id}`, {
    details: { price_excluding_tax: 14, inventory: [{ outlet_id: outlet, current_amount: 3 }] },
  })
  await hint(id)
  await settled()

  const product = await supportOf('HIST-1')

  expect(product.events.map(brief)).toEqual([
    {
      origin: 'pos-change',
      outcome: 'done',
      summary: 'Written to eCom after a change in Retail POS: price 14, stock 3.',
    },
  ])
})

test('a change eCom refuses is in the history once, with eCom’s answer, however often it is retried', async () => {
  const id = await posProduct('Refused Lamp', 'HIST-2')
  await uploadOne(id)
  await world.ongoing.catchUpNow()
  await settled()
  const fired = await fault({
    method: 'PUT',
    path: '^/api/v3/\\d+/products/\\d+$',
    kind: 'status',
    status: 400,
    body: { errorMessage: 'Price is too big', errorCode: 'INVALID_PRICE' },
    times: 2,
  })

  await world.posApi('PUT', `/api/2.1/products/${id}`, { details: { price_excluding_tax: 99 } })
  await hint(id)
  await expect.poll(fired, { timeout: 10_000 }).toBe(1)
  await expect
    .poll(async () => (await supportOf('HIST-2')).link?.state, { timeout: 10_000 })
    .toBe('failed')
  // A new hint tries again at once, and meets the same refusal.
  await hint(id)
  await expect.poll(fired, { timeout: 10_000 }).toBe(2)
  await hint(id)
  await expect
    .poll(async () => (await supportOf('HIST-2')).link?.state, { timeout: 10_000 })
    .toBe('synced')

  const events = (await supportOf('HIST-2')).events

  expect(events.map(brief)).toEqual([
    {
      origin: 'pos-change',
      outcome: 'done',
      summary: 'Written to eCom after a change in Retail POS: price 99.',
    },
    {
      origin: 'pos-change',
      outcome: 'failed',
      summary: expect.stringMatching(/^eCom did not take the update: /),
    },
  ])
  expect(events[1]?.detail).toMatch(/INVALID_PRICE/)
})

test('a product deleted in Retail POS says so in its history', async () => {
  const id = await posProduct('Gone Vase', 'HIST-3')
  await uploadOne(id)
  await world.ongoing.catchUpNow()
  await settled()

  await world.posApi('DELETE', `/api/2.0/products/${id}`)
  await hint(id)
  await expect
    .poll(async () => (await supportOf('HIST-3')).link?.state, { timeout: 10_000 })
    .toBe('deleted_in_pos')
  // Another hint about the deleted product adds nothing to its history.
  await hint(id)
  await settled()

  expect((await supportOf('HIST-3')).events.map(brief)).toEqual([
    {
      origin: 'pos-change',
      outcome: 'notice',
      summary: 'Deleted in Retail POS. The eCom product stays for sale online as it is.',
    },
  ])
})

test('a retried item keeps its earlier failure, with eCom’s answer, beside its new outcome', async () => {
  const id = await posProduct('Retried Bowl', 'HIST-4')
  await fault({
    method: 'POST',
    path: '^/api/v3/\\d+/products$',
    kind: 'status',
    status: 400,
    body: { errorMessage: 'Temporarily refused', errorCode: 'SOMETHING_ODD' },
    times: 1,
  })
  const run = await uploadOne(id)
  expect(run.counts).toMatchObject({ failed: 1 })

  const retried = await world.app.inject({
    method: 'POST',
    url: `/api/runs/${run.id}/retry`,
    headers: { cookie },
    payload: {},
  })
  expect(retried.statusCode).toBe(200)
  const after = await world.waitForRun(cookie, run.id)
  expect(after.counts).toMatchObject({ created: 1, failed: 0 })

  const product = await supportOf('HIST-4')

  expect(product.history.map((item) => item.status)).toEqual(['created'])
  expect(product.events).toEqual([
    expect.objectContaining({
      origin: 'earlier-attempt',
      runId: run.id,
      outcome: 'failed',
      detail: expect.stringMatching(/SOMETHING_ODD/),
    }),
  ])
})
