import { delay, http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'

import { createFakeClock } from '../shared/clock'
import type { WaitInfo } from '../shared/paced-requester'
import { Pacer } from '../shared/pacer'
import { createCapturingLogger } from '../shared/test-support'
import { UpstreamError } from '../shared/upstream-error'
import { createPosClient, type PosClientOptions } from './pos-client'

const BASE = 'http://pos.test'
const API = `${BASE}/api/2.0`
const TOKEN = 'lsxs_pt_secret_value_42'
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function makeClient(overrides: Partial<PosClientOptions> = {}) {
  const clock = createFakeClock()
  const waits: WaitInfo[] = []
  const client = createPosClient({
    baseUrl: BASE,
    token: TOKEN,
    clock,
    pacer: new Pacer({ limit: 350, windowMs: 300_000 }, clock),
    onWait: (info) => waits.push(info),
    random: () => 0.5,
    ...overrides,
  })

  return { client, clock, waits }
}

const product = (id: string, version: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Product ${id}`,
  sku: `SKU-${id}`,
  version,
  ...extra,
})

test('walks the version cursor over every page exactly once and stops on empty data', async () => {
  const pages: Record<string, object> = {
    '0': { data: [product('a', 10), product('b', 20)], version: { min: 10, max: 20 } },
    '20': { data: [product('c', 35)], version: { min: 35, max: 35 } },
    '35': { data: [], version: { min: null, max: null } },
  }
  const afters: string[] = []
  server.use(
    http.get(`${API}/products`, ({ request }) => {
      const after = new URL(request.url).searchParams.get('after') ?? '0'

      afters.push(after)

      return HttpResponse.json(pages[after])
    }),
  )
  const { client } = makeClient()
  const seen: string[] = []
  const watermarks: (number | null | undefined)[] = []

  for await (const page of client.iterateProducts({ pageSize: 2 })) {
    seen.push(...page.data.map((p) => p.id))
    watermarks.push(page.version?.max)
  }

  expect(seen).toEqual(['a', 'b', 'c'])
  expect(afters).toEqual(['0', '20', '35'])
  expect(watermarks).toEqual([20, 35])
})

test('a cursor that does not advance stops with a clear error instead of looping', async () => {
  let calls = 0
  server.use(
    http.get(`${API}/products`, () => {
      calls += 1

      return HttpResponse.json({ data: [product('a', 10)], version: { min: 10, max: 10 } })
    }),
  )
  const { client } = makeClient()
  const seen: string[] = []

  const error = await (async () => {
    for await (const page of client.iterateProducts()) seen.push(...page.data.map((p) => p.id))
  })().catch((e: unknown) => e)

  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({ system: 'pos', vendorCode: 'CURSOR_STUCK', retryable: false })
  expect((error as Error).message).toMatch(/same page of products/)
  expect(seen).toEqual(['a'])
  expect(calls).toBe(2)
})

test('getProduct returns null on 404', async () => {
  server.use(
    http.get(`${API}/products/:id`, () =>
      HttpResponse.json({ error: 'product not found' }, { status: 404 }),
    ),
  )
  const { client } = makeClient()

  expect(await client.getProduct('gone')).toBeNull()
})

test('blank SKUs never match and make no request', async () => {
  const { client } = makeClient()

  expect(await client.findProductsBySku('')).toEqual([])
  expect(await client.findProductsBySku('   ')).toEqual([])
  expect(await client.findProductsBySku(null)).toEqual([])
  expect(client.stats().requests).toBe(0)
})

test('looks a SKU up with the exact, trimmed list filter', async () => {
  let query = ''
  server.use(
    http.get(`${API}/products`, ({ request }) => {
      query = new URL(request.url).search

      return HttpResponse.json({ data: [product('a', 1, { sku: 'ABC-1' })], version: null })
    }),
  )
  const { client } = makeClient()

  const found = await client.findProductsBySku(' ABC-1 ')

  expect(query).toBe('?sku=ABC-1')
  expect(found.map((p) => p.id)).toEqual(['a'])
})

test('a 429 with an HTTP-date Retry-After waits until then and succeeds', async () => {
  const { client, clock, waits } = makeClient()
  const until = new Date(Math.ceil((clock.now() + 3000) / 1000) * 1000)
  let calls = 0
  server.use(
    http.get(`${API}/retailer`, () => {
      calls += 1

      return calls === 1
        ? HttpResponse.json(
            { error: 'Too Many Requests', message: 'Rate limiting enforced' },
            { status: 429, headers: { 'Retry-After': until.toUTCString() } },
          )
        : HttpResponse.json({
            data: { name: 'Shop', currency: { code: 'NZD' }, tax_exclusive: false },
          })
    }),
  )

  const retailer = await client.getRetailer()

  expect(retailer).toMatchObject({ name: 'Shop', currencyCode: 'NZD', taxExclusive: false })
  expect(clock.now()).toBeGreaterThanOrEqual(until.getTime())
  expect(waits).toContainEqual({ system: 'pos', until, reason: 'rate-limited' })
})

test('a create that times out is not resent and reports an unknown outcome', async () => {
  let calls = 0
  server.use(
    http.post(`${API}/products`, async () => {
      calls += 1
      await delay(1000)

      return HttpResponse.json({ data: ['new-id'] })
    }),
  )
  const { client } = makeClient({ timeoutMs: 50 })

  const error = await client.createProduct({ name: 'Mug', sku: 'MUG-1' }).catch((e: unknown) => e)

  expect(error).toMatchObject({ system: 'pos', outcomeUnknown: true, vendorCode: 'TIMEOUT' })
  expect(calls).toBe(1)
})

test('getFamily returns the parent and its live variants from any member', async () => {
  server.use(
    http.get(`${API}/products/:id`, ({ params }) =>
      params.id === 'child-1'
        ? HttpResponse.json({
            data: product('child-1', 3, { name: 'Tee', variant_parent_id: 'p' }),
          })
        : HttpResponse.json({ data: product('p', 1, { name: 'Tee', has_variants: true }) }),
    ),
    http.get(`${API}/products`, ({ request }) => {
      expect(new URL(request.url).searchParams.get('family_name')).toBe('Tee')

      return HttpResponse.json({
        data: [
          product('p', 1, { name: 'Tee', has_variants: true }),
          product('child-1', 3, { name: 'Tee', variant_parent_id: 'p' }),
          product('child-2', 4, { name: 'Tee', variant_parent_id: 'p' }),
          product('child-3', 5, { name: 'Tee', variant_parent_id: 'p', deleted_at: '2024-01-01' }),
        ],
      })
    }),
  )
  const { client } = makeClient()

  const family = await client.getFamily('child-1')

  expect(family?.parent.id).toBe('p')
  expect(family?.children.map((c) => c.id)).toEqual(['child-1', 'child-2'])
})

test('updateProduct sends common and details to API 2.1', async () => {
  let sent: unknown = null
  server.use(
    http.put(`${BASE}/api/2.1/products/:id`, async ({ request }) => {
      sent = await request.json()

      return HttpResponse.json({})
    }),
  )
  const { client } = makeClient({ baseUrl: `${BASE}/api/2.0/` })

  await client.updateProduct('p', { common: { name: 'New' }, details: { is_active: false } })

  expect(sent).toEqual({ common: { name: 'New' }, details: { is_active: false } })
})

test('search stays inside the 1000-result window and sends SKUs lowercased', async () => {
  let params: URLSearchParams | null = null
  server.use(
    http.get(`${API}/search`, ({ request }) => {
      params = new URL(request.url).searchParams

      return HttpResponse.json({ data: [] })
    }),
  )
  const { client } = makeClient()

  const page = await client.searchProducts({ offset: 950, pageSize: 100, sku: 'AbC' })
  const beyond = await client.searchProducts({ offset: 1000, pageSize: 100 })

  expect(params!.get('page_size')).toBe('50')
  expect(params!.get('sku')).toBe('abc')
  expect(params!.get('type')).toBe('products')
  expect(page.hasMore).toBe(false)
  expect(beyond.data).toEqual([])
  expect(client.stats().requests).toBe(1)
})

test('a refused token is a plain message, and neither error nor log holds the token', async () => {
  server.use(
    http.get(`${API}/outlets`, () =>
      HttpResponse.json({ error: 'Access token is not valid' }, { status: 401 }),
    ),
  )
  const capture = createCapturingLogger()
  const { client } = makeClient({ logger: capture.logger })

  const error = (await client.listOutlets().catch((e: unknown) => e)) as UpstreamError

  expect(error).toMatchObject({ status: 401, vendorCode: 'UNAUTHORIZED', retryable: false })
  expect(error.message).toBe("Retail POS did not accept the app's access; reconnect Retail POS")
  expect(`${JSON.stringify(error)} ${error.stack} ${capture.text()}`).not.toContain(TOKEN)
})

test('reads variant attributes as the one unpaged list the spec describes', async () => {
  let calls = 0
  server.use(
    http.get(`${API}/variant_attributes`, () => {
      calls++

      return HttpResponse.json({
        data: [
          { id: 'a1', name: 'Size' },
          { id: 'a2', name: 'Colour', deleted_at: '2026-01-01T00:00:00+00:00' },
        ],
      })
    }),
  )
  const { client } = makeClient()

  const attributes = await client.listVariantAttributes()

  expect(attributes.map((a) => a.name)).toEqual(['Size'])
  expect(calls).toBe(1)
})

test('a register sale whose create failed while saving is found again by its source id along the cursor', async () => {
  server.use(
    http.post(`${BASE}/api/register_sales`, () =>
      HttpResponse.json({ error: 'Bad gateway' }, { status: 502 }),
    ),
    http.get(`${API}/sales`, ({ request }) => {
      const after = new URL(request.url).searchParams.get('after')

      return after === '40'
        ? HttpResponse.json({
            data: [
              { id: 's-a', source_id: 'ORDER-0', version: 41 },
              { id: 's-b', source_id: 'ORDER-9', version: 42 },
              { id: 's-c', return_for: 's-b', version: 43 },
            ],
            version: { min: 41, max: 43 },
          })
        : HttpResponse.json({ data: [], version: { min: null, max: null } })
    }),
  )
  const { client } = makeClient()
  const body = {
    register_id: 'r-1',
    user_id: 'u-1',
    status: 'CLOSED',
    source_id: 'ORDER-9',
    register_sale_products: [{ product_id: 'p', quantity: 1, price: 1, tax: 0, tax_id: 't' }],
  }

  const error = await client.createRegisterSale(body).catch((e: unknown) => e)
  const found = await client.findSaleBySourceId('ORDER-9', { after: 40 })
  const returned = await client.findReturnOf('s-b', { after: 40 })
  const missing = await client.findSaleBySourceId('ORDER-7', { after: 40 })

  expect(error).toMatchObject({ status: 502, outcomeUnknown: true })
  expect([found?.id, returned?.id, missing]).toEqual(['s-b', 's-c', null])
})

test('walks sales along the version cursor', async () => {
  server.use(
    http.get(`${API}/sales`, ({ request }) => {
      const after = new URL(request.url).searchParams.get('after')

      return after === '0'
        ? HttpResponse.json({ data: [{ id: 's1', version: 5 }], version: { min: 5, max: 5 } })
        : HttpResponse.json({ data: [], version: { min: null, max: null } })
    }),
  )
  const { client } = makeClient()
  const ids: string[] = []

  for await (const page of client.iterateSales()) ids.push(...page.data.map((s) => s.id))

  expect(ids).toEqual(['s1'])
})

test('subscribes a webhook once: an existing one is kept and a 409 race is read as done', async () => {
  const hooks: { id: string; url: string; type: string; active: boolean }[] = []
  const posted: unknown[] = []
  server.use(
    http.get(`${API}/webhooks`, () => HttpResponse.json({ data: hooks })),
    http.post(`${API}/webhooks`, async ({ request }) => {
      const body = (await request.json()) as { url: string; type: string; active: boolean }

      posted.push(body)
      if (body.type === 'inventory.update') {
        hooks.push({ id: 'w-race', ...body })

        return HttpResponse.json({ error: 'Webhook already exists' }, { status: 409 })
      }
      const hook = { id: `w-${posted.length}`, ...body }

      hooks.push(hook)

      return HttpResponse.json({ data: { ...hook, retailer_id: 'r-1' } }, { status: 201 })
    }),
    http.delete(`${API}/webhooks/:id`, ({ params }) =>
      params.id === 'w-1'
        ? HttpResponse.json({})
        : HttpResponse.json({ error: 'Not found' }, { status: 404 }),
    ),
  )
  const { client } = makeClient()
  const url = 'https://app.test/api/webhooks/pos'

  const created = await client.ensureWebhook({ url, type: 'product.update' })
  const again = await client.ensureWebhook({ url, type: 'product.update' })
  const raced = await client.ensureWebhook({ url, type: 'inventory.update' })
  const listed = await client.listWebhooks()
  const deleted = await client.deleteWebhook('w-1')
  const missing = await client.deleteWebhook('w-gone')

  expect(created).toMatchObject({ id: 'w-1', url, type: 'product.update', active: true })
  expect(again.id).toBe('w-1')
  expect(raced.id).toBe('w-race')
  expect(posted).toEqual([
    { url, type: 'product.update', active: true },
    { url, type: 'inventory.update', active: true },
  ])
  expect(listed).toHaveLength(2)
  expect([deleted, missing]).toEqual([true, false])
})

test('a static token keeps working when the caller gives a bare token function', async () => {
  server.use(
    http.get(`${API}/retailer`, ({ request }) =>
      HttpResponse.json({ data: { name: request.headers.get('authorization') } }),
    ),
  )
  const { client } = makeClient({ token: () => Promise.resolve('fn-token') })

  expect((await client.getRetailer()).name).toBe('Bearer fn-token')
})
