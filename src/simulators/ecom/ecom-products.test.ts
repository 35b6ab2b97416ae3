import { afterEach, describe, expect, test } from 'vitest'
import { createTestSimulator, type TestSimulator } from './ecom-test-helpers'

let sim: TestSimulator

afterEach(async () => {
  await sim.app.close()
})

async function createProducts(count: number, prefix = 'P') {
  const ids: number[] = []
  for (let index = 0; index < count; index++) {
    const response = await sim.api('POST', '/products', {
      name: `${prefix} product ${index}`,
      sku: `${prefix}-${index}`,
      price: index,
      quantity: 1,
    })
    ids.push(response.body.id)
  }

  return ids
}

describe('GET /products', () => {
  test('answers the envelope and caps limit at 100', async () => {
    sim = createTestSimulator()
    await createProducts(105)

    const first = await sim.api('GET', '/products?limit=500')
    const second = await sim.api('GET', '/products?offset=100&limit=100')

    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ total: 105, count: 100, offset: 0, limit: 100 })
    expect(first.body.items).toHaveLength(100)
    expect(second.body).toMatchObject({ total: 105, count: 5, offset: 100, limit: 100 })
    expect(second.body.items.at(-1).sku).toBe('P-104')
  })

  test('finds a product by exact product or variation SKU, untrimmed', async () => {
    sim = createTestSimulator()
    const [id] = await createProducts(2)
    await sim.api('POST', `/products/${id}/combinations`, {
      options: [{ name: 'Size', value: 'M' }],
      sku: 'VAR-M',
    })

    const byVariation = await sim.api('GET', '/products?sku=VAR-M')
    const padded = await sim.api('GET', '/products?sku=VAR-M%20')
    const otherCase = await sim.api('GET', '/products?sku=var-m')

    expect(byVariation.body.items.map((p: { id: number }) => p.id)).toEqual([id])
    expect(padded.body.total).toBe(0)
    expect(otherCase.body.total).toBe(0)
  })

  test('matches keyword case-insensitively over name, SKU and option values', async () => {
    sim = createTestSimulator()
    const { body } = await sim.api('POST', '/products', {
      name: 'Leaf Tee 🍃',
      sku: 'LEAF',
      combinations: [{ options: [{ name: 'Colour', value: 'Moss Green' }], sku: 'LEAF-MOSS' }],
    })
    await createProducts(3)

    const byName = await sim.api('GET', `/products?keyword=${encodeURIComponent('leaf tee 🍃')}`)
    const byOption = await sim.api('GET', '/products?keyword=moss')

    expect(byName.body.items.map((p: { id: number }) => p.id)).toEqual([body.id])
    expect(byOption.body.items.map((p: { id: number }) => p.id)).toEqual([body.id])
  })

  test('filters by productId list and enabled, sorts by name', async () => {
    sim = createTestSimulator()
    const ids = await createProducts(4)
    await sim.api('PUT', `/products/${ids[1]}`, { enabled: false })

    const byIds = await sim.api('GET', `/products?productId=${ids[2]},${ids[0]}`)
    const enabled = await sim.api('GET', '/products?enabled=false')
    const sorted = await sim.api('GET', '/products?sortBy=NAME_DESC&limit=2')

    expect(byIds.body.items.map((p: { id: number }) => p.id)).toEqual([ids[0], ids[2]])
    expect(enabled.body.items.map((p: { id: number }) => p.id)).toEqual([ids[1]])
    expect(sorted.body.items.map((p: { sku: string }) => p.sku)).toEqual(['P-3', 'P-2'])
  })

  test('answers 400 WRONG_PARAMETER for an unreadable parameter', async () => {
    sim = createTestSimulator()

    const response = await sim.api('GET', '/products?limit=abc')

    expect(response.status).toBe(400)
    expect(response.body.errorCode).toBe('WRONG_PARAMETER')
  })
})

describe('product writes', () => {
  test('omits quantity when stock is unlimited and derives inStock', async () => {
    sim = createTestSimulator()
    const unlimited = await sim.api('POST', '/products', { name: 'Made to order', sku: 'MTO' })
    const tracked = await sim.api('POST', '/products', {
      name: 'Sold out',
      sku: 'OUT',
      quantity: 0,
    })

    const first = await sim.api('GET', `/products/${unlimited.body.id}`)
    const second = await sim.api('GET', `/products/${tracked.body.id}`)

    expect(first.body.unlimited).toBe(true)
    expect(first.body).not.toHaveProperty('quantity')
    expect(first.body.inStock).toBe(true)
    expect(second.body).toMatchObject({ quantity: 0, unlimited: false, inStock: false })
  })

  test('generates a SKU when none is sent', async () => {
    sim = createTestSimulator()

    const created = await sim.api('POST', '/products', { name: 'No SKU' })
    const product = await sim.api('GET', `/products/${created.body.id}`)

    expect(product.body.sku).toMatch(/^\d{5,}$/)
  })

  test('answers 409 SKU_ALREADY_EXISTS for a product or variation SKU in use', async () => {
    sim = createTestSimulator()
    await sim.api('POST', '/products', {
      name: 'First',
      sku: 'DUP',
      combinations: [{ options: [{ name: 'Size', value: 'S' }], sku: 'DUP-S' }],
    })

    const sameAsProduct = await sim.api('POST', '/products', { name: 'Second', sku: 'DUP' })
    const sameAsVariation = await sim.api('POST', '/products', { name: 'Third', sku: 'DUP-S' })
    const differentCase = await sim.api('POST', '/products', { name: 'Fourth', sku: 'dup' })

    expect(sameAsProduct.status).toBe(409)
    expect(sameAsProduct.body.errorCode).toBe('SKU_ALREADY_EXISTS')
    expect(sameAsVariation.status).toBe(409)
    expect(differentCase.status).toBe(200)
  })

  test('takes a product or variation SKU in use once the store allows non-unique SKUs', async () => {
    sim = createTestSimulator()
    await sim.api('POST', '/products', { name: 'First', sku: 'DUP' })
    const setting = await sim.api('PUT', '/_sim/skus', { unique: false })

    const sameAsProduct = await sim.api('POST', '/products', { name: 'Second', sku: 'DUP' })
    const asVariation = await sim.api('POST', '/products', {
      name: 'Third',
      combinations: [{ options: [{ name: 'Size', value: 'S' }], sku: 'DUP' }],
    })
    await sim.api('PUT', '/_sim/skus', { unique: true })
    const refusedAgain = await sim.api('POST', '/products', { name: 'Fourth', sku: 'DUP' })
    const found = await sim.api('GET', '/products?sku=DUP')

    expect(setting.body).toEqual({ storeId: 1003, unique: false })
    expect(sameAsProduct.status).toBe(200)
    expect(asVariation.status).toBe(200)
    expect(refusedAgain.status).toBe(409)
    expect(found.body.total).toBe(3)
  })

  test('refuses more than 200 variations in one request', async () => {
    sim = createTestSimulator()
    const combinations = (count: number) =>
      Array.from({ length: count }, (_, index) => ({
        options: [{ name: 'N', value: String(index) }],
        sku: `C-${count}-${index}`,
      }))

    const tooMany = await sim.api('POST', '/products', {
      name: 'Big',
      combinations: combinations(201),
    })
    const atLimit = await sim.api('POST', '/products', {
      name: 'Ok',
      combinations: combinations(200),
    })
    const search = await sim.api('GET', '/products')

    expect(tooMany.status).toBe(400)
    expect(tooMany.body.errorCode).toBe('COMBINATION_LIMIT_PER_REQUEST_EXCEEDED')
    expect(atLimit.status).toBe(200)
    expect(search.body.total).toBe(1)
  })

  test('updates only the fields sent', async () => {
    sim = createTestSimulator()
    const { body } = await sim.api('POST', '/products', {
      name: 'Mug',
      sku: 'MUG',
      price: 10,
      quantity: 3,
      description: '<p>Größe: M — 100 % Baumwolle 👕</p>',
    })

    const update = await sim.api('PUT', `/products/${body.id}`, { price: 12.5 })
    const product = await sim.api('GET', `/products/${body.id}`)

    expect(update.body).toEqual({ updateCount: 1 })
    expect(product.body).toMatchObject({
      name: 'Mug',
      sku: 'MUG',
      price: 12.5,
      quantity: 3,
      description: '<p>Größe: M — 100 % Baumwolle 👕</p>',
    })
  })

  test('refuses a price that is not a number', async () => {
    sim = createTestSimulator()

    const response = await sim.api('POST', '/products', { name: 'Bad', price: '12.50' })

    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ errorCode: 'WRONG_PARAMETER' })
    expect(response.body.errorMessage).toContain('price')
  })

  test('adjusts stock by a delta and warns when it goes negative', async () => {
    sim = createTestSimulator()
    const { body } = await sim.api('POST', '/products', { name: 'Tent', quantity: 2 })

    const response = await sim.api('PUT', `/products/${body.id}/inventory`, { quantityDelta: -3 })
    const product = await sim.api('GET', `/products/${body.id}`)

    expect(response.body).toMatchObject({ updateCount: 1 })
    expect(response.body.warning).toBeDefined()
    expect(product.body).toMatchObject({ quantity: -1, inStock: false })
  })

  test('deletes a product and lists it in the deleted feed', async () => {
    sim = createTestSimulator()
    const [id] = await createProducts(1)

    const deleted = await sim.api('DELETE', `/products/${id}`)
    const gone = await sim.api('GET', `/products/${id}`)
    const feed = await sim.api('GET', '/products/deleted')

    expect(deleted.body).toEqual({ deleteCount: 1 })
    expect(gone.status).toBe(404)
    expect(gone.body.errorCode).toBe('PRODUCT_NOT_FOUND')
    expect(feed.body).toMatchObject({ total: 1, count: 1 })
    expect(feed.body.items[0]).toMatchObject({ id })
    expect(feed.body.items[0].date).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+0000$/)
  })

  test('records an external image URL as the main image without downloading it', async () => {
    sim = createTestSimulator()
    const [id] = await createProducts(1)
    const url = 'https://images.example.com/a.jpg'

    const image = await sim.api(
      'POST',
      `/products/${id}/image?externalUrl=${encodeURIComponent(url)}`,
    )
    const gallery = await sim.api(
      'POST',
      `/products/${id}/gallery?externalUrl=${encodeURIComponent(url)}`,
    )
    const product = await sim.api('GET', `/products/${id}`)

    expect(image.body.id).toEqual(expect.any(Number))
    expect(gallery.body.id).toEqual(expect.any(Number))
    expect(product.body.imageUrl).toBe(url)
    expect(product.body.media.images).toHaveLength(2)
    expect(product.body.media.images[0]).toMatchObject({ isMain: true, imageOriginalUrl: url })
  })
})

describe('GET /latest-stats', () => {
  test('moves productsUpdated forward on a write', async () => {
    sim = createTestSimulator()
    const before = await sim.api('GET', '/latest-stats')

    await createProducts(1)
    const after = await sim.api('GET', '/latest-stats')

    expect(after.body.productsUpdated >= before.body.productsUpdated).toBe(true)
    expect(after.body.productCount).toBe(1)
  })
})
