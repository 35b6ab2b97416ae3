import { expect, test } from 'vitest'

import { parseRateLimitReset, parseRetryAfter } from './retry-after'

const NOW = Date.UTC(2020, 6, 15, 15, 4, 0)

test('reads delta seconds, as eCom sends them', () => {
  expect(parseRetryAfter('2', NOW)).toBe(2000)
  expect(parseRetryAfter(' 1.5 ', NOW)).toBe(1500)
  expect(parseRetryAfter(3, NOW)).toBe(3000)
})

test('reads an HTTP date, as Retail POS sends it', () => {
  expect(parseRetryAfter('Wed, 15 Jul 2020 15:04:05 GMT', NOW)).toBe(5000)
})

test('measures an HTTP date against the response Date header when there is one', () => {
  const skewedLocalNow = NOW + 60 * 60_000

  const wait = parseRetryAfter(
    'Wed, 15 Jul 2020 15:04:05 GMT',
    skewedLocalNow,
    'Wed, 15 Jul 2020 15:04:00 GMT',
  )

  expect(wait).toBe(5000)
})

test('a date in the past means no wait; garbage means unknown', () => {
  expect(parseRetryAfter('Wed, 15 Jul 2020 15:00:00 GMT', NOW)).toBe(0)
  expect(parseRetryAfter('soon', NOW)).toBeNull()
  expect(parseRetryAfter(undefined, NOW)).toBeNull()
  expect(parseRetryAfter('', NOW)).toBeNull()
})

test('reads X-RateLimit-Reset as epoch seconds or seconds from now', () => {
  expect(parseRateLimitReset(String(NOW / 1000 + 30), NOW)).toBe(30_000)
  expect(parseRateLimitReset('30', NOW)).toBe(30_000)
  expect(parseRateLimitReset(null, NOW)).toBeNull()
})
