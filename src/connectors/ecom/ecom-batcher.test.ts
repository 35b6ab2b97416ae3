import { delay, http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'

import { createFakeClock } from '../shared/clock'
import { Pacer } from '../shared/pacer'
import { UpstreamError } from '../shared/upstream-error'
import { createEcomBatcher } from './ecom-batcher'
import { createEcomClient } from './ecom-client'

const BASE = 'http://ecom-batch.test/api/v3'
const API = `${BASE}/1003`
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

interface SubRequest {
  id: string
  path: string
  method: string
  body: { sku?: string }
}

type SubAnswer = { status: 'COMPLETED' | 'FAILED' | 'NOT_EXECUTED'; code?: number; body?: object }

/**
 * A Batch API that runs each sub-request through `answer` when the batch is submitted, keeps
 * every submit (with its query) and answers COMPLETED on the first poll.
 */
function batchApi(
  answer: (req: SubRequest, batch: number) => SubAnswer,
  options: { hangFirst?: boolean } = {},
) {
  const submits: { query: URLSearchParams; requests: SubRequest[] }[] = []
  const results = new Map<string, object[]>()

  server.use(
    http.post(`${API}/batch`, async ({ request }) => {
      const requests = (await request.json()) as SubRequest[]
      const ticket = `t-${submits.length + 1}`

      submits.push({ query: new URL(request.url).searchParams, requests })
      results.set(
        ticket,
        requests.map((req) => {
          const sub = answer(req, submits.length)

          return {
            id: req.id,
            status: sub.status,
            httpStatusCode: sub.code,
            escapedHttpBody: sub.body ? JSON.stringify(sub.body) : undefined,
          }
        }),
      )
      if (options.hangFirst && submits.length === 1) await delay(1000)

      return HttpResponse.json({ ticket })
    }),
    http.get(`${API}/batch`, ({ request }) => {
      const ticket = new URL(request.url).searchParams.get('ticket') ?? ''

      return HttpResponse.json({ status: 'COMPLETED', responses: results.get(ticket) ?? [] })
    }),
  )

  return submits
}

function makeBatcher(maxBatch = 10) {
  const clock = createFakeClock()
  const client = createEcomClient({
    baseUrl: BASE,
    storeId: 1003,
    token: 'secret_batch',
    clock,
    pacer: new Pacer({ limit: 600, windowMs: 60_000 }, clock),
    timeoutMs: 100,
  })

  return { client, batcher: createEcomBatcher(client, { maxBatch, lingerMs: 5, clock }) }
}

const create = (sku: string) => ({ path: '/products', method: 'POST' as const, body: { sku } })

test('requests from many callers go out as one batch and each caller gets its own answer', async () => {
  const submits = batchApi((req) =>
    req.body.sku === 'TAKEN'
      ? {
          status: 'FAILED',
          code: 409,
          body: { errorCode: 'SKU_ALREADY_EXISTS', errorMessage: 'dup' },
        }
      : { status: 'COMPLETED', code: 200, body: { id: Number(req.id.slice(1)) * 10 } },
  )
  const { batcher, client } = makeBatcher()

  const outcomes = await Promise.allSettled(
    ['A', 'B', 'TAKEN', 'C'].map((sku) => batcher.send(create(sku))),
  )

  expect(submits).toHaveLength(1)
  expect(submits[0]!.requests.map((r) => r.body.sku)).toEqual(['A', 'B', 'TAKEN', 'C'])
  expect(submits[0]!.query.get('stopOnFirstFailure')).toBe('false')
  expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'rejected'))).toEqual([
    { id: 10 },
    { id: 20 },
    'rejected',
    { id: 40 },
  ])
  expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({
    status: 409,
    vendorCode: 'SKU_ALREADY_EXISTS',
    outcomeUnknown: false,
  })
  expect(client.stats().requests).toBe(2)
})

test('more callers than a batch takes go out in several batches', async () => {
  const submits = batchApi(() => ({ status: 'COMPLETED', code: 200, body: { id: 1 } }))
  const { batcher } = makeBatcher(3)

  await Promise.all(['A', 'B', 'C', 'D', 'E'].map((sku) => batcher.send(create(sku))))

  expect(submits.map((s) => s.requests.length)).toEqual([3, 2])
})

test('a request eCom did not run goes in the next batch, and only it', async () => {
  const submits = batchApi((req, batch) =>
    req.body.sku === 'B' && batch === 1
      ? { status: 'NOT_EXECUTED' }
      : { status: 'COMPLETED', code: 200, body: { id: batch } },
  )
  const { batcher } = makeBatcher()

  const ids = await Promise.all(['A', 'B'].map((sku) => batcher.send(create(sku))))

  expect(ids).toEqual([{ id: 1 }, { id: 2 }])
  expect(submits.map((s) => s.requests.map((r) => r.body.sku))).toEqual([['A', 'B'], ['B']])
  expect(batcher.stats()).toMatchObject({ batches: 2, resent: 1 })
})

test('a submit that never answers is sent again with the same deduplication key', async () => {
  const submits = batchApi(() => ({ status: 'COMPLETED', code: 200, body: { id: 7 } }), {
    hangFirst: true,
  })
  const { batcher } = makeBatcher()

  const body = await batcher.send(create('A'))

  expect(body).toEqual({ id: 7 })
  expect(submits).toHaveLength(2)
  expect(submits[1]!.query.get('deduplicationKey')).toBe(submits[0]!.query.get('deduplicationKey'))
})

test('after a resent submit, "already exists" is an unknown outcome, not someone else’s product', async () => {
  batchApi(
    (_req, batch) =>
      batch === 1
        ? { status: 'COMPLETED', code: 200, body: { id: 7 } }
        : { status: 'FAILED', code: 409, body: { errorCode: 'SKU_ALREADY_EXISTS' } },
    { hangFirst: true },
  )
  const { batcher } = makeBatcher()

  const error = await batcher.send(create('A')).catch((e: unknown) => e)

  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({ outcomeUnknown: true, vendorCode: 'SKU_ALREADY_EXISTS' })
})

test('a batch that never completes fails each request with an unknown outcome', async () => {
  server.use(
    http.post(`${API}/batch`, () => HttpResponse.json({ ticket: 't-x' })),
    http.get(`${API}/batch`, () => HttpResponse.json({ status: 'IN_PROGRESS' })),
  )
  const clock = createFakeClock()
  const client = createEcomClient({
    baseUrl: BASE,
    storeId: 1003,
    token: 'secret_batch',
    clock,
    pacer: new Pacer({ limit: 600, windowMs: 60_000 }, clock),
  })
  const batcher = createEcomBatcher(client, { lingerMs: 1, maxWaitMs: 60_000, clock })

  const errors = await Promise.all(
    ['A', 'B'].map((sku) => batcher.send(create(sku)).catch((e: unknown) => e)),
  )

  expect(errors).toEqual([
    expect.objectContaining({ outcomeUnknown: true, vendorCode: 'BATCH_INCOMPLETE' }),
    expect.objectContaining({ outcomeUnknown: true, vendorCode: 'BATCH_INCOMPLETE' }),
  ])
})
