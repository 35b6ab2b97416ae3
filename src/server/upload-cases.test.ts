/**
 * Faults real syncs shipped (../shared/cases/CASES.md), run against the simulators: the run must
 * end with every product on the target exactly once.
 */
import { afterEach, beforeEach, expect, test } from 'vitest'
import { POS_TOKEN, startTestWorld, type TestWorld } from './testing/test-world'

let world: TestWorld
let cookie: string

beforeEach(async () => {
  world = await startTestWorld({ env: { UPSTREAM_TIMEOUT_MS: '1500' } })
  cookie = await world.openSession()
})
afterEach(async () => world?.stop())

interface EcomProducts {
  total: number
  items: { id: number; sku?: string; name: string }[]
}

async function addPosProducts(count: number, prefix = 'P') {
  for (let i = 1; i <= count; i++) {
    await world.posApi('POST', '/api/2.0/products', {
      name: `${prefix} product ${i}`,
      sku: `${prefix}-${String(i).padStart(3, '0')}`,
      price_excluding_tax: 10 + i / 100,
    })
  }
}

async function allEcomSkus() {
  const skus: string[] = []
  for (let offset = 0; ; offset += 100) {
    const page = await world.ecomApi<EcomProducts>('GET', `/products?limit=100&offset=${offset}`)
    skus.push(...page.items.map((p) => p.sku ?? ''))
    if (offset + 100 >= page.total) return skus.sort()
  }
}

async function fault(spec: object) {
  const res = await fetch(`${world.ecomUrl}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  })
  expect(res.ok).toBe(true)
}

test('C1: eCom answers 429 after 30 creates; the upload waits as Retry-After says and ends with 60 products, none twice', async () => {
  await addPosProducts(60)
  await fault({
    method: 'POST',
    path: '/api/v3/1003/products',
    kind: 'status',
    status: 429,
    retryAfter: 2,
    afterCount: 30,
    times: 3,
  })

  const started = Date.now()
  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  const skus = await allEcomSkus()

  expect(run).toMatchObject({ status: 'completed', counts: { total: 60, created: 60, failed: 0 } })
  expect(run.seen).toContain('waiting')
  expect(skus).toHaveLength(60)
  expect(new Set(skus).size).toBe(60)
  expect(Date.now() - started).toBeGreaterThanOrEqual(2000)
})

test('C2: a create that succeeds but never answers is looked up by SKU, not created again', async () => {
  await addPosProducts(3)
  await fault({ method: 'POST', path: '/api/v3/1003/products', kind: 'hang', times: 1 })

  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  const skus = await allEcomSkus()

  expect(run.counts).toMatchObject({ total: 3, created: 3, failed: 0 })
  expect(skus).toEqual(['P-001', 'P-002', 'P-003'])
})

test('C3: a blank SKU never links: the product is created, and an unrelated eCom product without SKU is untouched', async () => {
  const unrelated = await world.ecomApi<{ id: number }>('POST', '/products', {
    name: 'Unrelated',
    price: 1,
  })
  const before = await world.ecomApi<{ sku: string; name: string }>(
    'GET',
    `/products/${unrelated.id}`,
  )
  await world.posApi('POST', '/api/2.0/products', {
    name: 'No SKU mug',
    sku: '',
    price_excluding_tax: 5,
  })

  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  const [item] = await world.items(cookie, run.id)
  const after = await world.ecomApi<{ sku: string; name: string }>(
    'GET',
    `/products/${unrelated.id}`,
  )
  const all = await world.ecomApi<EcomProducts>('GET', '/products?limit=100')

  expect(item?.status).toBe('created')
  expect(item?.targetId).not.toBe(String(unrelated.id))
  expect(after).toEqual(before)
  expect(all.total).toBe(2)
})

test('C6: a stale link to a deleted eCom product is matched again once; the others go on', async () => {
  await addPosProducts(25)
  const first = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  const [stale] = (
    await world.ecomApi<EcomProducts>('GET', '/products?limit=1&sortBy=ADDED_TIME_ASC')
  ).items
  await world.ecomApi('DELETE', `/products/${stale?.id}`)

  const second = await world.upload(cookie, {
    direction: 'pos-to-ecom',
    selection: { kind: 'all' },
  })
  const skus = await allEcomSkus()

  expect(first.counts).toMatchObject({ created: 25 })
  expect(second).toMatchObject({
    status: 'completed',
    counts: { total: 25, created: 1, linked: 24, failed: 0 },
  })
  expect(skus).toHaveLength(25)
  expect(new Set(skus).size).toBe(25)
})

test('eCom to Retail POS: products with variations arrive with their options, SKUs, prices and stock; a shared-SKU product is refused', async () => {
  await world.ecomApi('POST', '/products', {
    name: 'Canvas Tote',
    sku: 'TOTE-1',
    price: 18.5,
    quantity: 4,
  })
  await world.ecomApi('POST', '/products', {
    name: 'Rain Jacket',
    sku: 'JACKET',
    price: 80,
    options: [
      { type: 'SELECT', name: 'Size', choices: [{ text: 'S' }, { text: 'M' }], required: true },
    ],
    combinations: [
      { sku: 'JACKET-S', options: [{ name: 'Size', value: 'S' }], price: 80, quantity: 2 },
      { sku: 'JACKET-M', options: [{ name: 'Size', value: 'M' }], price: 82, quantity: 5 },
    ],
  })
  await world.ecomApi('POST', '/products', {
    name: 'Plain Tee',
    sku: 'TEE',
    price: 10,
    options: [
      { type: 'SELECT', name: 'Size', choices: [{ text: 'S' }, { text: 'M' }], required: true },
    ],
    combinations: [
      { options: [{ name: 'Size', value: 'S' }] },
      { options: [{ name: 'Size', value: 'M' }] },
    ],
  })

  const run = await world.upload(cookie, { direction: 'ecom-to-pos', selection: { kind: 'all' } })
  const items = await world.items(cookie, run.id)
  const pos = await world.posApi<{
    data: {
      sku: string
      name: string
      price_excluding_tax: number
      variant_options?: { name: string; value: string }[]
    }[]
  }>('GET', '/api/2.0/products?page_size=100')
  const bySku = new Map(pos.data.map((p) => [p.sku, p]))

  expect(run.counts).toMatchObject({ total: 3, created: 2, refused: 1 })
  expect(items.find((i) => i.name === 'Plain Tee')?.reasons.join(' ')).toContain(
    'each variant needs its own unique SKU',
  )
  expect(bySku.get('TOTE-1')).toMatchObject({ name: 'Canvas Tote', price_excluding_tax: 18.5 })
  expect(bySku.get('JACKET-M')).toMatchObject({
    name: 'Rain Jacket',
    price_excluding_tax: 82,
    variant_options: [{ name: 'Size', value: 'M' }],
  })
  expect(bySku.has('TEE')).toBe(false)
})

async function posFault(spec: object) {
  const res = await fetch(`${world.posUrl}/_sim/faults`, {
    method: 'POST',
    // The Retail POS simulator's control routes take its token, like its API.
    headers: { 'content-type': 'application/json', authorization: `Bearer ${POS_TOKEN}` },
    body: JSON.stringify(spec),
  })
  expect(res.ok).toBe(true)
}

test('eCom to Retail POS: a 500 on a create fails the product in plain words, the status kept for support; its retry links or creates it once', async () => {
  await world.ecomApi('POST', '/products', { name: 'Canvas Tote', sku: 'TOTE-1', price: 18.5 })
  await posFault({
    method: 'POST',
    path: '/api/2.0/products',
    kind: 'status',
    status: 500,
    times: 1,
  })

  const run = await world.upload(cookie, { direction: 'ecom-to-pos', selection: { kind: 'all' } })
  const [item] = await world.items(cookie, run.id)

  expect(run.counts).toMatchObject({ total: 1, failed: 1 })
  expect(item?.reasons).toEqual([
    'Retail POS had a problem saving this product. Retry it; if it was saved after all, the retry links it instead of creating it twice.',
  ])
  const stored = await world.ctx.db
    .selectFrom('run_items')
    .select('detail')
    .where('run_id', '=', run.id)
    .executeTakeFirstOrThrow()
  expect(JSON.parse(stored.detail ?? '{}')).toMatchObject({ system: 'pos', status: 500 })

  const retried = await world.app.inject({
    method: 'POST',
    url: `/api/runs/${run.id}/retry`,
    headers: { cookie },
  })
  expect(retried.statusCode).toBe(200)
  const after = await world.waitForRun(cookie, run.id)
  const pos = await world.posApi<{ data: { sku: string }[] }>(
    'GET',
    '/api/2.0/products?page_size=100',
  )

  expect(after.counts).toMatchObject({ total: 1, created: 1, failed: 0 })
  expect(pos.data.filter((p) => p.sku === 'TOTE-1')).toHaveLength(1)
})
