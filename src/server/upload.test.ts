import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestWorld, type TestWorld } from './testing/test-world'

let world: TestWorld
let cookie: string

beforeAll(async () => {
  world = await startTestWorld()
  cookie = await world.openSession()
})
afterAll(async () => world?.stop())

interface EcomPage {
  total: number
  items: {
    id: number
    sku?: string
    name: string
    price: number
    quantity?: number
    unlimited?: boolean
    enabled: boolean
    categoryIds?: number[]
    combinations?: {
      sku?: string
      price?: number
      quantity?: number
      options: { name: string; value: string }[]
    }[]
  }[]
}

async function attribute(name: string) {
  const res = await world.posApi<{ data: { id: string } }>('POST', '/api/2.0/variant_attributes', {
    name,
  })

  return res.data.id
}

async function outletId() {
  const res = await world.posApi<{ data: { id: string }[] }>('GET', '/api/2.0/outlets')

  return res.data[0]?.id ?? ''
}

describe('POST /api/runs, Retail POS to eCom', () => {
  test('uploads standard products and families with their variants, SKUs, prices and stock, and refuses a composite', async () => {
    const outlet = await outletId()
    const size = await attribute('Size')
    await world.posApi('POST', '/api/2.0/products', {
      name: ' MIT Crest Mug',
      sku: 'MUG-1 ',
      price_excluding_tax: 12.5,
      inventory: [{ outlet_id: outlet, current_amount: -2 }],
    })
    const [teeId] = (
      await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
        name: 'Leaf Tee 🍃',
        description: '<p>Größe: M — 100 % Baumwolle 👕</p>',
        variants: [
          {
            sku: 'LEAF-S',
            price_excluding_tax: 20,
            variant_definitions: [{ attribute_id: size, value: 'S' }],
            inventory: [{ outlet_id: outlet, current_amount: 3 }],
          },
          {
            sku: 'LEAF-L',
            price_excluding_tax: 22.5,
            variant_definitions: [{ attribute_id: size, value: 'L ' }],
            inventory: [{ outlet_id: outlet, current_amount: 1 }],
          },
        ],
      })
    ).data
    await world.posApi('POST', '/api/2.0/products', {
      name: 'Gift Bundle',
      sku: 'BUNDLE-1',
      price_excluding_tax: 30,
      composite: [{ product_id: teeId, quantity: 1 }],
    })

    const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    const products = await world.ecomApi<EcomPage>('GET', '/products?limit=100')
    const items = await world.items(cookie, run.id)

    expect(run.status).toBe('completed_with_errors')
    expect(run.counts).toMatchObject({ total: 3, created: 2, refused: 1, failed: 0, pending: 0 })
    expect(items.find((i) => i.name === 'Gift Bundle')).toMatchObject({
      status: 'refused',
      reasons: ['"Gift Bundle": composite products are not supported'],
    })
    const mug = products.items.find((p) => p.sku === 'MUG-1')
    expect(mug).toMatchObject({ name: 'MIT Crest Mug', price: 12.5, quantity: 0, enabled: true })
    const tee = products.items.find((p) => p.name === 'Leaf Tee 🍃')
    expect(
      tee?.combinations?.map((c) => [c.sku, c.price, c.quantity, c.options[0]?.value]),
    ).toEqual([
      ['LEAF-S', 20, 3, 'S'],
      ['LEAF-L', 22.5, 1, 'L'],
    ])
    expect(products.total).toBe(2)
  })

  test('uploading the same products again links them and creates nothing twice', async () => {
    const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    const products = await world.ecomApi<EcomPage>('GET', '/products?limit=100')

    expect(run.counts).toMatchObject({ total: 3, created: 0, linked: 2, refused: 1 })
    expect(products.total).toBe(2)
  })
})

describe('GET /api/source-products', () => {
  test('finds Retail POS products by part of the name, emoji included, or by a variant SKU', async () => {
    const byName = await world.app.inject({
      method: 'GET',
      url: '/api/source-products?side=pos&q=leaf%20tee',
      headers: { cookie },
    })
    const byEmoji = await world.app.inject({
      method: 'GET',
      url: `/api/source-products?side=pos&q=${encodeURIComponent('🍃')}`,
      headers: { cookie },
    })
    const bySku = await world.app.inject({
      method: 'GET',
      url: '/api/source-products?side=pos&q=LEAF-L',
      headers: { cookie },
    })

    for (const res of [byName, byEmoji, bySku]) {
      expect(res.json()).toMatchObject({
        total: 1,
        items: [{ name: 'Leaf Tee 🍃', variantCount: 2, price: '20' }],
      })
    }
  })

  test('answers 401 without a session and 400 for a bad side', async () => {
    const anonymous = await world.app.inject({
      method: 'GET',
      url: '/api/source-products?side=pos',
    })
    const bad = await world.app.inject({
      method: 'GET',
      url: '/api/source-products?side=shop',
      headers: { cookie },
    })

    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toMatchObject({ error: { code: 'SESSION_EXPIRED' } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } })
  })

  test('another store sees none of this store’s runs or links', async () => {
    const other = await world.openSession(1004)

    const runs = await world.app.inject({
      method: 'GET',
      url: '/api/runs',
      headers: { cookie: other },
    })
    const links = await world.app.inject({
      method: 'GET',
      url: '/api/links',
      headers: { cookie: other },
    })
    const mine = await world.app.inject({ method: 'GET', url: '/api/runs', headers: { cookie } })
    const firstRun = (mine.json() as { items: { id: string }[] }).items[0]?.id ?? 'none'
    const peek = await world.app.inject({
      method: 'GET',
      url: `/api/runs/${firstRun}`,
      headers: { cookie: other },
    })

    expect(runs.json()).toMatchObject({ total: 0 })
    expect(links.json()).toMatchObject({ total: 0 })
    expect(peek.statusCode).toBe(404)
  })
})
