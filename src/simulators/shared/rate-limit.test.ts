import { describe, expect, test } from 'vitest'
import { createRateLimiter } from './rate-limit'

describe('fixed window', () => {
  test('allows the limit per key, then reports when the window resets', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 })

    const allowed = [0, 10, 20].map((at) => limiter.hit('token', 1_000 + at))
    const refused = limiter.hit('token', 31_000)
    const otherKey = limiter.hit('other', 31_000)
    const nextWindow = limiter.hit('token', 61_000)

    expect(allowed.map((d) => [d.allowed, d.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
    ])
    expect(refused).toMatchObject({ allowed: false, remaining: 0, resetAt: 61_000 })
    expect(refused.retryAfterMs).toBe(30_000)
    expect(refused.retryAfterSeconds).toBe(30)
    expect(otherKey.allowed).toBe(true)
    expect(nextWindow).toMatchObject({ allowed: true, remaining: 2 })
  })

  test('timeScale shortens the window and Retry-After never drops below one second', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, timeScale: 0.01 })

    limiter.hit('token', 0)
    const refused = limiter.hit('token', 100)
    const later = limiter.hit('token', 600)

    expect(refused).toMatchObject({ allowed: false, resetAt: 600, retryAfterMs: 500 })
    expect(refused.retryAfterSeconds).toBe(1)
    expect(later.allowed).toBe(true)
  })

  test('lets everything through when disabled, and can be switched at run time', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, enabled: false })

    const whileOff = [limiter.hit('k', 0), limiter.hit('k', 1)]
    limiter.configure({ enabled: true })
    const first = limiter.hit('k', 2)
    const second = limiter.hit('k', 3)

    expect(whileOff.every((d) => d.allowed)).toBe(true)
    expect(first.allowed).toBe(true)
    expect(second.allowed).toBe(false)
  })
})

describe('sliding window', () => {
  test('frees a slot when the oldest request leaves the window', () => {
    const limiter = createRateLimiter({ limit: 2, windowMs: 1000, mode: 'sliding' })

    limiter.hit('k', 0)
    limiter.hit('k', 500)
    const refused = limiter.hit('k', 900)
    const afterOldest = limiter.hit('k', 1000)
    const stillFull = limiter.hit('k', 1200)

    expect(refused).toMatchObject({ allowed: false, retryAfterMs: 100 })
    expect(afterOldest.allowed).toBe(true)
    expect(stillFull.allowed).toBe(false)
  })
})
