import { afterEach, expect, test } from 'vitest'
import { createTestSimulator, type TestSimulator } from './ecom-test-helpers'

let sim: TestSimulator

afterEach(async () => {
  await sim.app.close()
})

async function createTee() {
  const { body } = await sim.api('POST', '/products', {
    name: 'Tee',
    sku: 'TEE',
    price: 20,
    quantity: 7,
    weight: 0.3,
  })

  return body.id as number
}

test('a variation inherits price, and stock when it has no SKU of its own', async () => {
  sim = createTestSimulator()
  const id = await createTee()

  const withSku = await sim.api('POST', `/products/${id}/combinations`, {
    options: [{ name: 'Size', value: 'M' }],
    sku: 'TEE-M',
    quantity: 2,
  })
  const withoutSku = await sim.api('POST', `/products/${id}/combinations`, {
    options: [{ name: 'Size', value: 'L' }],
    price: 22,
  })
  const list = await sim.api('GET', `/products/${id}/combinations`)
  const one = await sim.api('GET', `/products/${id}/combinations/${withoutSku.body.id}`)

  expect(Array.isArray(list.body)).toBe(true)
  expect(list.body[0]).toMatchObject({ id: withSku.body.id, sku: 'TEE-M', quantity: 2, price: 20 })
  expect(list.body[0].weight).toBe(0.3)
  expect(one.body).toMatchObject({ quantity: 7, price: 22, unlimited: false })
  expect(one.body).not.toHaveProperty('sku')
})

test('creates options and choices on the product for new names and values', async () => {
  sim = createTestSimulator()
  const id = await createTee()

  await sim.api('POST', `/products/${id}/combinations`, {
    options: [
      { name: 'Colour', value: 'Red' },
      { name: 'Size', value: 'S' },
    ],
    sku: 'TEE-RED-S',
  })
  await sim.api('POST', `/products/${id}/combinations`, {
    options: [
      { name: 'Colour', value: 'Blue' },
      { name: 'Size', value: 'S' },
    ],
    sku: 'TEE-BLUE-S',
  })
  const product = await sim.api('GET', `/products/${id}`)

  expect(product.body.options).toEqual([
    expect.objectContaining({
      type: 'SELECT',
      name: 'Colour',
      choices: [
        { text: 'Red', priceModifier: 0, priceModifierType: 'ABSOLUTE' },
        { text: 'Blue', priceModifier: 0, priceModifierType: 'ABSOLUTE' },
      ],
    }),
    expect.objectContaining({ name: 'Size', choices: [expect.objectContaining({ text: 'S' })] }),
  ])
  expect(product.body.combinations).toHaveLength(2)
})

test('answers 409 for a duplicate SKU or a duplicate option combination', async () => {
  sim = createTestSimulator()
  const id = await createTee()
  await sim.api('POST', `/products/${id}/combinations`, {
    options: [{ name: 'Size', value: 'M' }],
    sku: 'TEE-M',
  })

  const sameSku = await sim.api('POST', `/products/${id}/combinations`, {
    options: [{ name: 'Size', value: 'L' }],
    sku: 'TEE-M',
  })
  const productSku = await sim.api('POST', `/products/${id}/combinations`, {
    options: [{ name: 'Size', value: 'XL' }],
    sku: 'TEE',
  })
  const sameOptions = await sim.api('POST', `/products/${id}/combinations`, {
    options: [{ name: 'Size', value: 'M' }],
    sku: 'TEE-M2',
  })

  expect(sameSku.status).toBe(409)
  expect(sameSku.body.errorCode).toBe('SKU_ALREADY_EXISTS')
  expect(productSku.status).toBe(409)
  expect(sameOptions.status).toBe(409)
})

test('updates, adjusts and deletes a variation', async () => {
  sim = createTestSimulator()
  const id = await createTee()
  const { body } = await sim.api('POST', `/products/${id}/combinations`, {
    options: [{ name: 'Size', value: 'M' }],
    sku: 'TEE-M',
    quantity: 5,
  })
  const path = `/products/${id}/combinations/${body.id}`

  const update = await sim.api('PUT', path, { sku: 'TEE-MED', price: 25 })
  const adjust = await sim.api('PUT', `${path}/inventory`, { quantityDelta: -2 })
  const after = await sim.api('GET', path)
  const bySku = await sim.api('GET', '/products?sku=TEE-MED')
  const oldSku = await sim.api('GET', '/products?sku=TEE-M')
  const removed = await sim.api('DELETE', path)
  const missing = await sim.api('GET', path)

  expect(update.body).toEqual({ updateCount: 1 })
  expect(adjust.body).toEqual({ updateCount: 1 })
  expect(after.body).toMatchObject({ sku: 'TEE-MED', price: 25, quantity: 3 })
  expect(bySku.body.total).toBe(1)
  expect(oldSku.body.total).toBe(0)
  expect(removed.body).toEqual({ deleteCount: 1 })
  expect(missing.status).toBe(404)
  expect(missing.body.errorCode).toBe('COMBINATION_NOT_FOUND')
})

test('a stock delta on a variation without its own SKU moves the product stock', async () => {
  sim = createTestSimulator()
  const id = await createTee()
  const { body } = await sim.api('POST', `/products/${id}/combinations`, {
    options: [{ name: 'Size', value: 'M' }],
  })

  await sim.api('PUT', `/products/${id}/combinations/${body.id}/inventory`, { quantityDelta: -4 })
  const product = await sim.api('GET', `/products/${id}`)

  expect(product.body.quantity).toBe(3)
})

test('a product is in stock when only a variation has stock', async () => {
  sim = createTestSimulator()
  const { body } = await sim.api('POST', '/products', {
    name: 'Shell',
    quantity: 0,
    combinations: [{ options: [{ name: 'Size', value: 'M' }], sku: 'SHELL-M', quantity: 1 }],
  })

  const product = await sim.api('GET', `/products/${body.id}`)

  expect(product.body).toMatchObject({ quantity: 0, inStock: true })
})
