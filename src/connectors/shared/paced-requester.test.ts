import { delay, http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'

import { createFakeClock } from './clock'
import { createPacedRequester, type PacedRequesterOptions, type WaitInfo } from './paced-requester'
import { Pacer } from './pacer'
import { RequestCounter } from './request-counter'
import { createCapturingLogger } from './test-support'
import { UpstreamError } from './upstream-error'

const BASE = 'http://upstream.test'
const TOKEN = 'tok_live_0123456789abcdef'
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function makeRequester(overrides: Partial<PacedRequesterOptions> = {}) {
  const clock = createFakeClock()
  const waits: WaitInfo[] = []
  const counter = new RequestCounter()
  const requester = createPacedRequester({
    system: 'ecom',
    baseUrl: BASE,
    token: TOKEN,
    rateLimit: { limit: 600, windowMs: 60_000 },
    readVendorError: (_status, body) => ({
      vendorCode: (body as { errorCode?: string } | null)?.errorCode ?? null,
      upstreamMessage: (body as { errorMessage?: string } | null)?.errorMessage ?? null,
    }),
    clock,
    pacer: new Pacer({ limit: 600, windowMs: 60_000 }, clock),
    counter,
    random: () => 0.5,
    onWait: (info) => waits.push(info),
    timeoutMs: 2000,
    ...overrides,
  })

  return { requester, clock, waits, counter }
}

function hits(path: string, responses: (() => Response | Promise<Response>)[]) {
  let calls = 0

  return {
    count: () => calls,
    handler: http.all(`${BASE}${path}`, () => {
      const respond = responses[Math.min(calls, responses.length - 1)]!

      calls += 1

      return respond()
    }),
  }
}

test('a 429 with Retry-After seconds waits that long, says so, then succeeds', async () => {
  const route = hits('/products', [
    () =>
      HttpResponse.json(
        { errorCode: 'RATE_LIMITED' },
        { status: 429, headers: { 'Retry-After': '2' } },
      ),
    () => HttpResponse.json({ ok: true }),
  ])
  server.use(route.handler)
  const { requester, clock, waits } = makeRequester()
  const started = clock.now()

  const res = await requester.request({ method: 'POST', path: '/products', body: { name: 'A' } })

  expect(res.body).toEqual({ ok: true })
  expect(route.count()).toBe(2)
  expect(clock.now() - started).toBeGreaterThanOrEqual(2000)
  expect(waits).toContainEqual({
    system: 'ecom',
    until: new Date(started + 2000),
    reason: 'rate-limited',
  })
})

test('a 429 with an HTTP-date Retry-After waits until that date', async () => {
  const { requester, clock, waits } = makeRequester({ system: 'pos' })
  const until = new Date(Math.ceil((clock.now() + 5000) / 1000) * 1000)
  const route = hits('/api/2.0/products', [
    () =>
      HttpResponse.json(
        { error: 'Too Many Requests', message: 'Rate limiting enforced' },
        { status: 429, headers: { 'Retry-After': until.toUTCString() } },
      ),
    () => HttpResponse.json({ data: [] }),
  ])
  server.use(route.handler)

  await requester.request({ method: 'GET', path: '/api/2.0/products' })

  expect(clock.now()).toBeGreaterThanOrEqual(until.getTime())
  expect(waits[0]).toEqual({ system: 'pos', until, reason: 'rate-limited' })
})

test("falls back to X-Series' JSON retry-after field when the header is missing", async () => {
  const { requester, clock } = makeRequester({ system: 'pos' })
  const until = new Date(clock.now() + 7000)
  const route = hits('/x', [
    () => HttpResponse.json({ 'retry-after': until.toUTCString() }, { status: 429 }),
    () => HttpResponse.json({}),
  ])
  server.use(route.handler)

  await requester.request({ method: 'GET', path: '/x' })

  expect(clock.now()).toBeGreaterThanOrEqual(until.getTime() - 1000)
})

test('gives up after too many 429s with a retryable RATE_LIMITED error', async () => {
  server.use(
    http.get(
      `${BASE}/x`,
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }),
    ),
  )
  const { requester } = makeRequester({ retry: { maxRateLimitRetries: 2 } })

  const error = await requester.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e)

  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({ status: 429, vendorCode: 'RATE_LIMITED', retryable: true })
  expect((error as UpstreamError).retryAt).toBeInstanceOf(Date)
})

test('a 5xx on a GET is retried with growing backoff, then succeeds', async () => {
  const route = hits('/x', [
    () => HttpResponse.json({ errorCode: 'INTERNAL_ERROR' }, { status: 500 }),
    () => new HttpResponse('bad gateway', { status: 502 }),
    () => HttpResponse.json({ fine: 1 }),
  ])
  server.use(route.handler)
  const { requester, clock, waits, counter } = makeRequester()

  const res = await requester.request({ method: 'GET', path: '/x' })

  expect(res.body).toEqual({ fine: 1 })
  expect(route.count()).toBe(3)
  expect(clock.sleeps.slice(-2)).toEqual([375, 750])
  expect(waits.filter((w) => w.reason === 'retry')).toHaveLength(2)
  expect(counter.get('ecom')).toBe(3)
  expect(requester.stats()).toMatchObject({ requests: 3, retries: 2 })
})

test('a 5xx on a POST is not resent and its outcome is unknown', async () => {
  const route = hits('/products', [() => new HttpResponse(null, { status: 503 })])
  server.use(route.handler)
  const { requester } = makeRequester()

  const error = await requester
    .request({ method: 'POST', path: '/products', body: {} })
    .catch((e: unknown) => e)

  expect(route.count()).toBe(1)
  expect(error).toMatchObject({ status: 503, outcomeUnknown: true, retryable: true })
})

test('a POST that times out is not resent and its outcome is unknown', async () => {
  const route = hits('/products', [
    async () => {
      await delay(1000)

      return HttpResponse.json({ id: 1 })
    },
  ])
  server.use(route.handler)
  const { requester } = makeRequester({ timeoutMs: 50 })

  const error = await requester
    .request({ method: 'POST', path: '/products', body: { sku: 'A' } })
    .catch((e: unknown) => e)

  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({
    system: 'ecom',
    status: null,
    vendorCode: 'TIMEOUT',
    outcomeUnknown: true,
    retryable: true,
  })
  expect((error as Error).message).toMatch(/may have saved the change anyway/)
  expect(route.count()).toBe(1)
})

test('a GET that times out is retried', async () => {
  const route = hits('/x', [
    async () => {
      await delay(1000)

      return HttpResponse.json({})
    },
    () => HttpResponse.json({ second: true }),
  ])
  server.use(route.handler)
  const { requester } = makeRequester({ timeoutMs: 50 })

  const res = await requester.request({ method: 'GET', path: '/x' })

  expect(res.body).toEqual({ second: true })
  expect(route.count()).toBe(2)
})

test('a 4xx is not retried and keeps the vendor code and an excerpt for support', async () => {
  const route = hits('/products', [
    () =>
      HttpResponse.json(
        { errorMessage: 'SKU taken', errorCode: 'SKU_ALREADY_EXISTS' },
        { status: 409 },
      ),
  ])
  server.use(route.handler)
  const { requester } = makeRequester()

  const error = await requester
    .request({ method: 'PUT', path: '/products' })
    .catch((e: unknown) => e)

  expect(route.count()).toBe(1)
  expect(error).toMatchObject({ status: 409, vendorCode: 'SKU_ALREADY_EXISTS', retryable: false })
  expect((error as UpstreamError).detail).toContain('SKU taken')
})

test('the token never appears in errors or logs, even when the upstream echoes it', async () => {
  server.use(
    http.all(`${BASE}/*`, ({ request }) =>
      HttpResponse.json(
        { errorMessage: `bad header ${request.headers.get('authorization')}` },
        { status: 400 },
      ),
    ),
  )
  const capture = createCapturingLogger()
  const { requester } = makeRequester({ logger: capture.logger })

  const error = (await requester
    .request({ method: 'GET', path: '/x', query: { token: TOKEN, sku: 'A' } })
    .catch((e: unknown) => e)) as UpstreamError

  const everything = `${error.message} ${error.detail} ${JSON.stringify(error)} ${capture.text()}`
  expect(capture.lines.length).toBeGreaterThan(0)
  expect(everything).not.toContain(TOKEN)
  expect(capture.text()).toContain('"path":"/x?token=%5Bredacted%5D&sku=A"')
})
