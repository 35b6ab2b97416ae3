import { afterEach, expect, test } from 'vitest'
import { createTestSimulator, waitForBatch, type TestSimulator } from './ecom-test-helpers'

let sim: TestSimulator

afterEach(async () => {
  await sim.app.close()
})

test('runs every sub-request through the API and reports each result', async () => {
  sim = createTestSimulator()

  const created = await sim.api('POST', '/batch', [
    { id: 'a', path: '/products', method: 'POST', body: { name: 'One', sku: 'B-1' } },
    {
      id: 'b',
      path: '/products',
      method: 'POST',
      body: JSON.stringify({ name: 'Two', sku: 'B-2' }),
    },
    { id: 'c', path: '/profile', method: 'GET', body: '' },
  ])
  const result = await waitForBatch(sim, created.body.ticket)
  const products = await sim.api('GET', '/products')

  expect(created.body.ticket).toMatch(/^[0-9a-f-]{36}$/)
  expect(result).toMatchObject({ status: 'COMPLETED', totalRequests: 3, completedRequests: 3 })
  expect(result.responses[0]).toMatchObject({
    id: 'a',
    status: 'COMPLETED',
    httpStatusCode: 200,
    httpBody: { id: expect.any(Number) },
  })
  expect(result.responses[2].httpBody.generalInfo.storeId).toBe(1003)
  expect(products.body.items.map((p: { sku: string }) => p.sku)).toEqual(['B-1', 'B-2'])
})

test('stops at the first failure by default and marks the rest not executed', async () => {
  sim = createTestSimulator()
  await sim.api('POST', '/products', { name: 'Existing', sku: 'DUP' })

  const created = await sim.api('POST', '/batch', [
    { id: 'dup', path: '/products', method: 'POST', body: { name: 'Again', sku: 'DUP' } },
    { id: 'next', path: '/products', method: 'POST', body: { name: 'Next', sku: 'NEXT' } },
  ])
  const result = await waitForBatch(sim, created.body.ticket)

  expect(result.responses).toEqual([
    expect.objectContaining({
      id: 'dup',
      status: 'FAILED',
      httpStatusCode: 409,
      httpBody: expect.objectContaining({ errorCode: 'SKU_ALREADY_EXISTS' }),
    }),
    expect.objectContaining({ id: 'next', status: 'NOT_EXECUTED' }),
  ])
})

test('goes on past a failure if stopOnFirstFailure=false; escapes bodies on request', async () => {
  sim = createTestSimulator()

  const created = await sim.api('POST', '/batch?stopOnFirstFailure=false', [
    { id: 'missing', path: '/products/1', method: 'GET' },
    { id: 'ok', path: '/products', method: 'POST', body: { name: 'Fine' } },
  ])
  await waitForBatch(sim, created.body.ticket)
  const escaped = await sim.api('GET', `/batch?ticket=${created.body.ticket}&escapedJson=true`)

  expect(escaped.body.responses.map((r: { status: string }) => r.status)).toEqual([
    'FAILED',
    'COMPLETED',
  ])
  expect(typeof escaped.body.responses[1].escapedHttpBody).toBe('string')
  expect(escaped.body.responses[1]).not.toHaveProperty('httpBody')
})

test('refuses more than 500 requests and a bad id', async () => {
  sim = createTestSimulator()
  const item = { path: '/profile', method: 'GET' }

  const tooMany = await sim.api(
    'POST',
    '/batch',
    Array.from({ length: 501 }, () => item),
  )
  const badId = await sim.api('POST', '/batch', [{ ...item, id: 7 }])
  const unknown = await sim.api('GET', '/batch?ticket=nope')

  expect(tooMany.status).toBe(400)
  expect(badId.status).toBe(400)
  expect(badId.body.errorMessage).toContain('$[0].id')
  expect(unknown.status).toBe(404)
})

test('runs a store batches first-in first-out', async () => {
  sim = createTestSimulator()

  const first = await sim.api('POST', '/batch', [
    { path: '/products', method: 'POST', body: { name: 'First', sku: 'FIFO' } },
  ])
  const second = await sim.api('POST', '/batch', [
    { path: '/products', method: 'POST', body: { name: 'Second', sku: 'FIFO' } },
  ])
  const secondResult = await waitForBatch(sim, second.body.ticket)
  const firstResult = await waitForBatch(sim, first.body.ticket)

  expect(firstResult.responses[0].httpStatusCode).toBe(200)
  expect(secondResult.responses[0].httpStatusCode).toBe(409)
})
