import { delay, http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'

import { createFakeClock } from '../shared/clock'
import type { WaitInfo } from '../shared/paced-requester'
import { Pacer } from '../shared/pacer'
import { createCapturingLogger } from '../shared/test-support'
import { UpstreamError } from '../shared/upstream-error'
import { createEcomClient, type EcomClientOptions } from './ecom-client'

const BASE = 'http://ecom.test/api/v3'
const API = `${BASE}/1003`
const TOKEN = 'secret_4T6rYhP2kD9sQ'
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function makeClient(overrides: Partial<EcomClientOptions> = {}) {
  const clock = createFakeClock()
  const waits: WaitInfo[] = []
  const client = createEcomClient({
    baseUrl: BASE,
    storeId: 1003,
    token: TOKEN,
    clock,
    pacer: new Pacer({ limit: 600, windowMs: 60_000 }, clock),
    onWait: (info) => waits.push(info),
    random: () => 0.5,
    ...overrides,
  })

  return { client, clock, waits }
}

test('a 429 with Retry-After seconds waits, says so, then the create succeeds once', async () => {
  let calls = 0
  server.use(
    http.post(`${API}/products`, () => {
      calls += 1

      return calls === 1
        ? HttpResponse.json(
            { errorMessage: 'Too many requests', errorCode: 'RATE_LIMITED' },
            { status: 429, headers: { 'Retry-After': '2' } },
          )
        : HttpResponse.json({ id: 501 })
    }),
  )
  const { client, clock, waits } = makeClient()
  const started = clock.now()

  const id = await client.createProduct({ name: 'Mug', sku: 'MUG-1' })

  expect(id).toBe(501)
  expect(calls).toBe(2)
  expect(clock.now() - started).toBeGreaterThanOrEqual(2000)
  expect(waits).toContainEqual({
    system: 'ecom',
    until: new Date(started + 2000),
    reason: 'rate-limited',
  })
})

test('409 SKU_ALREADY_EXISTS maps to its code, plain words and no retry', async () => {
  let calls = 0
  server.use(
    http.post(`${API}/products`, () => {
      calls += 1

      return HttpResponse.json(
        { errorMessage: 'SKU 00007 already exists', errorCode: 'SKU_ALREADY_EXISTS' },
        { status: 409 },
      )
    }),
  )
  const { client } = makeClient()

  const error = await client
    .createProduct({ name: 'Radish', sku: '00007' })
    .catch((e: unknown) => e)

  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({
    system: 'ecom',
    status: 409,
    vendorCode: 'SKU_ALREADY_EXISTS',
    retryable: false,
    outcomeUnknown: false,
    message: 'eCom refused the SKU because another product already uses it',
  })
  expect((error as UpstreamError).detail).toContain('already exists')
  expect(calls).toBe(1)
})

test('a create that never answers is not resent and reports an unknown outcome (C2)', async () => {
  let calls = 0
  server.use(
    http.post(`${API}/products`, async () => {
      calls += 1
      await delay(1000)

      return HttpResponse.json({ id: 1 })
    }),
  )
  const { client } = makeClient({ timeoutMs: 50 })

  const error = await client.createProduct({ name: 'A', sku: 'A' }).catch((e: unknown) => e)

  expect(error).toMatchObject({ outcomeUnknown: true, retryable: true, status: null })
  expect(calls).toBe(1)
})

test('5xx on a read is retried with backoff, then succeeds', async () => {
  let calls = 0
  server.use(
    http.get(`${API}/products/:id`, () => {
      calls += 1

      return calls < 3
        ? HttpResponse.json({ errorCode: 'INTERNAL_ERROR' }, { status: 500 })
        : HttpResponse.json({ id: 7, sku: 'S' })
    }),
  )
  const { client, clock } = makeClient()

  const product = await client.getProduct(7)

  expect(product?.sku).toBe('S')
  expect(calls).toBe(3)
  expect(clock.sleeps).toEqual([375, 750])
})

test('getProduct returns null on 404', async () => {
  server.use(
    http.get(`${API}/products/:id`, () =>
      HttpResponse.json(
        { errorMessage: 'Product not found', errorCode: 'PRODUCT_NOT_FOUND' },
        { status: 404 },
      ),
    ),
  )
  const { client } = makeClient()

  expect(await client.getProduct(404)).toBeNull()
})

test('blank SKUs never match and make no request', async () => {
  const { client } = makeClient()

  expect(await client.findProductsBySku('')).toEqual([])
  expect(await client.findProductsBySku(' \t ')).toEqual([])
  expect(await client.findProductsBySku(undefined)).toEqual([])
  expect(client.stats().requests).toBe(0)
})

test('iterates offset pages until offset reaches total', async () => {
  const offsets: string[] = []
  server.use(
    http.get(`${API}/products`, ({ request }) => {
      const params = new URL(request.url).searchParams
      const offset = Number(params.get('offset'))

      offsets.push(`${offset}/${params.get('limit')}`)

      const items = Array.from({ length: Math.min(100, 250 - offset) }, (_, i) => ({
        id: offset + i + 1,
      }))

      return HttpResponse.json({ total: 250, count: items.length, offset, limit: 100, items })
    }),
  )
  const { client } = makeClient()
  const ids: number[] = []

  for await (const page of client.iterateProducts()) ids.push(...page.items.map((p) => p.id))

  expect(ids).toHaveLength(250)
  expect(new Set(ids).size).toBe(250)
  expect(offsets).toEqual(['0/100', '100/100', '200/100'])
})

test('reads the store profile: name, currency and tax mode', async () => {
  server.use(
    http.get(`${API}/profile`, () =>
      HttpResponse.json({
        generalInfo: { storeId: 1003 },
        settings: { storeName: 'Demo' },
        formatsAndUnits: { currency: 'USD', currencyPrecision: 2 },
        taxSettings: { pricesIncludeTax: false },
      }),
    ),
  )
  const { client } = makeClient()

  expect(await client.getProfile()).toMatchObject({
    storeName: 'Demo',
    currency: 'USD',
    currencyPrecision: 2,
    pricesIncludeTax: false,
  })
})

test('runBatch polls until COMPLETED and gives each request its own result', async () => {
  let polls = 0
  let submitted: unknown = null
  let submitQuery: URLSearchParams | null = null
  server.use(
    http.post(`${API}/batch`, async ({ request }) => {
      submitted = await request.json()
      submitQuery = new URL(request.url).searchParams

      return HttpResponse.json({ ticket: 't-1' })
    }),
    http.get(`${API}/batch`, ({ request }) => {
      expect(new URL(request.url).searchParams.get('ticket')).toBe('t-1')
      polls += 1

      if (polls < 3)
        return HttpResponse.json({ status: 'IN_PROGRESS', totalRequests: 2, completedRequests: 1 })

      return HttpResponse.json({
        status: 'COMPLETED',
        totalRequests: 2,
        completedRequests: 2,
        responses: [
          { id: '0', status: 'COMPLETED', httpStatusCode: 200, escapedHttpBody: '{"id":11}' },
          {
            id: '1',
            status: 'FAILED',
            httpStatusCode: 409,
            httpBody: { errorMessage: 'dup', errorCode: 'SKU_ALREADY_EXISTS' },
          },
        ],
      })
    }),
  )
  const { client, clock } = makeClient()

  const results = await client.runBatch(
    [
      { path: '/products', method: 'POST', body: { sku: 'A' } },
      { path: '/products', method: 'POST', body: { sku: 'B' } },
    ],
    { pollIntervalMs: 500 },
  )

  expect(polls).toBe(3)
  expect(clock.sleeps).toEqual([500, 500])
  expect(submitQuery!.get('stopOnFirstFailure')).toBe('false')
  expect(submitQuery!.get('deduplicationKey')).toMatch(/^[0-9a-f-]{36}$/)
  expect(submitted).toEqual([
    { id: '0', path: '/products', method: 'POST', body: { sku: 'A' } },
    { id: '1', path: '/products', method: 'POST', body: { sku: 'B' } },
  ])
  expect(results[0]).toMatchObject({ id: '0', body: { id: 11 }, error: null })
  expect(results[1]?.error).toMatchObject({
    status: 409,
    vendorCode: 'SKU_ALREADY_EXISTS',
    retryable: false,
  })
})

test('a batch that never completes stops with BATCH_INCOMPLETE', async () => {
  server.use(
    http.post(`${API}/batch`, () => HttpResponse.json({ ticket: 't-2' })),
    http.get(`${API}/batch`, () => HttpResponse.json({ status: 'QUEUED' })),
  )
  const { client } = makeClient()

  const error = await client
    .runBatch([{ path: '/profile', method: 'GET' }], { pollIntervalMs: 1000, maxWaitMs: 5000 })
    .catch((e: unknown) => e)

  expect(error).toMatchObject({ vendorCode: 'BATCH_INCOMPLETE', outcomeUnknown: true })
})

test('a refused token is a plain message, and neither error nor log holds the token', async () => {
  server.use(
    http.get(`${API}/categories`, () =>
      HttpResponse.json(
        { errorMessage: `Token ${TOKEN} is invalid`, errorCode: 'INVALID_API_TOKEN' },
        { status: 403 },
      ),
    ),
  )
  const capture = createCapturingLogger()
  const { client } = makeClient({ logger: capture.logger })

  const error = (await client.listCategories().catch((e: unknown) => e)) as UpstreamError

  expect(error).toMatchObject({ status: 403, vendorCode: 'INVALID_API_TOKEN', retryable: false })
  expect(
    `${JSON.stringify(error)} ${error.message} ${error.stack} ${capture.text()}`,
  ).not.toContain(TOKEN)
  expect(capture.text()).toContain(
    '"path":"/api/v3/1003/categories?offset=0&limit=100&hidden_categories=true"',
  )
})

test('reads an order by the id a webhook gives, and null when it is gone', async () => {
  server.use(
    http.get(`${API}/orders/:id`, ({ params }) =>
      params.id === 'XJ12H'
        ? HttpResponse.json({
            id: 'XJ12H',
            internalId: 103,
            paymentStatus: 'PAID',
            items: [{ productId: 5, combinationId: 9, sku: 'TEE-S', quantity: 2, price: 10 }],
          })
        : HttpResponse.json({ errorCode: 'ORDER_NOT_FOUND' }, { status: 404 }),
    ),
  )
  const { client } = makeClient()

  const order = await client.getOrder('XJ12H')
  const gone = await client.getOrder('NOPE')

  expect(order).toMatchObject({ id: 'XJ12H', paymentStatus: 'PAID' })
  expect(order?.items?.[0]).toMatchObject({ sku: 'TEE-S', quantity: 2, combinationId: 9 })
  expect(gone).toBeNull()
})

test('searches orders by payment status and date, page by page', async () => {
  const queries: string[] = []
  server.use(
    http.get(`${API}/orders`, ({ request }) => {
      const query = new URL(request.url).searchParams

      queries.push(query.toString())

      return HttpResponse.json({
        total: 101,
        count: query.get('offset') === '0' ? 100 : 1,
        offset: Number(query.get('offset')),
        limit: 100,
        items: Array.from({ length: query.get('offset') === '0' ? 100 : 1 }, (_, i) => ({
          id: Number(query.get('offset')) + i + 1,
        })),
      })
    }),
  )
  const { client } = makeClient()
  const ids: string[] = []

  for await (const page of client.iterateOrders({
    paymentStatus: ['PAID', 'PARTIALLY_REFUNDED'],
    updatedFrom: 1_700_000_000,
  })) {
    ids.push(...page.items.map((o) => o.id))
  }

  expect(ids).toHaveLength(101)
  expect(ids[0]).toBe('1')
  expect(queries[0]).toBe(
    'paymentStatus=PAID%2CPARTIALLY_REFUNDED&updatedFrom=1700000000&offset=0&limit=100',
  )
})
