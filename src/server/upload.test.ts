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
  items: { id: number; sku?: string; name: string; price: number; quantity?: number; unlimited?: boolean; enabled: boolean; categoryIds?: number[]; combinations?: { sku?: string; price?: number; quantity?: number; options: { name: string; value: string }[] }[] }[]
}

async function attribute(name: string) {
  const res = await world.posApi<{ data: { id: string } }>('POST', '/api/2.0/variant_attributes', { name })

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
          { sku: 'LEAF-S', price_excluding_tax: 20, variant_definitions: [{ attribute_id: size, value: 'S' }], inventory: [{ outlet_id: outlet, current_amount: 3 }] },
          { sku: 'LEAF-L', price_excluding_tax: 22.5, variant_definitions: [{ attribute_id: size, value: 'L ' }], inventory: [{ outlet_id: outlet, current_amount: 1 }] },
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
    expect(tee?.combinations?.map((c) => [c.sku, c.price, c.quantity, c.options[0]?.value])).toEqual([
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
