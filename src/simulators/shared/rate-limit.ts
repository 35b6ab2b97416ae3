/**
 * A request limiter for the simulators, keyed by whatever the real API counts by (an Ecwid token,
 * an X-Series store). It only decides and reports; each simulator sends its own headers and body.
 */

export type RateLimitMode = 'fixed' | 'sliding'

export interface RateLimitSettings {
  limit: number
  /** The real API's window, before timeScale. */
  windowMs: number
  /** 0.01 makes every window 100 times shorter, so tests and benchmarks need not wait minutes. */
  timeScale: number
  enabled: boolean
  mode: RateLimitMode
}

export interface RateLimitDecision {
  allowed: boolean
  limit: number
  remaining: number
  /** Epoch ms when the next request will be allowed again (fixed: the window's end). */
  resetAt: number
  retryAfterMs: number
  /** What a Retry-After header carries: whole seconds, at least 1. */
  retryAfterSeconds: number
}

export interface RateLimiter {
  hit(key: string, now?: number): RateLimitDecision
  reset(key?: string): void
  configure(patch: Partial<RateLimitSettings>): void
  readonly settings: Readonly<RateLimitSettings>
}

interface KeyState {
  windowStart: number
  count: number
  /** Accepted request times, oldest first; sliding mode only. */
  times: number[]
}

const PRUNE_THRESHOLD = 10_000

export function createRateLimiter(
  init: Partial<RateLimitSettings> & Pick<RateLimitSettings, 'limit' | 'windowMs'>,
): RateLimiter {
  const settings: RateLimitSettings = { timeScale: 1, enabled: true, mode: 'fixed', ...init }
  const states = new Map<string, KeyState>()

  function windowLength() {
    return Math.max(1, Math.round(settings.windowMs * settings.timeScale))
  }

  function decision(allowed: boolean, used: number, resetAt: number, now: number) {
    const retryAfterMs = allowed ? 0 : Math.max(0, resetAt - now)

    return {
      allowed,
      limit: settings.limit,
      remaining: Math.max(0, settings.limit - used),
      resetAt,
      retryAfterMs,
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
    }
  }

  // Keys never seen again (one-off tokens) would otherwise grow the map for the life of a process.
  function pruneExpired(now: number, window: number) {
    if (states.size < PRUNE_THRESHOLD) return
    for (const [key, state] of states) {
      const last = settings.mode === 'fixed' ? state.windowStart : (state.times.at(-1) ?? 0)
      if (now - last >= window) states.delete(key)
    }
  }

  function hitFixed(state: KeyState, now: number, window: number) {
    if (now - state.windowStart >= window) {
      state.windowStart = now
      state.count = 0
    }
    const resetAt = state.windowStart + window
    if (state.count >= settings.limit) return decision(false, state.count, resetAt, now)
    state.count += 1

    return decision(true, state.count, resetAt, now)
  }

  function hitSliding(state: KeyState, now: number, window: number) {
    while (state.times.length > 0 && now - (state.times[0] ?? 0) >= window) state.times.shift()
    if (state.times.length >= settings.limit) {
      return decision(false, state.times.length, (state.times[0] ?? now) + window, now)
    }
    state.times.push(now)

    return decision(true, state.times.length, (state.times[0] ?? now) + window, now)
  }

  return {
    get settings() {
      return settings
    },
    hit(key, now = Date.now()) {
      const window = windowLength()
      if (!settings.enabled) return decision(true, 0, now + window, now)

      pruneExpired(now, window)
      let state = states.get(key)
      if (!state) {
        state = { windowStart: now, count: 0, times: [] }
        states.set(key, state)
      }

      return settings.mode === 'fixed'
        ? hitFixed(state, now, window)
        : hitSliding(state, now, window)
    },
    reset(key) {
      if (key === undefined) states.clear()
      else states.delete(key)
    },
    configure(patch) {
      Object.assign(settings, patch)
      states.clear()
    },
  }
}
