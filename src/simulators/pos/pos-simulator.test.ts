import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { allPages, openSimulator, tempDataFile, type TestSimulator } from './pos-test-helpers'

interface Product {
  id: string
  name: string
  sku: string | null
  version: number
  deleted_at: string | null
  variant_parent_id: string | null
  has_variants: boolean
  is_composite: boolean
  has_inventory: boolean
  is_active: boolean
  price_excluding_tax: number
  price_including_tax: number
  variant_options: { name: string; value: string }[]
}

let sim: TestSimulator
let cleanup: () => void

beforeEach(() => {
  const temp = tempDataFile()
  cleanup = temp.cleanup
  sim = openSimulator({ dataFile: temp.file, seed: 'demo' })
})

afterEach(async () => {
  await sim.close()
  cleanup()
})

async function attributeIds(...names: string[]) {
  const ids: string[] = []
  for (const name of names) {
    const created = await sim.send<{ data: { id: string } }>(
      'POST',
      '/api/2.0/variant_attributes',
      {
        name,
      },
    )
    ids.push(created.body.data.id)
  }

  return ids
}

async function outletIds() {
  const { body } = await sim.get<{ data: { id: string }[] }>('/api/2.0/outlets')

  return body.data.map((o) => o.id)
}

describe('authentication', () => {
  test('answers 401 with the documented body without a bearer token', async () => {
    const response = await sim.app.inject({ url: '/api/2.0/products' })

    expect(response.statusCode).toBe(401)
    expect(response.json()).toEqual({ error: 'Access token is not valid' })
  })

  test('answers 401 to a wrong token, also on control routes', async () => {
    const headers = { authorization: 'Bearer nope' }

    const api = await sim.app.inject({ url: '/api/2.0/retailer', headers })
    const control = await sim.app.inject({ method: 'POST', url: '/_sim/reset', headers })

    expect(api.statusCode).toBe(401)
    expect(control.statusCode).toBe(401)
  })

  test('serves demo images without a token, as a CDN does', async () => {
    const { body } = await sim.get<{ data: Product & { image_url: string }[] }>('/api/2.0/products')
    const url = new URL((body.data as unknown as { image_url: string }[])[0]?.image_url ?? '')

    const image = await sim.app.inject({ url: url.pathname })

    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toContain('image/svg+xml')
  })
})

describe('GET /api/2.0/products version cursor', () => {
  test('pages return every live product exactly once, ascending, then an empty page', async () => {
    const everything = await sim.get<{ data: Product[] }>('/api/2.0/products?page_size=1000')

    const pages = await allPages<Product>(sim, '/api/2.0/products', 7)

    const seen = pages.flatMap((page) => page.data)
    const versions = seen.map((p) => p.version)
    expect(seen.map((p) => p.id).sort()).toEqual(everything.body.data.map((p) => p.id).sort())
    expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(pages.at(-1)).toEqual({ data: [], version: { min: null, max: null } })
    for (const page of pages.slice(0, -1)) {
      expect(page.version).toEqual({ min: page.data[0]?.version, max: page.data.at(-1)?.version })
    }
  })

  test('an updated product comes back after the old watermark, once', async () => {
    const first = await sim.get<{ data: Product[]; version: { max: number } }>(
      '/api/2.0/products?page_size=1000',
    )
    const target = first.body.data.find((p) => p.sku === 'DO-MUG-CREME')

    await sim.send('PUT', `/api/2.1/products/${target?.id}`, {
      details: { price_excluding_tax: 15 },
    })
    const changes = await sim.get<{ data: Product[] }>(
      `/api/2.0/products?after=${first.body.version.max}`,
    )

    expect(changes.body.data.map((p) => p.sku)).toEqual(['DO-MUG-CREME'])
  })

  test('before is an exclusive upper bound and page_size is capped at 1000', async () => {
    const all = await sim.get<{ data: Product[] }>('/api/2.0/products?page_size=5000')
    const third = all.body.data[2]?.version ?? 0

    const below = await sim.get<{ data: Product[] }>(`/api/2.0/products?before=${third}`)

    expect(all.status).toBe(200)
    expect(below.body.data).toHaveLength(2)
  })

  test('taxes follow the cursor too: the tax once, then an empty page', async () => {
    const first = await sim.get<{ data: { id: string }[]; version: { max: number } }>(
      '/api/2.0/taxes',
    )
    const next = await sim.get<{ data: unknown[] }>(
      `/api/2.0/taxes?after=${first.body.version.max}`,
    )

    expect(first.body.data).toHaveLength(1)
    expect(next.body.data).toEqual([])
  })

  test('sku= finds one product exactly; name= finds its whole family', async () => {
    const bySku = await sim.get<{ data: Product[] }>(
      '/api/2.0/products?sku=DO-HOOD-FOR-M&page_size=1',
    )
    const byName = await sim.get<{ data: Product[] }>('/api/2.0/products?name=Trail%20Hoodie')
    const lowercase = await sim.get<{ data: Product[] }>('/api/2.0/products?sku=do-hood-for-m')

    expect(bySku.body.data.map((p) => p.sku)).toEqual(['DO-HOOD-FOR-M'])
    expect(byName.body.data).toHaveLength(6)
    expect(lowercase.body.data).toEqual([])
  })
})

describe('soft deletes', () => {
  test('a deleted product is hidden unless deleted=true, and keeps deleted_at', async () => {
    const { body } = await sim.get<{ data: Product[] }>('/api/2.0/products?sku=DO-POSTER-SUNSET')
    const id = body.data[0]?.id ?? ''

    const deleted = await sim.send('DELETE', `/api/2.0/products/${id}`)
    const live = await sim.get<{ data: Product[] }>('/api/2.0/products?page_size=1000')
    const withDeleted = await sim.get<{ data: Product[] }>(
      '/api/2.0/products?page_size=1000&deleted=true',
    )
    const single = await sim.get<{ data: Product }>(`/api/2.0/products/${id}`)

    expect(deleted.status).toBe(200)
    expect(live.body.data.some((p) => p.id === id)).toBe(false)
    expect(withDeleted.body.data.find((p) => p.id === id)?.deleted_at).toMatch(/\+00:00$/)
    expect(single.body.data.deleted_at).not.toBeNull()
  })

  test('the demo seed already holds one deleted product', async () => {
    const live = await sim.get<{ data: Product[] }>('/api/2.0/products?page_size=1000')
    const all = await sim.get<{ data: Product[] }>('/api/2.0/products?page_size=1000&deleted=true')

    const deleted = all.body.data.filter((p) => p.deleted_at !== null)

    expect(deleted.map((p) => p.name)).toEqual(['Old Logo Tee'])
    expect(all.body.data).toHaveLength(live.body.data.length + 1)
  })

  test('deleting a parent makes the next member the parent; /all deletes the family', async () => {
    const family = await sim.get<{ data: Product[] }>('/api/2.0/products?name=Merino%20Beanie')
    const parent = family.body.data.find((p) => p.has_variants)

    await sim.send('DELETE', `/api/2.0/products/${parent?.id}`)
    const rest = await sim.get<{ data: Product[] }>('/api/2.0/products?name=Merino%20Beanie')
    await sim.send('DELETE', `/api/2.0/products/${rest.body.data[0]?.id}/all`)
    const none = await sim.get<{ data: Product[] }>('/api/2.0/products?name=Merino%20Beanie')

    expect(rest.body.data).toHaveLength(2)
    expect(
      rest.body.data.filter((p) => p.has_variants && p.variant_parent_id === null),
    ).toHaveLength(1)
    expect(none.body.data).toEqual([])
  })
})

describe('POST /api/2.0/products', () => {
  test('creates a family, parent first, with both prices computed exactly', async () => {
    const [size] = await attributeIds('Fit')

    const created = await sim.send<{ data: string[] }>('POST', '/api/2.1/products', {
      name: 'Canvas Cap',
      variants: [
        {
          sku: 'CAP-S',
          price_excluding_tax: 24.99,
          variant_definitions: [{ attribute_id: size, value: 'S' }],
        },
        {
          sku: 'CAP-L',
          price_including_tax: 27.2,
          variant_definitions: [{ attribute_id: size, value: 'L' }],
        },
      ],
    })
    const [small, large] = await Promise.all(
      (created.body.data ?? []).map((id) => sim.get<{ data: Product }>(`/api/2.0/products/${id}`)),
    )

    expect(created.status).toBe(200)
    expect(small?.body.data).toMatchObject({
      has_variants: true,
      variant_parent_id: null,
      price_excluding_tax: 24.99,
      price_including_tax: 27.20786,
    })
    expect(large?.body.data).toMatchObject({
      has_variants: false,
      variant_parent_id: small?.body.data.id,
      price_including_tax: 27.2,
      price_excluding_tax: 24.98278,
    })
  })

  test('refuses a fourth variant attribute, naming the limit', async () => {
    const ids = await attributeIds('A1', 'A2', 'A3', 'A4')

    const refused = await sim.send<{ error: string }>('POST', '/api/2.0/products', {
      name: 'Too Many Axes',
      variants: [
        { variant_definitions: ids.map((attribute_id) => ({ attribute_id, value: 'x' })) },
      ],
    })

    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatch(/at most 3 variant attributes/)
  })

  test('refuses 201 variants, naming the limit, and creates nothing', async () => {
    const [number] = await attributeIds('Number')
    const variants = Array.from({ length: 201 }, (_, i) => ({
      variant_definitions: [{ attribute_id: number, value: String(i) }],
    }))

    const refused = await sim.send<{ error: string }>('POST', '/api/2.0/products', {
      name: 'Big',
      variants,
    })
    const allowed = await sim.send('POST', '/api/2.0/products', {
      name: 'Big',
      variants: variants.slice(0, 200),
    })

    expect(refused.status).toBe(422)
    expect(refused.body.error).toMatch(/at most 200 variants/)
    expect(allowed.status).toBe(200)
  })

  test('refuses both prices, a SKU in use and a name used by another family', async () => {
    const both = await sim.send<{ error: string }>('POST', '/api/2.0/products', {
      name: 'Both Prices',
      price_excluding_tax: 1,
      price_including_tax: 1.1,
    })
    const sku = await sim.send<{ error: string }>('POST', '/api/2.0/products', {
      name: 'Copy',
      sku: 'do-mug-creme',
    })
    const name = await sim.send<{ error: string }>('POST', '/api/2.0/products', {
      name: 'Trail Hoodie',
    })

    expect(both.status).toBe(422)
    expect(both.body.error).toMatch(/both price_including_tax and price_excluding_tax/)
    expect(sku.body.error).toMatch(/sku "do-mug-creme" is already in use/)
    expect(name.body.error).toMatch(/already used by another product/)
  })

  test('takes a SKU in use when the retailer allows duplicates (simulator setting)', async () => {
    await sim.send('PUT', '/_sim/retailer', { allow_duplicate_skus: true })

    const copy = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Copy',
      sku: 'DO-MUG-CREME',
    })
    const same = await sim.get<{ data: Product[] }>('/api/2.0/products?sku=DO-MUG-CREME')

    expect(copy.status).toBe(200)
    expect(same.body.data).toHaveLength(2)
  })

  test('creates a composite and generates a SKU when none is given', async () => {
    const mug = await sim.get<{ data: Product[] }>('/api/2.0/products?sku=DO-MUG-CAMP')

    const created = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Two Mugs',
      composite: [{ product_id: mug.body.data[0]?.id, quantity: 2 }],
    })
    const kit = await sim.get<{ data: Product & { composite_bom: Record<string, number> } }>(
      `/api/2.0/products/${created.body.data[0]}`,
    )

    expect(kit.body.data.is_composite).toBe(true)
    expect(kit.body.data.composite_bom).toEqual({ [mug.body.data[0]?.id ?? '']: 2 })
    expect(kit.body.data.sku).toMatch(/^\d+$/)
  })
})

describe('PUT /api/2.1/products/{id}', () => {
  test('common applies to the whole family, details to one product', async () => {
    const family = await sim.get<{ data: Product[] }>(
      '/api/2.0/products?name=Water%20Bottle%20750%20ml',
    )
    const [sage, sand] = family.body.data

    const updated = await sim.send('PUT', `/api/2.1/products/${sand?.id}`, {
      common: { name: 'Steel Bottle' },
      details: { price_excluding_tax: 30, is_active: false },
    })
    const after = await sim.get<{ data: Product[] }>('/api/2.0/products?name=Steel%20Bottle')

    expect(updated.status).toBe(200)
    expect(after.body.data.map((p) => [p.id, p.price_excluding_tax, p.is_active])).toEqual([
      [sage?.id, 27.5, true],
      [sand?.id, 30, false],
    ])
  })

  test('details.inventory sets absolute stock per outlet, negative included', async () => {
    const [main] = await outletIds()
    const { body } = await sim.get<{ data: Product[] }>('/api/2.0/products?sku=DO-SCARF-NANDU')
    const id = body.data[0]?.id

    await sim.send('PUT', `/api/2.1/products/${id}`, {
      details: { inventory: [{ outlet_id: main, current_amount: -3 }] },
    })
    const stock = await sim.get<{ data: { outlet_id: string; inventory_level: number }[] }>(
      `/api/2.0/products/${id}/inventory`,
    )

    expect(stock.body.data.find((r) => r.outlet_id === main)?.inventory_level).toBe(-3)
  })

  test('answers 404 for an unknown product and 422 for both prices', async () => {
    const { body } = await sim.get<{ data: Product[] }>('/api/2.0/products?sku=DO-SCARF-NANDU')

    const missing = await sim.send(
      'PUT',
      '/api/2.1/products/00000000-0000-0000-0000-000000000000',
      {},
    )
    const both = await sim.send('PUT', `/api/2.1/products/${body.data[0]?.id}`, {
      details: { price_excluding_tax: 1, price_including_tax: 1 },
    })

    expect(missing.status).toBe(404)
    expect(both.status).toBe(422)
  })

  test('the 2.1 single-variant create adds a variant to a family by name', async () => {
    const family = await sim.get<{ data: (Product & { variant_options: { id: string }[] })[] }>(
      '/api/2.0/products?name=Merino%20Beanie',
    )
    const attribute = family.body.data[0]?.variant_options[0]?.id

    const created = await sim.send<{ data: string[] }>('POST', '/api/2.1/products', {
      common: { name: 'Merino Beanie' },
      details: {
        sku: 'DO-BEAN-Moss',
        variant_attribute_values: [{ attribute_id: attribute, attribute_value: 'Moss' }],
      },
    })
    const after = await sim.get<{ data: (Product & { variant_count: number })[] }>(
      '/api/2.0/products?name=Merino%20Beanie',
    )

    expect(created.status).toBe(200)
    expect(after.body.data.map((p) => p.variant_count)).toEqual([4, 4, 4, 4])
  })
})

describe('GET /api/2.0/search?type=products', () => {
  test('matches lowercased SKUs only, as the docs warn', async () => {
    const lower = await sim.get<{ data: Product[] }>(
      '/api/2.0/search?type=products&sku=do-mug-creme',
    )
    const upper = await sim.get<{ data: Product[] }>(
      '/api/2.0/search?type=products&sku=DO-MUG-CREME',
    )

    expect(lower.body.data.map((p) => p.sku)).toEqual(['DO-MUG-CREME'])
    expect(upper.body.data).toEqual([])
  })

  test('pages with offset and page_size in the requested order', async () => {
    const first = await sim.get<{ data: Product[] }>(
      '/api/2.0/search?type=products&order_by=sku&page_size=3',
    )
    const second = await sim.get<{ data: Product[] }>(
      '/api/2.0/search?type=products&order_by=sku&page_size=3&offset=3',
    )
    const skus = [...first.body.data, ...second.body.data].map((p) => p.sku ?? '')

    expect(skus).toHaveLength(6)
    expect(skus).toEqual([...skus].sort())
  })
})

describe('demo seed', () => {
  test('holds the cases a sync must refuse, negative stock and an untracked product', async () => {
    const { body } = await sim.get<{ data: Product[] }>('/api/2.0/products?page_size=1000')
    const stock = await allPages<{ inventory_level: number }>(sim, '/api/2.0/inventory', 1000)

    const bandanas = body.data.filter((p) => p.name === 'Twin Pack Bandana')

    expect(body.data.filter((p) => p.is_composite).map((p) => p.name)).toEqual(['Weekend Kit'])
    expect(body.data.find((p) => p.name === 'Mystery Tee' && p.sku === '')).toBeDefined()
    expect(new Set(bandanas.map((p) => p.sku)).size).toBe(1)
    expect(body.data.find((p) => p.name === 'Gift Wrapping')?.has_inventory).toBe(false)
    expect(stock.flatMap((page) => page.data).some((r) => r.inventory_level < 0)).toBe(true)
    expect(body.data.some((p) => p.variant_options.length === 3)).toBe(true)
  })

  test('a restart keeps the products, and versions go on from where they were', async () => {
    const before = await sim.get<{ data: Product[]; version: { max: number } }>(
      '/api/2.0/products?page_size=1000',
    )
    await sim.send('POST', '/api/2.0/products', { name: 'Made Before Restart', sku: 'RESTART-1' })

    sim = await sim.reopen()
    const after = await sim.get<{ data: Product[] }>('/api/2.0/products?page_size=1000')
    await sim.send('POST', '/api/2.0/products', { name: 'Made After Restart', sku: 'RESTART-2' })
    const newest = await sim.get<{ data: Product[] }>(
      `/api/2.0/products?after=${before.body.version.max}`,
    )

    expect(after.body.data).toHaveLength(before.body.data.length + 1)
    expect(newest.body.data.map((p) => p.sku)).toEqual(['RESTART-1', 'RESTART-2'])
  })
})

describe('/_sim control routes', () => {
  test('set the retailer tax mode and currency, and the outlets', async () => {
    const retailer = await sim.send<{
      data: { tax_exclusive: boolean; currency: { code: string } }
    }>('PUT', '/_sim/retailer', {
      tax_exclusive: false,
      currency_code: 'EUR',
      currency_symbol: '€',
    })
    const outlets = await sim.send<{ data: { name: string }[] }>('PUT', '/_sim/outlets', {
      outlets: [{ name: 'Main Street' }, { name: 'Airport' }],
    })
    const listed = await sim.get<{ data: { name: string; currency: string }[] }>('/api/2.0/outlets')

    expect(retailer.body.data).toMatchObject({ tax_exclusive: false, currency: { code: 'EUR' } })
    expect(outlets.body.data.map((o) => o.name)).toEqual(['Main Street', 'Airport'])
    expect(listed.body.data.map((o) => [o.name, o.currency])).toEqual([
      ['Main Street', 'EUR'],
      ['Airport', 'EUR'],
    ])
  })

  test('reset empties the store and versions never go back', async () => {
    const before = await sim.get<{ version: { max: number } }>('/api/2.0/products?page_size=1000')

    const reset = await sim.send('POST', '/_sim/reset', { seed: 'none' })
    await sim.send('POST', '/api/2.0/products', { name: 'Fresh', sku: 'FRESH-1' })
    const after = await sim.get<{ data: Product[] }>('/api/2.0/products')

    expect(reset.status).toBe(200)
    expect(after.body.data.map((p) => p.sku)).toEqual(['FRESH-1'])
    expect(after.body.data[0]?.version).toBeGreaterThan(before.body.version.max)
  })
})
