import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { STORE_ID, startTestWorld, type TestWorld } from '../testing/test-world'

let world: TestWorld
let cookie: string

beforeEach(async () => {
  world = await startTestWorld({ env: { UPLOAD_CONCURRENCY: '1' } })
  cookie = await world.openSession()
})
afterEach(async () => world?.stop())

interface EcomProducts {
  total: number
  items: { id: number; sku?: string; name: string }[]
}

/** Only product creates: image uploads live under the same path. */
const ECOM_CREATE = '^/api/v3/\\d+/products$'

async function addPosProduct(name: string, sku: string, extra: object = {}) {
  const res = await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
    name,
    sku,
    price_excluding_tax: 10,
    ...extra,
  })

  return res.data[0] ?? ''
}

async function addPosProducts(count: number, prefix = 'P') {
  for (let i = 1; i <= count; i++) {
    await addPosProduct(`${prefix} product ${i}`, `${prefix}-${String(i).padStart(3, '0')}`)
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

async function clearFaults() {
  await fetch(`${world.ecomUrl}/_sim/faults`, { method: 'DELETE' })
}

function post(url: string, payload: object = {}) {
  return world.app.inject({ method: 'POST', url, headers: { cookie }, payload })
}

async function posFamilyIds() {
  const res = await world.app.inject({
    method: 'GET',
    url: '/api/source-products?side=pos&pageSize=100',
    headers: { cookie },
  })

  return (res.json() as { items: { sourceId: string; sku: string }[] }).items
}

async function ecomCount() {
  return (await world.ecomApi<EcomProducts>('GET', '/products?limit=1')).total
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('the condition was not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('POST /api/runs/preview', () => {
  test('counts what Retail POS to eCom would create, link and refuse, with every reason, and writes nothing', async () => {
    await addPosProduct('Leaf Tee 🍃', 'LEAF-1')
    await addPosProduct('Clay Mug', 'MUG-1')
    const mugId = await addPosProduct('Gift Bundle', 'BUNDLE-1')
    await world.posApi('POST', '/api/2.0/products', {
      name: 'Gift Box',
      sku: 'BOX-1',
      price_excluding_tax: 30,
      composite: [{ product_id: mugId, quantity: 1 }],
    })
    await world.ecomApi('POST', '/products', { name: 'Mug on eCom', sku: 'MUG-1', price: 9 })

    const res = await post('/api/runs/preview', {
      direction: 'pos-to-ecom',
      selection: { kind: 'all' },
    })
    const runs = await world.app.inject({ method: 'GET', url: '/api/runs', headers: { cookie } })

    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({
      direction: 'pos-to-ecom',
      total: 4,
      create: 2,
      link: 1,
      refuse: 1,
      refused: [
        {
          sourceId: expect.any(String),
          name: 'Gift Box',
          sku: 'BOX-1',
          reasons: ['"Gift Box": composite products are not supported'],
        },
      ],
    })
    expect(runs.json()).toMatchObject({ total: 0 })
    expect(await ecomCount()).toBe(1)
  })

  test('counts what eCom to Retail POS would do for picked products, a missing one refused', async () => {
    await addPosProduct('Clay Mug', 'MUG-1')
    const linkable = await world.ecomApi<{ id: number }>('POST', '/products', {
      name: 'Mug on eCom',
      sku: 'MUG-1',
      price: 9,
    })
    const fresh = await world.ecomApi<{ id: number }>('POST', '/products', {
      name: 'Ørsted Beanie',
      sku: 'BEANIE-1',
      price: 19,
    })
    const ids = [String(linkable.id), String(fresh.id), '999999']

    const res = await post('/api/runs/preview', {
      direction: 'ecom-to-pos',
      selection: { kind: 'ids', ids },
    })

    expect(res.json()).toMatchObject({
      total: 3,
      create: 1,
      link: 1,
      refuse: 1,
      refused: [{ sourceId: '999999', reasons: ['This product is no longer on eCom.'] }],
    })
  })

  test('for a big selection, reads eCom page by page once instead of one lookup per product', async () => {
    await addPosProducts(40)
    const families = await posFamilyIds()
    const ecom = await world.ctx.connections.ecom(STORE_ID)
    const before = ecom.stats().requests

    const res = await post('/api/runs/preview', {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids: families.map((f) => f.sourceId) },
    })

    expect(res.json()).toMatchObject({ total: 40, create: 40, link: 0, refuse: 0 })
    expect(ecom.stats().requests - before).toBe(1)
  })

  test('answers 400 for a selection that is not valid and 401 without a session', async () => {
    const bad = await post('/api/runs/preview', {
      direction: 'sideways',
      selection: { kind: 'all' },
    })
    const anonymous = await world.app.inject({
      method: 'POST',
      url: '/api/runs/preview',
      payload: { direction: 'pos-to-ecom', selection: { kind: 'all' } },
    })

    expect(bad.statusCode).toBe(400)
    expect(anonymous.statusCode).toBe(401)
  })
})

describe('POST /api/runs, the same products twice', () => {
  test('a second start of products an active run holds answers 409 with that run, and records nothing', async () => {
    await addPosProducts(3)
    const ids = (await posFamilyIds()).map((f) => f.sourceId)
    await fault({ method: 'POST', path: ECOM_CREATE, kind: 'slow', delayMs: 400 })

    const first = await post('/api/runs', {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids },
    })
    const again = await post('/api/runs', {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids: ids.slice(1) },
    })
    const all = await post('/api/runs', { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    const runs = await world.app.inject({ method: 'GET', url: '/api/runs', headers: { cookie } })

    expect(first.statusCode).toBe(201)
    for (const refused of [again, all]) {
      expect(refused.statusCode).toBe(409)
      expect(refused.json()).toMatchObject({
        error: { code: 'RUN_OVERLAPS', details: { runId: first.json<{ id: string }>().id } },
      })
    }
    expect(runs.json()).toMatchObject({ total: 1 })
  })

  test('two starts of the same products at the same moment make one run', async () => {
    await addPosProducts(2)
    const ids = (await posFamilyIds()).map((f) => f.sourceId)
    const body = { direction: 'pos-to-ecom', selection: { kind: 'ids', ids } }

    const answers = await Promise.all([post('/api/runs', body), post('/api/runs', body)])

    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409])
  })

  test('products of another selection, or of the other direction, start alongside', async () => {
    await addPosProducts(2)
    const [a, b] = (await posFamilyIds()).map((f) => f.sourceId)
    const ecomProduct = await world.ecomApi<{ id: number }>('POST', '/products', {
      name: 'Beanie',
      sku: 'B-1',
      price: 5,
    })
    await fault({ method: 'POST', path: ECOM_CREATE, kind: 'slow', delayMs: 400 })

    const first = await post('/api/runs', {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids: [a] },
    })
    const second = await post('/api/runs', {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids: [b] },
    })
    const other = await post('/api/runs', {
      direction: 'ecom-to-pos',
      selection: { kind: 'ids', ids: [String(ecomProduct.id)] },
    })

    expect([first.statusCode, second.statusCode, other.statusCode]).toEqual([201, 201, 201])
  })

  test('once a run has finished, the same products can be uploaded again', async () => {
    await addPosProducts(1)
    const body = { direction: 'pos-to-ecom', selection: { kind: 'all' } }
    await world.upload(cookie, body)

    const again = await world.upload(cookie, body)

    expect(again).toMatchObject({ status: 'completed', counts: { total: 1, linked: 1 } })
  })
})

describe('POST /api/runs/:id/cancel', () => {
  test('stops taking products: those not started stay pending and never reach eCom', async () => {
    await addPosProducts(6)
    await fault({ method: 'POST', path: ECOM_CREATE, kind: 'slow', delayMs: 300 })
    const started = await post('/api/runs', {
      direction: 'pos-to-ecom',
      selection: { kind: 'all' },
    })
    const { id } = started.json<{ id: string }>()
    await waitUntil(async () => (await ecomCount()) >= 1)

    const res = await post(`/api/runs/${id}/cancel`)
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const run = await world.app.inject({
      method: 'GET',
      url: `/api/runs/${id}`,
      headers: { cookie },
    })
    const counts = run.json<{ counts: { created: number; pending: number } }>().counts

    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id, status: 'cancelled' })
    expect(run.json()).toMatchObject({ status: 'cancelled' })
    expect(counts.pending).toBeGreaterThanOrEqual(3)
    expect(await ecomCount()).toBe(counts.created)
  })

  test('answers 409 for a finished run and 404 for an unknown one', async () => {
    await addPosProducts(1)
    const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })

    const finished = await post(`/api/runs/${run.id}/cancel`)
    const unknown = await post('/api/runs/00000000-0000-4000-8000-000000000000/cancel')

    expect(finished.statusCode).toBe(409)
    expect(finished.json()).toMatchObject({ error: { code: 'RUN_NOT_ACTIVE' } })
    expect(unknown.statusCode).toBe(404)
  })

  test('frees its products for a new upload', async () => {
    await addPosProducts(4)
    await fault({ method: 'POST', path: ECOM_CREATE, kind: 'slow', delayMs: 300 })
    const body = { direction: 'pos-to-ecom', selection: { kind: 'all' } }
    const started = await post('/api/runs', body)

    await post(`/api/runs/${started.json<{ id: string }>().id}/cancel`)
    await clearFaults()
    const again = await post('/api/runs', body)

    expect(again.statusCode).toBe(201)
  })
})

describe('POST /api/runs/:id/retry', () => {
  test('uploads a failed product again once eCom accepts it, and creates it once', async () => {
    await addPosProducts(2)
    await fault({ method: 'POST', path: ECOM_CREATE, kind: 'status', status: 400, times: 1 })
    const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    const failed = (await world.items(cookie, run.id)).filter((i) => i.status === 'failed')

    const res = await post(`/api/runs/${run.id}/retry`, {})
    const after = await world.waitForRun(cookie, run.id)
    const skus = (await world.ecomApi<EcomProducts>('GET', '/products?limit=100')).items.map(
      (p) => p.sku,
    )

    expect(run.counts).toMatchObject({ created: 1, failed: 1 })
    expect(failed).toHaveLength(1)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ id: run.id, status: 'running' })
    expect(after).toMatchObject({ status: 'completed', counts: { created: 2, failed: 0 } })
    expect(skus.sort()).toEqual(['P-001', 'P-002'])
  })

  test('retries only the items asked for', async () => {
    await addPosProducts(3)
    await fault({ method: 'POST', path: ECOM_CREATE, kind: 'status', status: 400, times: 2 })
    const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    const [first] = (await world.items(cookie, run.id)).filter((i) => i.status === 'failed')
    const items = await world.app.inject({
      method: 'GET',
      url: `/api/runs/${run.id}/items?status=failed`,
      headers: { cookie },
    })
    const firstId = items
      .json<{ items: { id: string; sourceId: string }[] }>()
      .items.find((i) => i.sourceId === first?.sourceId)?.id

    await post(`/api/runs/${run.id}/retry`, { itemIds: [firstId] })
    const after = await world.waitForRun(cookie, run.id)

    expect(after.counts).toMatchObject({ created: 2, failed: 1 })
  })

  test('answers 409 when nothing failed', async () => {
    await addPosProducts(1)
    const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })

    const res = await post(`/api/runs/${run.id}/retry`, {})

    expect(res.statusCode).toBe(409)
    expect(res.json()).toMatchObject({ error: { code: 'NOTHING_TO_RETRY' } })
  })
})

describe('GET /api/runs/:id/export.csv', () => {
  test('downloads the failed and refused products as UTF-8 CSV with a BOM, formulas kept as text', async () => {
    await addPosProduct('Leaf Tee 🍃', 'LEAF-1')
    const mugId = await addPosProduct('=HYPERLINK("x")', 'MUG-1')
    await world.posApi('POST', '/api/2.0/products', {
      name: 'Gift Box',
      sku: 'BOX-1',
      price_excluding_tax: 30,
      composite: [{ product_id: mugId, quantity: 1 }],
    })
    await fault({
      method: 'POST',
      path: ECOM_CREATE,
      kind: 'status',
      status: 400,
      afterCount: 1,
      times: 1,
    })
    const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })

    const res = await world.app.inject({
      method: 'GET',
      url: `/api/runs/${run.id}/export.csv`,
      headers: { cookie },
    })
    const lines = res.body.split('\r\n')

    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="upload-.*\.csv"$/)
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    expect(lines[0]).toBe('\uFEFFName,SKU,Outcome,Reasons,Source ID')
    expect(lines).toHaveLength(4)
    expect(res.body).toContain('Gift Box,BOX-1,Refused,"""Gift Box"": composite products')
    expect(res.body).toMatch(
      /(Leaf Tee 🍃,LEAF-1|"'=HYPERLINK\(""x""\)",MUG-1),Failed,eCom refused the data/,
    )
  })

  test('answers 404 for a run of another store', async () => {
    await addPosProducts(1)
    const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    const other = await world.openSession(1004)

    const res = await world.app.inject({
      method: 'GET',
      url: `/api/runs/${run.id}/export.csv`,
      headers: { cookie: other },
    })

    expect(res.statusCode).toBe(404)
  })
})
