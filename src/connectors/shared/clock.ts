/** Time as the connectors see it, so tests can make waits instant. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
}

export interface FakeClock extends Clock {
  /** Every sleep asked for, in milliseconds, in order. */
  readonly sleeps: number[]
  advance(ms: number): void
}

/**
 * A clock for tests: `sleep` moves time forward at once instead of waiting, so a two-minute
 * Retry-After costs nothing while the code under test still sees the time pass.
 */
export function createFakeClock(startMs = Date.UTC(2026, 0, 1)): FakeClock {
  let current = startMs
  const sleeps: number[] = []

  return {
    sleeps,
    now: () => current,
    advance: (ms) => {
      current += ms
    },
    sleep: async (ms) => {
      const wait = Math.max(0, ms)

      sleeps.push(wait)
      current += wait
      await Promise.resolve()
    },
  }
}
