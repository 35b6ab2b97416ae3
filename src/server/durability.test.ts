/**
 * Runs that never lose or duplicate work (../shared/cases/CASES.md C6, C7, C8), on SQLite and on
 * PostgreSQL: a 429 storm, an upstream that sends the same page forever, one bad product, a
 * product deleted on the source during the run, and two workers on one run.
 */
import { createServer, type Server } from 'node:http'
import { afterEach, describe, expect, test } from 'vitest'
import { createUploadWorker } from './jobs/upload-worker'
import { createConnections } from './services/connections'
import type { AppContext } from './services/context'
import { openDatabase } from './store/db'
import { createTestDatabase, postgresUnavailable, type TestDatabase } from './testing/postgres'
import { startTestWorld, type TestWorld } from './testing/test-world'

const noPostgres = await postgresUnavailable()
const databases = [
  { name: 'SQLite', skip: null },
  { name: 'PostgreSQL', skip: noPostgres },
] as const

let world: TestWorld | undefined
let database: TestDatabase | undefined
const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await world?.stop()
  await database?.drop()
  world = undefined
  database = undefined
})

async function start(
  db: 'SQLite' | 'PostgreSQL',
  env: Record<string, string> = {},
  beforeSession?: (w: TestWorld) => void,
) {
  if (db === 'PostgreSQL') database = await createTestDatabase()
  world = await startTestWorld({
    env: {
      WORKER_LEASE_MS: '2000',
      WORKER_POLL_MS: '100',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...env,
    },
  })
  await ecomSim(world, '/_sim/rate-limit', { enabled: false })
  beforeSession?.(world)

  return { world, cookie: await world.openSession() }
}

async function ecomSim(w: TestWorld, path: string, body: object) {
  const res = await fetch(`${w.ecomUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(res.ok).toBe(true)
}

async function addPosProducts(w: TestWorld, count: number, prefix = 'D') {
  const ids: string[] = []
  for (let i = 1; i <= count; i++) {
    const created = await w.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: `${prefix} product ${i}`,
      sku: `${prefix}-${String(i).padStart(3, '0')}`,
      price_excluding_tax: 10 + i / 100,
    })
    ids.push(created.data[0] ?? '')
  }

  return ids
}

async function ecomSkus(w: TestWorld) {
  const skus: string[] = []
  for (let offset = 0; ; offset += 100) {
    const page = await w.ecomApi<{ total: number; items: { sku?: string }[] }>(
      'GET',
      `/products?limit=100&offset=${offset}`,
    )
    skus.push(...page.items.map((p) => p.sku ?? ''))
    if (offset + 100 >= page.total) return skus.sort()
  }
}

async function startRun(w: TestWorld, cookie: string, body: object) {
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: { cookie },
    payload: body,
  })
  expect(res.statusCode).toBe(201)

  return (res.json() as { id: string }).id
}

/**
 * A stand-in for Retail POS that answers every later page of the product list with the first
 * page again, as an upstream whose version cursor never moves would.
 */
async function stuckCursorProxy() {
  const proxy = { target: '', url: '', server: null as unknown as Server }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', proxy.target)
    if (url.pathname === '/api/2.0/products' && Number(url.searchParams.get('after')) > 0) {
      url.searchParams.set('after', '0')
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined
      fetch(url, {
        method: req.method,
        headers: {
          authorization: req.headers.authorization ?? '',
          'content-type': 'application/json',
        },
        body: req.method === 'GET' ? undefined : body,
      })
        .then(async (upstream) => {
          res.writeHead(upstream.status, { 'content-type': 'application/json' })
          res.end(Buffer.from(await upstream.arrayBuffer()))
        })
        .catch(() => res.destroy())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  proxy.server = server

  return proxy
}

describe.each(databases)('on $name', ({ name, skip }) => {
  test.skipIf(skip)(
    `C7: a storm of 429s shows the run as waiting, never failed, and it resumes and finishes every product once${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const { world: w, cookie } = await start(name)
      await addPosProducts(w, 120)
      // Every eCom call, batches included (a run this big creates through the Batch API).
      await ecomSim(w, '/_sim/faults', {
        path: '^/api/v3/1003/',
        kind: 'status',
        status: 429,
        retryAfter: 1,
        afterCount: 3,
        times: 5,
      })

      const run = await w.waitForRun(
        cookie,
        await startRun(w, cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } }),
      )
      const skus = await ecomSkus(w)

      expect(run.seen).toContain('waiting')
      expect(run.seen).not.toContain('failed')
      expect(run).toMatchObject({
        status: 'completed',
        counts: { total: 120, created: 120, failed: 0 },
      })
      expect(skus).toHaveLength(120)
      expect(new Set(skus).size).toBe(120)
    },
  )

  test.skipIf(skip)(
    `C8: a Retail POS that sends the same page of products forever stops the run with a message in plain words${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const proxy = await stuckCursorProxy()
      cleanups.push(() => new Promise((resolve) => proxy.server.close(() => resolve())))
      const { world: w, cookie } = await start(name, { POS_API_URL: proxy.url }, (started) => {
        proxy.target = started.posUrl
      })
      await addPosProducts(w, 3)

      const run = await w.waitForRun(
        cookie,
        await startRun(w, cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } }),
        10_000,
      )

      expect(run.status).toBe('failed')
      expect(run.message).toBe(
        'The upload stopped while reading the Retail POS catalog: Retail POS sent the same page ' +
          'of products again; reading stopped so it does not loop forever. Start it again ' +
          'later; if it stops again, contact support.',
      )
      expect(await ecomSkus(w)).toEqual([])
    },
  )

  test.skipIf(skip)(
    `C6: one product eCom refuses and one composite product fail alone; the run completes with errors, not failed${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const { world: w, cookie } = await start(name, { UPLOAD_CONCURRENCY: '1' })
      const [first] = await addPosProducts(w, 10)
      await w.posApi('POST', '/api/2.0/products', {
        name: 'Bundle',
        sku: 'BUNDLE',
        price_excluding_tax: 5,
        composite: [{ product_id: first, quantity: 2 }],
      })
      await ecomSim(w, '/_sim/faults', {
        method: 'POST',
        path: '/api/v3/1003/products',
        kind: 'status',
        status: 400,
        times: 1,
      })

      const run = await w.waitForRun(
        cookie,
        await startRun(w, cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } }),
      )

      expect(run).toMatchObject({
        status: 'completed_with_errors',
        message: 'Completed: 1 failed, 1 refused',
        counts: { total: 11, created: 9, failed: 1, refused: 1 },
      })
      expect(await ecomSkus(w)).toHaveLength(9)
    },
  )

  test.skipIf(skip)(
    `a Retail POS product deleted while the upload runs is reported as deleted, and the others go on${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const { world: w, cookie } = await start(name, {
        UPLOAD_CONCURRENCY: '1',
        POS_INDEX_REFRESH_MS: '100',
      })
      const ids = await addPosProducts(w, 12)
      await ecomSim(w, '/_sim/faults', {
        method: 'POST',
        path: '/api/v3/1003/products',
        kind: 'slow',
        delayMs: 100,
      })

      const runId = await startRun(w, cookie, {
        direction: 'pos-to-ecom',
        selection: { kind: 'ids', ids },
      })
      await waitUntil(async () =>
        (await w.items(cookie, runId)).some((i) => i.status === 'created'),
      )
      await w.posApi('DELETE', `/api/2.0/products/${ids[11]}`)
      const run = await w.waitForRun(cookie, runId)
      const items = await w.items(cookie, runId)

      expect(run.counts).toMatchObject({ total: 12, created: 11, failed: 1 })
      expect(items.find((i) => i.sourceId === ids[11])).toMatchObject({
        status: 'failed',
        name: 'D product 12',
        reasons: ['This product was deleted in Retail POS before it could be uploaded.'],
      })
      expect(await ecomSkus(w)).not.toContain('D-012')
    },
  )

  test.skipIf(skip)(
    `an eCom product deleted while the upload to Retail POS runs is reported as deleted, and the others go on${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const { world: w, cookie } = await start(name, { UPLOAD_CONCURRENCY: '1' })
      const ids: string[] = []
      for (let i = 1; i <= 8; i++) {
        const created = await w.ecomApi<{ id: number }>('POST', '/products', {
          name: `E product ${i}`,
          sku: `E-${i}`,
          price: 4,
        })
        ids.push(String(created.id))
      }
      await ecomSim(w, '/_sim/faults', {
        method: 'GET',
        path: '/api/v3/1003/products/',
        kind: 'slow',
        delayMs: 80,
      })

      const runId = await startRun(w, cookie, {
        direction: 'ecom-to-pos',
        selection: { kind: 'ids', ids },
      })
      await w.ecomApi('DELETE', `/products/${ids[7]}`)
      const run = await w.waitForRun(cookie, runId)
      const items = await w.items(cookie, runId)

      expect(run.counts).toMatchObject({ total: 8, created: 7, failed: 1 })
      expect(items.find((i) => i.sourceId === ids[7])?.reasons).toEqual([
        'This product was deleted on eCom before it could be uploaded.',
      ])
    },
  )

  test.skipIf(skip)(
    `two workers on one run share its items: each product is worked once and lands on eCom once${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const { world: w, cookie } = await start(name, { WORKER_POLL_MS: '50' })
      await addPosProducts(w, 60)
      await ecomSim(w, '/_sim/faults', {
        method: 'POST',
        path: '/api/v3/1003/products',
        kind: 'slow',
        delayMs: 30,
      })
      const second = await secondWorker(w)

      const run = await w.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
      const skus = await ecomSkus(w)
      const [one, two] = [w.ctx.worker, second].map(
        (worker) => (worker as typeof second).stats().items,
      )

      expect(run).toMatchObject({
        status: 'completed',
        counts: { total: 60, created: 60, failed: 0 },
      })
      expect(one).toBeGreaterThan(0)
      expect(two).toBeGreaterThan(0)
      expect((one ?? 0) + (two ?? 0)).toBe(60)
      expect(new Set(skus).size).toBe(60)
      expect(skus).toHaveLength(60)
    },
  )
})

/** A second worker as another process would have: its own database connection and clients. */
async function secondWorker(w: TestWorld) {
  const config = w.ctx.config
  const db = await openDatabase(config.databaseUrl ?? config.databaseFile)
  const ctx = { ...w.ctx, db } as AppContext
  ctx.connections = createConnections(ctx)
  const worker = createUploadWorker(ctx)
  worker.start()
  cleanups.push(async () => {
    await worker.stop()
    await db.destroy()
  })

  return worker
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}
