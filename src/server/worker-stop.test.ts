/**
 * Ctrl-C on `npm start` while the ongoing sync waits on Retail POS (a slow answer, or its pacing
 * to the rate limit) stops within the grace instead of waiting the turn out; the link left behind
 * stays marked and is synced by the next start.
 */
import { afterAll, beforeAll, expect, test } from 'vitest'
import { STOP_GRACE_MS } from './jobs/stop-grace'
import { findLinksOfPosProduct } from './store/sync-store-links'
import { markDirty, pendingWork } from './store/sync-store'
import { POS_TOKEN, startTestWorld, type TestWorld } from './testing/test-world'

let w: TestWorld
let productId: string

beforeAll(async () => {
  w = await startTestWorld({ env: { UPSTREAM_TIMEOUT_MS: '120000' } })
  ;[productId = ''] = (
    await w.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Slow Mug',
      sku: 'SLOW-1',
      price_excluding_tax: 9,
    })
  ).data
  await w.upload(await w.openSession(), { direction: 'pos-to-ecom', selection: { kind: 'all' } })
}, 60_000)
// The simulator answers the held read before it closes.
afterAll(async () => w?.stop())

/** How many reads the POS simulator is holding back (or has held). */
async function heldReads() {
  const res = await fetch(`${w.posUrl}/_sim/faults`, {
    headers: { authorization: `Bearer ${POS_TOKEN}` },
  })
  const { items } = (await res.json()) as { items: { fired: number }[] }

  return items.reduce((sum, rule) => sum + rule.fired, 0)
}

test('the ongoing sync stops within its grace while Retail POS holds a read, and the link stays marked', async () => {
  await fetch(`${w.posUrl}/_sim/faults`, {
    method: 'POST',
    headers: { authorization: `Bearer ${POS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      path: '/api/2.0/products',
      kind: 'late',
      delayMs: 20_000,
      times: 1,
    }),
  })
  const [link] = await findLinksOfPosProduct(w.ctx.db, productId)
  if (!link) throw new Error('the upload linked nothing')
  await markDirty(w.ctx.db, link, 'all')
  w.ongoing.wake()
  // The turn has taken the link and is waiting on Retail POS.
  await expect.poll(heldReads, { timeout: 10_000 }).toBeGreaterThan(0)

  const outcome = await Promise.race([
    w.ongoing.stop().then(() => 'stopped'),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), STOP_GRACE_MS + 10_000)),
  ])

  expect(outcome).toBe('stopped')
  expect((await pendingWork(w.ctx.db)).links).toBe(1)
}, 40_000)
