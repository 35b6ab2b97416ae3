import { expect, test } from 'vitest'

import { createFakeClock } from './clock'
import { Pacer } from './pacer'

test('never lets more than the limit through in any window', async () => {
  const clock = createFakeClock(0)
  const pacer = new Pacer({ limit: 10, windowMs: 1000, burst: 2 }, clock)
  const sentAt: number[] = []

  for (let i = 0; i < 40; i += 1) {
    await pacer.acquire()
    sentAt.push(clock.now())
  }

  for (const start of sentAt) {
    expect(sentAt.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(10)
  }
  expect(clock.now()).toBeLessThan(5000)
})

test('a pause holds every waiting request and announces why', async () => {
  const clock = createFakeClock(0)
  const pacer = new Pacer({ limit: 600, windowMs: 60_000 }, clock)
  const waits: { until: number; reason: string }[] = []

  pacer.pauseUntil(2000)
  await Promise.all(
    [1, 2, 3].map(() =>
      pacer.acquire((until, reason) => waits.push({ until: until.getTime(), reason })),
    ),
  )

  expect(clock.now()).toBeGreaterThanOrEqual(2000)
  expect(waits[0]).toEqual({ until: 2000, reason: 'rate-limited' })
})

test('adapts to the limit and remaining count the server reports', async () => {
  const clock = createFakeClock(0)
  const pacer = new Pacer({ limit: 350, windowMs: 300_000, burst: 10 }, clock)

  pacer.observe(new Headers({ 'x-ratelimit-limit': '650', 'x-ratelimit-remaining': '0' }))
  await pacer.acquire()

  expect(pacer.currentLimit).toBe(650)
  expect(clock.now()).toBeGreaterThan(0)
})

test('waits for X-RateLimit-Reset when the server says nothing remains', async () => {
  const clock = createFakeClock(0)
  const pacer = new Pacer({ limit: 600, windowMs: 60_000 }, clock)

  pacer.observe(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '20' }))
  await pacer.acquire()

  expect(clock.now()).toBeGreaterThanOrEqual(20_000)
})
