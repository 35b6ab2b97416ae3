import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'

import { createFakeClock } from '../shared/clock'
import { Pacer } from '../shared/pacer'
import { fixtureNames, hasFixtures, readFixture, SKIP_NOTE } from '../shared/test-support'
import { UpstreamError } from '../shared/upstream-error'
import { createPosClient, type PosClient } from './pos-client'

// Each documented X-Series example that a client method reads is served as that method's
// answer, so the lenient schemas are proven against the vendor's own shapes.

const BASE = 'http://pos-fixtures.test'
const API = `${BASE}/api/2.0`
const server = setupServer()

type Check = (client: PosClient) => Promise<void>

/** Serves a fixture; a list answers it for the first page only, as a real cursor would. */
const serve = (method: 'get' | 'post', path: string, name: string, status = 200) =>
  server.use(
    http[method](`${API}${path}`, ({ request }) => {
      const after = Number(new URL(request.url).searchParams.get('after') ?? 0)

      return after > 0
        ? HttpResponse.json({ data: [], version: null })
        : HttpResponse.json(readFixture('xseries', name) as object, { status })
    }),
  )

const expectError = async (work: Promise<unknown>, status: number, code: string) => {
  const error = await work.catch((e: unknown) => e)

  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({ system: 'pos', status, vendorCode: code })
  expect((error as UpstreamError).detail).toBeTruthy()
}

const CHECKS: Record<string, Check> = {
  'products.list.200.json': async (client) => {
    serve('get', '/products', 'products.list.200.json')
    const page = await client.listProducts()
    expect(page.data.map((p) => p.sku)).toEqual(['0003', '0005', '0006'])
    expect(page.version?.max).toBe(59780757)
  },
  'product.get.200.json': async (client) => {
    serve('get', '/products/:id', 'product.get.200.json')
    const product = await client.getProduct('b8ca3a65-0183-11e4-fbb5-7988a6ed80f8')
    expect(product?.categories?.map((t) => t.name)).toEqual(['tag_test', 'variant'])
    expect(product?.price_excluding_tax).toBe(110)
  },
  'products.create.200.json': async (client) => {
    serve('post', '/products', 'products.create.200.json')
    expect(await client.createProduct({ name: 'New' })).toEqual([
      '0717b8d6-a4eb-858b-351d-16274fdf186c',
    ])
  },
  'inventory.list.200.json': async (client) => {
    serve('get', '/inventory', 'inventory.list.200.json')
    const page = await client.listInventory()
    expect(page.data.map((r) => r.inventory_level)).toEqual([0, 0, -10])
  },
  'product.inventory.200.json': async (client) => {
    serve('get', '/products/:id/inventory', 'product.inventory.200.json')
    const records = await client.getProductInventory('b8ca3a65-0183-11e4-fbb5-7988a6ed80f8')
    expect(records?.map((r) => r.inventory_level)).toEqual([21, 42, 19])
  },
  'outlets.list.200.json': async (client) => {
    serve('get', '/outlets', 'outlets.list.200.json')
    const outlets = await client.listOutlets()
    expect(outlets.length).toBeGreaterThan(0)
    expect(outlets[0]?.display_prices).toBe('inclusive')
  },
  'tags.list.200.json': async (client) => {
    serve('get', '/tags', 'tags.list.200.json')
    expect((await client.listTags()).map((t) => t.name)).toEqual([
      'test',
      'some_other_tag',
      'General',
    ])
  },
  'outlet.get.200.json': async (client) => {
    serve('get', '/outlets/:id', 'outlet.get.200.json')
    const outlet = await client.getOutlet('b8ca3a65-0183-11e4-fbb5-2816d2677218')
    expect(outlet).toMatchObject({ name: 'Second Outlet', display_prices: 'inclusive' })
  },
  'taxes.list.200.json': async (client) => {
    serve('get', '/taxes', 'taxes.list.200.json')
    const taxes = await client.listTaxes()
    expect(taxes.find((t) => t.name === 'No Tax')?.rates?.[0]?.rate).toBe(0)
  },
  'outlet_taxes.list.200.json': async (client) => {
    serve('get', '/outlet_taxes', 'outlet_taxes.list.200.json')
    const taxes = await client.listOutletTaxes()
    expect(taxes[0]).toMatchObject({ tax_id: 'b1d192bc-f019-11e3-a0f5-b8ca3a64f8f4' })
  },
  'error.401.json': (client) => {
    serve('get', '/retailer', 'error.401.json', 401)
    return expectError(client.getRetailer(), 401, 'UNAUTHORIZED')
  },
  'error.403.json': (client) => {
    serve('get', '/tags', 'error.403.json', 403)
    return expectError(client.listTags(), 403, 'FORBIDDEN')
  },
  'error.404.json': async (client) => {
    serve('get', '/products/:id', 'error.404.json', 404)
    expect(await client.getProduct('missing')).toBeNull()
  },
}

/** Documented examples no client method reads (the app does not use these endpoints). */
const NOT_READ = [
  'brands.list.200.json',
  'price_book_products.list.200.json',
  'product_types.list.200.json',
  'suppliers.list.200.json',
  'tag.get.200.json',
]

describe.skipIf(!hasFixtures)(`X-Series fixtures${hasFixtures ? '' : ` (${SKIP_NOTE})`}`, () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())

  test('every fixture is either read by a method or listed as not read', () => {
    expect(fixtureNames('xseries').sort()).toEqual([...Object.keys(CHECKS), ...NOT_READ].sort())
  })

  test.each(Object.keys(CHECKS))('%s parses through its method', async (name) => {
    const clock = createFakeClock()
    const client = createPosClient({
      baseUrl: BASE,
      token: 'fixture-token',
      clock,
      pacer: new Pacer({ limit: 350, windowMs: 300_000 }, clock),
    })

    await CHECKS[name]!(client)
  })
})
