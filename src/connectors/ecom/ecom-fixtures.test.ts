import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'

import { createFakeClock } from '../shared/clock'
import { Pacer } from '../shared/pacer'
import { fixtureNames, hasFixtures, readFixture, SKIP_NOTE } from '../shared/test-support'
import { UpstreamError } from '../shared/upstream-error'
import { createEcomClient, type EcomClient } from './ecom-client'

// Each documented Ecwid response example that a client method reads is served as that method's
// answer, so the lenient schemas are proven against the vendor's own shapes.

const BASE = 'http://ecom-fixtures.test/api/v3'
const API = `${BASE}/1003`
const server = setupServer()

type Check = (client: EcomClient) => Promise<void>

const serve = (
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
  name: string,
  status = 200,
) =>
  server.use(
    http[method](`${API}${path}`, () =>
      HttpResponse.json(readFixture('ecwid', name) as object, { status }),
    ),
  )

const CHECKS: Record<string, Check> = {
  'products.search.200.json': async (client) => {
    serve('get', '/products', 'products.search.200.json')
    const page = await client.searchProducts({ keyword: 'orange', limit: 2 })
    expect(page).toMatchObject({ total: 5, count: 2 })
    expect(page.items[0]?.sku).toBe('00099')
  },
  'product.get.200.json': async (client) => {
    serve('get', '/products/:id', 'product.get.200.json')
    const product = await client.getProduct(37208339)
    expect(product?.name).toBe('Radish')
    expect(product?.combinations?.length).toBeGreaterThan(0)
  },
  'product.create.200.json': async (client) => {
    serve('post', '/products', 'product.create.200.json')
    expect(await client.createProduct({ name: 'New' })).toBe(39766764)
  },
  'product.update.200.json': async (client) => {
    serve('put', '/products/:id', 'product.update.200.json')
    expect(await client.updateProduct(1, { price: 2 })).toBe(1)
  },
  'product.delete.200.json': async (client) => {
    serve('delete', '/products/:id', 'product.delete.200.json')
    expect(await client.deleteProduct(1)).toBe(1)
  },
  'product.image_upload.200.json': async (client) => {
    serve('post', '/products/:id/image', 'product.image_upload.200.json')
    expect(await client.addImageByUrl(1, 'https://img.test/a.jpg')).toBe(240198557)
  },
  'combinations.list.200.json': async (client) => {
    serve('get', '/products/:id/combinations', 'combinations.list.200.json')
    const combinations = await client.listCombinations(1)
    expect(combinations).toHaveLength(4)
    expect(combinations?.[0]?.options?.map((o) => o.name)).toEqual(['Size', 'Color'])
  },
  'combination.get.200.json': async (client) => {
    serve('get', '/products/:id/combinations/:cid', 'combination.get.200.json')
    expect((await client.getCombination(1, 7084075))?.sku).toBe('000072')
  },
  'combination.create.200.json': async (client) => {
    serve('post', '/products/:id/combinations', 'combination.create.200.json')
    expect(await client.createCombination(1, { sku: 'V-1' })).toBe(397662764)
  },
  'categories.search.200.json': async (client) => {
    serve('get', '/categories', 'categories.search.200.json')
    const categories = await client.listCategories()
    expect(categories.map((c) => c.name)).toEqual(['Fruit', 'Vegetables'])
  },
  'category.get.200.json': async (client) => {
    serve('get', '/categories/:id', 'category.get.200.json')
    expect((await client.getCategory(10861116))?.name).toBe('Subfruit2')
  },
  'category.create.200.json': async (client) => {
    serve('post', '/categories', 'category.create.200.json')
    expect(await client.createCategory('Fruit')).toBe(10869029)
  },
  'batch.create.200.json': async (client) => {
    serve('post', '/batch', 'batch.create.200.json')
    expect(await client.submitBatch([{ path: '/profile', method: 'GET' }])).toBe(
      '11d140a2-966f-4a9f-b4e6-fc451bc78979',
    )
  },
  'batch.create.400.json': async (client) => {
    serve('post', '/batch', 'batch.create.400.json', 400)
    const error = await client
      .submitBatch([{ path: '/profile', method: 'GET' }])
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UpstreamError)
    expect((error as UpstreamError).message).toMatch(/^eCom refused the data: Can't create batch/)
  },
  'combination.inventory_adjust.200.json': async (client) => {
    serve(
      'put',
      '/products/:id/combinations/:cid/inventory',
      'combination.inventory_adjust.200.json',
    )
    expect(await client.adjustCombinationInventory(1, 7084075, -2)).toBe(1)
  },
  'latest-stats.200.json': async (client) => {
    serve('get', '/latest-stats', 'latest-stats.200.json')
    expect((await client.getLatestStats()).productsUpdated).toBe('2014-10-19 18:56:21 +0400')
  },
  'products.deleted.200.json': async (client) => {
    serve('get', '/products/deleted', 'products.deleted.200.json')
    const ids: number[] = []
    for await (const page of client.iterateDeletedProducts())
      ids.push(...page.items.map((i) => i.id))
    expect(ids).toEqual([34256365236, 123123213213])
  },
}

/** Documented response examples no client method reads (the app does not use these endpoints). */
const NOT_READ: string[] = []

/** Documented request bodies, each sent through the method that writes it: what goes out. */
const REQUESTS: Record<string, { method: 'post' | 'put'; path: string; send: Check }> = {
  'product.create.request.json': {
    method: 'post',
    path: '/products',
    send: async (client) =>
      void (await client.createProduct(fixture('product.create.request.json'))),
  },
  'product.update.request.json': {
    method: 'put',
    path: '/products/:id',
    send: async (client) =>
      void (await client.updateProduct(1, fixture('product.update.request.json'))),
  },
  'product.inventory_adjust.request.json': {
    method: 'put',
    path: '/products/:id/inventory',
    send: async (client) => void (await client.adjustProductInventory(1, -10)),
  },
  'combination.create.request.json': {
    method: 'post',
    path: '/products/:id/combinations',
    send: async (client) =>
      void (await client.createCombination(1, fixture('combination.create.request.json'))),
  },
  'combination.update.request.json': {
    method: 'put',
    path: '/products/:id/combinations/:cid',
    send: async (client) =>
      void (await client.updateCombination(1, 2, fixture('combination.update.request.json'))),
  },
  'category.create.request.json': {
    method: 'post',
    path: '/categories',
    send: async (client) => {
      const { name, ...extra } = fixture<{ name: string }>('category.create.request.json')

      await client.createCategory(name, extra)
    },
  },
  'batch.create.request.json': {
    method: 'post',
    path: '/batch',
    send: async (client) => void (await client.submitBatch(fixture('batch.create.request.json'))),
  },
}

function fixture<T = never>(name: string): T {
  return readFixture('ecwid', name) as T
}

describe.skipIf(!hasFixtures)(`Ecwid fixtures${hasFixtures ? '' : ` (${SKIP_NOTE})`}`, () => {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())

  test('every response fixture is either read by a method or listed as not read', () => {
    const responses = fixtureNames('ecwid').filter((name) => /\.(200|400)\.json$/.test(name))

    expect(responses.sort()).toEqual([...Object.keys(CHECKS), ...NOT_READ].sort())
  })

  test('every request fixture is sent by a method', () => {
    const requests = fixtureNames('ecwid').filter((name) => name.endsWith('.request.json'))

    expect(requests.sort()).toEqual(Object.keys(REQUESTS).sort())
  })

  test.each(Object.keys(REQUESTS))('%s goes out as documented', async (name) => {
    const { method, path, send } = REQUESTS[name]!
    let sent: unknown = null
    server.use(
      http[method](`${API}${path}`, async ({ request }) => {
        sent = await request.json()

        return HttpResponse.json(path === '/batch' ? { ticket: 't' } : { id: 1, updateCount: 1 })
      }),
    )
    const clock = createFakeClock()
    const client = createEcomClient({
      baseUrl: BASE,
      storeId: 1003,
      token: 'secret_fixture',
      clock,
      pacer: new Pacer({ limit: 600, windowMs: 60_000 }, clock),
    })

    await send(client)

    expect(sent).toEqual(readFixture('ecwid', name))
  })

  test.each(Object.keys(CHECKS))('%s parses through its method', async (name) => {
    const clock = createFakeClock()
    const client = createEcomClient({
      baseUrl: BASE,
      storeId: 1003,
      token: 'secret_fixture',
      clock,
      pacer: new Pacer({ limit: 600, windowMs: 60_000 }, clock),
    })

    await CHECKS[name]!(client)
  })
})
