/**
 * Reads a Retry-After value: delta seconds (Ecwid: `Retry-After: 2`) or an HTTP date (X-Series:
 * `Retry-After: Wed, 15 Jul 2020 15:04:05 GMT`). Returns the wait in milliseconds, or null when the
 * value is missing or unreadable.
 *
 * A date is measured against the response's own `Date` header when there is one, so a skewed
 * local clock neither skips the wait nor waits hours.
 */
export function parseRetryAfter(
  value: unknown,
  nowMs: number,
  serverDate?: string | null,
): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : null
  if (typeof value !== 'string') return null

  const text = value.trim()

  if (text === '') return null
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000

  const at = Date.parse(text)

  if (Number.isNaN(at)) return null

  const serverNow = serverDate ? Date.parse(serverDate) : Number.NaN
  const reference = Number.isNaN(serverNow) ? nowMs : serverNow

  return Math.max(0, at - reference)
}

/**
 * Reads `X-RateLimit-Reset`: epoch seconds, seconds from now, or an HTTP date. Milliseconds to
 * wait, or null.
 */
export function parseRateLimitReset(value: string | null, nowMs: number): number | null {
  if (value === null || value.trim() === '') return null

  const text = value.trim()

  if (/^\d+(\.\d+)?$/.test(text)) {
    const n = Number(text)

    return n > 1e9 ? Math.max(0, n * 1000 - nowMs) : n * 1000
  }

  return parseRetryAfter(text, nowMs)
}
