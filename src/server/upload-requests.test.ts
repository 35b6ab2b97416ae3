/**
 * How many requests an upload costs, and that the savings keep cases C1 and C2: a big upload
 * reads eCom's SKUs once and sends its creates in batches, yet links what exists and creates
 * nothing twice when a batch is refused or never answered.
 */
import { pino } from 'pino'
import { afterEach, expect, test, vi } from 'vitest'

import { STORE_ID, startTestWorld, type TestWorld } from './testing/test-world'

let world: TestWorld | null = null
let cookie: string

/** A world whose uploads batch 50 products; a short timeout only where a test needs one. */
async function open(timeoutMs = 10_000, options: Parameters<typeof startTestWorld>[0] = {}) {
  world = await startTestWorld({
    ...options,
    env: { UPSTREAM_TIMEOUT_MS: String(timeoutMs), UPLOAD_BATCH_SIZE: '50', ...options.env },
  })
  cookie = await world.openSession()

  return world
}

afterEach(async () => {
  await world?.stop()
  world = null
})

interface EcomProducts {
  total: number
  items: { id: number; sku?: string; media?: { images?: unknown[] } }[]
}

async function addPosProducts(w: TestWorld, count: number) {
  for (let i = 1; i <= count; i++) {
    await w.posApi('POST', '/api/2.0/products', {
      name: `Product ${i}`,
      sku: `P-${String(i).padStart(3, '0')}`,
      price_excluding_tax: 10 + i / 100,
      images: [{ type: 'url', location: `https://img.test/p-${i}.jpg` }],
    })
  }
}

async function allEcomProducts(w: TestWorld) {
  const items: EcomProducts['items'] = []
  for (let offset = 0; ; offset += 100) {
    const page = await w.ecomApi<EcomProducts>('GET', `/products?limit=100&offset=${offset}`)
    items.push(...page.items)
    if (offset + 100 >= page.total) return items
  }
}

async function fault(w: TestWorld, spec: object) {
  const res = await fetch(`${w.ecomUrl}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  })
  expect(res.ok).toBe(true)
}

test('a big upload looks no product up on its own, yet links the one eCom already has by SKU', async () => {
  const world = await open()
  await addPosProducts(world, 120)
  const existing = await world.ecomApi<{ id: number }>('POST', '/products', {
    name: 'Made on eCom',
    sku: 'P-007',
    price: 1,
  })
  const ecom = await world.ctx.connections.ecom(STORE_ID)
  const lookups = vi.spyOn(ecom, 'findProductsBySku')
  const reads = vi.spyOn(ecom, 'getProduct')
  const before = ecom.stats().requests

  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  const sent = ecom.stats().requests - before
  const linked = await world.app.inject({
    method: 'GET',
    url: `/api/runs/${run.id}/items?status=linked`,
    headers: { cookie },
  })
  const products = await allEcomProducts(world)
  const skus = products.map((p) => p.sku)

  expect(run).toMatchObject({
    status: 'completed',
    counts: { total: 120, created: 119, linked: 1 },
  })
  expect(linked.json()).toMatchObject({
    total: 1,
    items: [{ sku: 'P-007', status: 'linked', targetId: String(existing.id) }],
  })
  expect(lookups).not.toHaveBeenCalled()
  expect(reads).not.toHaveBeenCalled()
  // One request per write would be at least 2 per product here (a create and an image).
  expect(sent / 120).toBeLessThan(1)
  expect(new Set(skus).size).toBe(120)
  expect(products.filter((p) => p.media?.images?.length === 1)).toHaveLength(119)
})

test('a batch refused with 429 waits as Retry-After says and is sent again, creating each product once', async () => {
  const world = await open()
  await addPosProducts(world, 60)
  await fault(world, {
    method: 'POST',
    path: '/api/v3/1003/batch',
    kind: 'status',
    status: 429,
    retryAfter: 1,
    times: 1,
  })

  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  const skus = (await allEcomProducts(world)).map((p) => p.sku)

  expect(run).toMatchObject({ status: 'completed', counts: { total: 60, created: 60, failed: 0 } })
  expect(run.seen).toContain('waiting')
  expect(skus).toHaveLength(60)
  expect(new Set(skus).size).toBe(60)
})

test('a batch that eCom ran but never confirmed is settled by SKU: every product once, none failed', async () => {
  const world = await open(1500)
  await addPosProducts(world, 60)
  await fault(world, { method: 'POST', path: '/api/v3/1003/batch', kind: 'hang', times: 1 })

  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  const skus = (await allEcomProducts(world)).map((p) => p.sku)

  expect(run).toMatchObject({ status: 'completed', counts: { total: 60, created: 60, failed: 0 } })
  expect(skus).toHaveLength(60)
  expect(new Set(skus).size).toBe(60)
})

test('one worker waiting on slow batches keeps every item it works: none is reported lost, each product is made once', async () => {
  // The worker's warnings, as its log would show them.
  const warnings: string[] = []
  const logger = pino(
    { level: 'warn' },
    { write: (line: string) => void warnings.push((JSON.parse(line) as { msg: string }).msg) },
  )
  // A lease of 600 ms, renewed every 200 ms, while each batch answers a second late: creates
  // first, then the images and variant reads of the products just made.
  const world = await open(10_000, { env: { WORKER_LEASE_MS: '600' }, logger })
  await addPosProducts(world, 60)
  await fault(world, { path: '/api/v3/1003/batch', kind: 'slow', delayMs: 1000 })

  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  const products = await allEcomProducts(world)

  expect(run).toMatchObject({ status: 'completed', counts: { total: 60, created: 60, failed: 0 } })
  expect(products).toHaveLength(60)
  expect(new Set(products.map((p) => p.sku)).size).toBe(60)
  expect(products.filter((p) => p.media?.images?.length === 1)).toHaveLength(60)
  expect(warnings.filter((w) => /lease lost|taken over/.test(w))).toEqual([])
})

test('eCom to Retail POS matches SKUs in the local index and reads nothing back for a standard product', async () => {
  const world = await open()
  await world.posApi('POST', '/api/2.0/products', {
    name: 'Already in the shop',
    sku: 'MUG-1',
    price_excluding_tax: 4,
  })
  for (const [name, sku] of [
    ['Mug', 'MUG-1'],
    ['Tote', 'TOTE-1'],
    ['Cap', 'CAP-1'],
  ] as const) {
    await world.ecomApi('POST', '/products', { name, sku, price: 5, quantity: 2 })
  }
  const pos = await world.ctx.connections.pos(STORE_ID)
  const lookups = vi.spyOn(pos, 'findProductsBySku')
  const reads = vi.spyOn(pos, 'getProduct')

  const run = await world.upload(cookie, { direction: 'ecom-to-pos', selection: { kind: 'all' } })
  const items = await world.items(cookie, run.id)

  expect(run.counts).toMatchObject({ total: 3, created: 2, linked: 1, failed: 0 })
  expect(items.find((i) => i.sku === 'MUG-1')?.status).toBe('linked')
  expect(lookups).not.toHaveBeenCalled()
  expect(reads).not.toHaveBeenCalled()
})
