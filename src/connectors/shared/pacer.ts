import { createHash } from 'node:crypto'

import { type Clock, systemClock } from './clock'
import { parseRateLimitReset } from './retry-after'

export interface RateLimit {
  /** Requests allowed per window, as the vendor publishes it. */
  limit: number
  windowMs: number
  /** Requests that may go out back to back before pacing starts. Default: 5% of the limit. */
  burst?: number
}

export type PacerWaitReason = 'rate-limited' | 'pacing'

export type PacerWaitListener = (until: Date, reason: PacerWaitReason) => void

/** Local waits shorter than this are ordinary pacing and are not announced. */
const ANNOUNCE_PACING_FROM_MS = 1000

/**
 * Spreads one key's requests (one token on one store) so they stay under a published limit.
 *
 * A token bucket of `burst` tokens refilled at `(limit - burst) / window`: in any window at most
 * `limit` requests leave, whatever the server's window alignment. A 429 pauses the whole key
 * until its Retry-After, so queued requests wait too instead of each earning its own 429.
 * Requests are served first come, first served.
 */
export class Pacer {
  private readonly clock: Clock
  private readonly windowMs: number
  private readonly burst: number
  private limit: number
  private tokens: number
  private refilledAt: number
  private pausedUntil = 0
  private queue: Promise<void> = Promise.resolve()

  constructor(rateLimit: RateLimit, clock: Clock = systemClock) {
    this.clock = clock
    this.windowMs = rateLimit.windowMs
    this.limit = Math.max(1, rateLimit.limit)
    this.burst = clampBurst(rateLimit.burst ?? Math.floor(this.limit * 0.05), this.limit)
    this.tokens = this.burst
    this.refilledAt = clock.now()
  }

  get currentLimit(): number {
    return this.limit
  }

  /** Resolves when the caller may send one request. */
  acquire(onWait?: PacerWaitListener): Promise<void> {
    const turn = this.queue.then(() => this.take(onWait))

    this.queue = turn.catch(() => undefined)

    return turn
  }

  /** Stops every request on this key until `until` (a 429's Retry-After). */
  pauseUntil(until: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, until)
    this.tokens = 0
    this.refilledAt = this.clock.now()
  }

  /**
   * Adapts to the server's own count: `X-RateLimit-Limit` replaces the configured limit (X-Series
   * derives it from the register count), and `X-RateLimit-Remaining` caps the tokens in hand.
   */
  observe(headers: Headers): void {
    const limit = Number(headers.get('x-ratelimit-limit'))

    if (Number.isFinite(limit) && limit > 0 && limit !== this.limit) this.limit = limit

    const remainingHeader = headers.get('x-ratelimit-remaining')

    if (remainingHeader === null) return

    const remaining = Number(remainingHeader)

    if (!Number.isFinite(remaining)) return

    this.refill()
    this.tokens = Math.min(this.tokens, Math.max(0, remaining))

    if (remaining <= 0) {
      const resetMs = parseRateLimitReset(headers.get('x-ratelimit-reset'), this.clock.now())

      if (resetMs !== null) this.pauseUntil(this.clock.now() + resetMs)
    }
  }

  private get ratePerMs(): number {
    return Math.max(1, this.limit - this.burst) / this.windowMs
  }

  private refill(): void {
    const now = this.clock.now()
    const elapsed = Math.max(0, now - this.refilledAt)

    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerMs)
    this.refilledAt = now
  }

  private async take(onWait?: PacerWaitListener): Promise<void> {
    for (;;) {
      const now = this.clock.now()

      if (now < this.pausedUntil) {
        onWait?.(new Date(this.pausedUntil), 'rate-limited')
        await this.clock.sleep(this.pausedUntil - now)
        continue
      }

      this.refill()

      if (this.tokens >= 1) {
        this.tokens -= 1

        return
      }

      const waitMs = Math.ceil((1 - this.tokens) / this.ratePerMs)

      if (waitMs >= ANNOUNCE_PACING_FROM_MS) onWait?.(new Date(now + waitMs), 'pacing')
      await this.clock.sleep(waitMs)
    }
  }
}

function clampBurst(burst: number, limit: number): number {
  return Math.min(Math.max(1, Math.floor(burst)), Math.max(1, limit - 1))
}

const sharedPacers = new Map<string, Pacer>()

/**
 * The pacer for one upstream key, shared by every client made for it in this process, so two
 * jobs on the same store draw from one budget. The token is hashed, never kept as a key.
 */
export function sharedPacer(
  parts: { system: string; baseUrl: string; token: string },
  rateLimit: RateLimit,
  clock: Clock = systemClock,
): Pacer {
  const tokenHash = createHash('sha256').update(parts.token).digest('hex').slice(0, 16)
  const key = `${parts.system}|${parts.baseUrl}|${tokenHash}`
  const existing = sharedPacers.get(key)

  if (existing) return existing

  const pacer = new Pacer(rateLimit, clock)

  sharedPacers.set(key, pacer)

  return pacer
}
