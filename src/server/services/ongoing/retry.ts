/** When to try again after `attempts` failed tries: 30 s, doubling, at most an hour apart. */
export function retryAt(attempts: number, now = Date.now()): Date {
  const delay = Math.min(30_000 * 2 ** Math.max(0, attempts), 3_600_000)

  return new Date(now + delay)
}
