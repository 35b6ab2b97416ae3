/**
 * The picker pages and searches the local index of the Retail POS catalog without waiting on
 * Retail POS: the index is brought up to date in the background at most every few seconds, so a
 * merchant paging through a large catalog costs Retail POS a read now and then, not two requests
 * a page (each of which waits its turn in the store's rate limit). A product deleted in Retail POS
 * meanwhile is still refused by the upload check and by the upload.
 */
import { afterEach, expect, test } from 'vitest'
import { startTestWorld, type TestWorld } from './testing/test-world'

let world: TestWorld | undefined

afterEach(async () => {
  await world?.stop()
  world = undefined
})

async function start(env: Record<string, string> = {}) {
  world = await startTestWorld({ env: { UPLOAD_CONCURRENCY: '1', ...env } })
  await fetch(`${world.ecomUrl}/_sim/rate-limit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enabled: false }),
  })

  return { w: world, cookie: await world.openSession() }
}

async function addPosProducts(w: TestWorld, count: number) {
  const ids: string[] = []
  for (let i = 1; i <= count; i++) {
    const res = await w.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: `Picker product ${String(i).padStart(2, '0')}`,
      sku: `PK-${String(i).padStart(3, '0')}`,
      price_excluding_tax: 10,
    })
    ids.push(res.data[0] ?? '')
  }

  return ids
}

/**
 * Counts the requests the POS simulator gets on a path: a fault rule that never fires (its
 * afterCount is never reached) still counts every request it matches.
 */
async function countAtPos(w: TestWorld, path: string) {
  const rule = await w.posApi<{ id: string }>('POST', '/_sim/faults', {
    method: 'GET',
    path,
    kind: 'status',
    status: 500,
    afterCount: 1_000_000,
  })

  return async () => {
    const { items } = await w.posApi<{ items: { id: string; matched: number }[] }>(
      'GET',
      '/_sim/faults',
    )

    return items.find((r) => r.id === rule.id)?.matched ?? 0
  }
}

async function picker(w: TestWorld, cookie: string, query: string) {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/source-products?side=pos&${query}`,
    headers: { cookie },
  })
  expect(res.statusCode).toBe(200)

  return res.json<{ total: number; items: { sourceId: string; sku: string }[] }>()
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean) {
  const deadline = Date.now() + 5_000
  for (;;) {
    const value = await read()
    if (ok(value) || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

test('paging and searching the picker in quick succession reads the Retail POS catalog at most once', async () => {
  const { w, cookie } = await start()
  await addPosProducts(w, 30)
  // The first page builds the index: that one waits for Retail POS.
  expect((await picker(w, cookie, 'page=1&pageSize=10')).total).toBe(30)
  const productReads = await countAtPos(w, '^/api/2.0/products$')
  const inventoryReads = await countAtPos(w, '^/api/2.0/inventory$')

  const answers = []
  for (const query of [
    'page=2&pageSize=10',
    'page=3&pageSize=10',
    'page=1&pageSize=10',
    'q=picker%20product%201',
    'q=PK-02',
    'q=product&page=2&pageSize=10',
    'page=2&pageSize=25',
    'page=1&pageSize=25',
    'q=PK-030',
    'page=3&pageSize=10',
  ]) {
    answers.push(await picker(w, cookie, query))
  }

  expect(answers.map((a) => a.items.length)).toEqual([10, 10, 10, 10, 10, 10, 5, 25, 1, 10])
  expect(answers[8]?.items.map((i) => i.sku)).toEqual(['PK-030'])
  expect(await productReads()).toBeLessThanOrEqual(1)
  expect(await inventoryReads()).toBeLessThanOrEqual(1)
})

test('a product added in Retail POS shows in the picker once the background read has run', async () => {
  const { w, cookie } = await start({ POS_INDEX_BROWSE_REFRESH_MS: '100' })
  await addPosProducts(w, 3)
  expect((await picker(w, cookie, 'page=1')).total).toBe(3)

  await w.posApi('POST', '/api/2.0/products', {
    name: 'Picker product new',
    sku: 'PK-NEW',
    price_excluding_tax: 10,
  })
  await new Promise((resolve) => setTimeout(resolve, 150))
  const found = await eventually(
    () => picker(w, cookie, 'q=PK-NEW'),
    (page) => page.total === 1,
  )

  expect(found.items.map((i) => i.sku)).toEqual(['PK-NEW'])
})

test('a product deleted in Retail POS after the picker listed it is refused by the check and the upload, and leaves the picker', async () => {
  const { w, cookie } = await start({ POS_INDEX_BROWSE_REFRESH_MS: '100' })
  const ids = await addPosProducts(w, 3)
  expect((await picker(w, cookie, 'page=1')).items.map((i) => i.sku)).toEqual([
    'PK-001',
    'PK-002',
    'PK-003',
  ])
  await w.posApi('DELETE', `/api/2.0/products/${ids[1]}`)

  const preview = await w.app.inject({
    method: 'POST',
    url: '/api/runs/preview',
    headers: { cookie },
    payload: { direction: 'pos-to-ecom', selection: { kind: 'ids', ids } },
  })
  const run = await w.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'ids', ids } })
  const items = await w.items(cookie, run.id)
  const onEcom = await w.ecomApi<{ items: { sku?: string }[] }>('GET', '/products?limit=100')
  await new Promise((resolve) => setTimeout(resolve, 150))
  const listed = await eventually(
    () => picker(w, cookie, 'page=1'),
    (page) => page.total === 2,
  )

  expect(preview.json()).toMatchObject({ total: 3, create: 2, refuse: 1 })
  expect(preview.json().refused).toMatchObject([{ sourceId: ids[1] }])
  expect(items.find((i) => i.sourceId === ids[1])).toMatchObject({
    status: 'failed',
    reasons: ['This product was deleted in Retail POS before it could be uploaded.'],
  })
  expect(onEcom.items.map((p) => p.sku).sort()).toEqual(['PK-001', 'PK-003'])
  expect(listed.items.map((i) => i.sku)).toEqual(['PK-001', 'PK-003'])
})
