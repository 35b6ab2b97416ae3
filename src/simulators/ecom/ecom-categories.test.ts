import { afterEach, expect, test } from 'vitest'
import { createTestSimulator, type TestSimulator } from './ecom-test-helpers'

let sim: TestSimulator

afterEach(async () => {
  await sim.app.close()
})

test('creates a category tree and lists it with counts that include subcategories', async () => {
  sim = createTestSimulator()
  const apparel = await sim.api('POST', '/categories', { name: 'Apparel' })
  const tees = await sim.api('POST', '/categories', { name: 'Tees', parentId: apparel.body.id })
  await sim.api('POST', '/products', { name: 'Tee', categoryIds: [tees.body.id] })
  await sim.api('POST', '/products', {
    name: 'Hoodie',
    categoryIds: [apparel.body.id, tees.body.id],
    enabled: false,
  })

  const all = await sim.api('GET', '/categories')
  const roots = await sim.api('GET', '/categories?parent=0')
  const children = await sim.api('GET', `/categories?parent=${apparel.body.id}&productIds=true`)
  const one = await sim.api('GET', `/categories/${tees.body.id}`)

  expect(all.body).toMatchObject({ total: 2, count: 2, offset: 0, limit: 100 })
  expect(roots.body.items.map((c: { name: string }) => c.name)).toEqual(['Apparel'])
  expect(roots.body.items[0]).toMatchObject({ productCount: 2, enabledProductCount: 1 })
  expect(roots.body.items[0]).not.toHaveProperty('parentId')
  expect(children.body.items[0]).toMatchObject({ name: 'Tees', parentId: apparel.body.id })
  expect(children.body.items[0].productIds).toHaveLength(2)
  expect(one.body).toMatchObject({ id: tees.body.id, productCount: 2, enabled: true })
})

test('hides disabled categories unless hidden_categories=true', async () => {
  sim = createTestSimulator()
  await sim.api('POST', '/categories', { name: 'Visible' })
  await sim.api('POST', '/categories', { name: 'Hidden', enabled: false })

  const visible = await sim.api('GET', '/categories')
  const all = await sim.api('GET', '/categories?hidden_categories=true&limit=1000')

  expect(visible.body.items.map((c: { name: string }) => c.name)).toEqual(['Visible'])
  expect(all.body).toMatchObject({ total: 2, limit: 100 })
})

test('updates and deletes a category, unassigning its products', async () => {
  sim = createTestSimulator()
  const parent = await sim.api('POST', '/categories', { name: 'Old name' })
  const child = await sim.api('POST', '/categories', { name: 'Child', parentId: parent.body.id })
  const product = await sim.api('POST', '/products', {
    name: 'Tent',
    categoryIds: [child.body.id],
  })

  const update = await sim.api('PUT', `/categories/${parent.body.id}`, { name: 'New name' })
  const renamed = await sim.api('GET', `/categories/${parent.body.id}`)
  const removed = await sim.api('DELETE', `/categories/${parent.body.id}`)
  const childGone = await sim.api('GET', `/categories/${child.body.id}`)
  const after = await sim.api('GET', `/products/${product.body.id}`)

  expect(update.body).toEqual({ updateCount: 1 })
  expect(renamed.body.name).toBe('New name')
  expect(removed.body).toEqual({ deleteCount: 1 })
  expect(childGone.status).toBe(404)
  expect(after.body.categoryIds).toEqual([])
})

test('answers 404 CATEGORIES_NOT_FOUND for an unknown category or parent', async () => {
  sim = createTestSimulator()

  const product = await sim.api('POST', '/products', { name: 'Orphan', categoryIds: [42] })
  const category = await sim.api('POST', '/categories', { name: 'Orphan', parentId: 42 })

  expect(product.status).toBe(404)
  expect(product.body.errorCode).toBe('CATEGORIES_NOT_FOUND')
  expect(category.status).toBe(404)
})

test('shows a product its categories with their enabled state', async () => {
  sim = createTestSimulator()
  const hidden = await sim.api('POST', '/categories', { name: 'Sale', enabled: false })
  const { body } = await sim.api('POST', '/products', {
    name: 'Poles',
    categoryIds: [hidden.body.id],
  })

  const product = await sim.api('GET', `/products/${body.id}`)

  expect(product.body.categories).toEqual([{ id: hidden.body.id, enabled: false }])
})
