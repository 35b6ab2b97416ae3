import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestWorld, type TestWorld } from '../testing/test-world'

let world: TestWorld
let cookie: string
let firstRunId: string
let retryRunId: string

const ECOM_CREATE = '^/api/v3/\\d+/products$'

async function search(q: string, as = cookie) {
  const res = await world.app.inject({
    method: 'GET',
    url: `/api/support/products?q=${encodeURIComponent(q)}`,
    headers: { cookie: as },
  })

  return res
}

beforeAll(async () => {
  world = await startTestWorld({ env: { UPLOAD_CONCURRENCY: '1' } })
  cookie = await world.openSession()
  await world.posApi('POST', '/api/2.0/products', {
    name: 'Leaf Tee 🍃',
    sku: 'LEAF-1',
    price_excluding_tax: 20,
  })
  await world.posApi('POST', '/api/2.0/products', {
    name: 'Clay Mug',
    sku: 'MUG-1',
    price_excluding_tax: 9,
  })
  await fetch(`${world.ecomUrl}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      method: 'POST',
      path: ECOM_CREATE,
      kind: 'status',
      status: 400,
      times: 1,
    }),
  })
  firstRunId = (
    await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  ).id
  retryRunId = (
    await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  ).id
})
afterAll(async () => world?.stop())

describe('GET /api/support/products', () => {
  test('finds a product by SKU with its link and every run that touched it, newest first', async () => {
    const res = await search('MUG-1')
    const [mug] = res.json<{ items: { history: { runId: string }[] }[] }>().items

    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({
      isTruncated: false,
      items: [
        {
          name: 'Clay Mug',
          sku: 'MUG-1',
          posProductId: expect.any(String),
          ecomProductId: expect.any(String),
          link: { sku: 'MUG-1', state: 'synced' },
        },
      ],
    })
    expect(mug?.history.map((h) => h.runId)).toEqual([retryRunId, firstRunId])
  })

  test('shows the failure with what eCom answered, for support', async () => {
    const res = await search('a')
    const failed = res
      .json<{
        items: { lastErrors: { status: string; runId: string; detail: string | null }[] }[]
      }>()
      .items.flatMap((item) => item.lastErrors)

    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ status: 'failed', runId: firstRunId })
    expect(JSON.parse(failed[0]?.detail ?? '{}')).toMatchObject({ system: 'ecom', status: 400 })
  })

  test('finds by part of the name, emoji included, case aside', async () => {
    const byName = await search('leaf tee')
    const byEmoji = await search('🍃')

    for (const res of [byName, byEmoji]) {
      expect(res.json()).toMatchObject({ items: [{ name: 'Leaf Tee 🍃', sku: 'LEAF-1' }] })
    }
  })

  test('answers an empty list for an unknown product, and nothing of another store', async () => {
    const other = await world.openSession(1004)

    const unknown = await search('NOPE-404')
    const foreign = await search('MUG-1', other)

    expect(unknown.json()).toEqual({ items: [], isTruncated: false })
    expect(foreign.json()).toEqual({ items: [], isTruncated: false })
  })

  test('answers 400 without a search and 401 without a session', async () => {
    const empty = await search('  ')
    const anonymous = await world.app.inject({ method: 'GET', url: '/api/support/products?q=x' })

    expect(empty.statusCode).toBe(400)
    expect(anonymous.statusCode).toBe(401)
  })
})
