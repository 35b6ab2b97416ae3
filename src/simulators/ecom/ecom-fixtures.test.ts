import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { createTestSimulator, waitForBatch, type TestSimulator } from './ecom-test-helpers'

const FIXTURES = '/work/shared/api/fixtures/ecwid'
const hasFixtures = existsSync(FIXTURES)
// The fixtures name ids of Ecwid's demo store; the test swaps them for ids that exist here.
const FIXTURE_CATEGORY_ID = 9691094

let sim: TestSimulator

afterEach(async () => {
  await sim?.app.close()
})

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'))
}

function withCategory(body: unknown, categoryId: number): unknown {
  return JSON.parse(
    JSON.stringify(body).replaceAll(String(FIXTURE_CATEGORY_ID), String(categoryId)),
  )
}

describe.skipIf(!hasFixtures)('Ecwid request fixtures from /work/shared/api/fixtures/ecwid', () => {
  test('every *.request.json fixture has a case below', () => {
    const requests = readdirSync(FIXTURES).filter((name) => name.endsWith('.request.json'))

    expect(requests.sort()).toEqual([
      'batch.create.request.json',
      'category.create.request.json',
      'combination.create.request.json',
      'combination.update.request.json',
      'product.create.request.json',
      'product.inventory_adjust.request.json',
      'product.update.request.json',
    ])
  })

  test('accepts the product, category and variation fixtures', async () => {
    sim = createTestSimulator()
    const parent = await sim.api('POST', '/categories', { name: 'Fruit' })

    const category = await sim.api(
      'POST',
      '/categories',
      withCategory(readFixture('category.create.request.json'), parent.body.id),
    )
    const product = await sim.api(
      'POST',
      '/products',
      withCategory(readFixture('product.create.request.json'), parent.body.id),
    )
    const productPath = `/products/${product.body.id}`
    const update = await sim.api(
      'PUT',
      productPath,
      withCategory(readFixture('product.update.request.json'), parent.body.id),
    )
    const inventory = await sim.api(
      'PUT',
      `${productPath}/inventory`,
      readFixture('product.inventory_adjust.request.json'),
    )
    const combination = await sim.api(
      'POST',
      `${productPath}/combinations`,
      readFixture('combination.create.request.json'),
    )
    const combinationUpdate = await sim.api(
      'PUT',
      `${productPath}/combinations/${combination.body.id}`,
      readFixture('combination.update.request.json'),
    )
    const stored = await sim.api('GET', productPath)

    expect(category.status).toBe(200)
    expect(category.body).toEqual({ id: expect.any(Number) })
    expect(product.status).toBe(200)
    expect(product.body).toEqual({ id: expect.any(Number) })
    expect(update.body).toEqual({ updateCount: 1 })
    expect(inventory.body).toEqual({ updateCount: 1 })
    expect(combination.body).toEqual({ id: expect.any(Number) })
    expect(combinationUpdate.body).toEqual({ updateCount: 1 })
    expect(stored.body).toMatchObject({
      sku: '000012199',
      name: 'New Product',
      price: 20.99,
      quantity: 0,
      compareToPrice: 24.99,
      categoryIds: [parent.body.id],
      nameTranslated: { en: 'New Product', es: 'Nuevo producto' },
    })
    expect(stored.body.combinations[0]).toMatchObject({ sku: 'combination-new-sku', price: 10 })
  })

  test('accepts the batch fixture and completes it', async () => {
    sim = createTestSimulator()

    const created = await sim.api('POST', '/batch', readFixture('batch.create.request.json'))
    const result = await waitForBatch(sim, created.body.ticket)

    expect(created.status).toBe(200)
    expect(
      result.responses.map((r: { id: string; httpStatusCode: number }) => [r.id, r.httpStatusCode]),
    ).toEqual([
      ['123456', 200],
      ['1234567', 200],
    ])
  })
})

test.runIf(!hasFixtures)(
  'skips the fixture checks: /work/shared/api/fixtures/ecwid is absent',
  () => {
    expect(hasFixtures).toBe(false)
  },
)
