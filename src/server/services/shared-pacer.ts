/**
 * Pacing shared by every process of one PostgreSQL database. Each process keeps its in-memory
 * pacer (fair order among its own requests, instant pauses), and before each request also takes
 * a token from the key's budget row, so N processes together stay under one store's published
 * limit; a 429 one process gets pauses them all until its Retry-After.
 */
import { createHash } from 'node:crypto'
import { systemClock, type Clock } from '../../connectors/shared/clock'
import { Pacer, type PacerWaitListener, type RateLimit } from '../../connectors/shared/pacer'
import type { Logger } from '../logger'
import type { Db } from '../store/db'
import { pauseBudget, takeFromBudget, type Budget } from '../store/rate-budget-store'

/** Longest single sleep before asking the budget again (another process may free tokens). */
const MAX_SLEEP_MS = 1000
const ANNOUNCE_PACING_FROM_MS = 1000

export class SharedPacer extends Pacer {
  private readonly budget: Budget
  private warned = false

  constructor(
    private readonly db: Db,
    private readonly key: string,
    rateLimit: RateLimit,
    private readonly log: Pick<Logger, 'warn'>,
    private readonly sharedClock: Clock = systemClock,
  ) {
    super(rateLimit, sharedClock)
    const limit = Math.max(1, rateLimit.limit)
    const burst = Math.min(
      Math.max(1, Math.floor(rateLimit.burst ?? limit * 0.05)),
      Math.max(1, limit - 1),
    )
    this.budget = { burst, ratePerMs: Math.max(1, limit - burst) / rateLimit.windowMs }
  }

  override async acquire(onWait?: PacerWaitListener): Promise<void> {
    await super.acquire(onWait)
    for (;;) {
      let take
      try {
        take = await takeFromBudget(this.db, this.key, this.budget, this.sharedClock.now())
      } catch (error) {
        // The database is away: this process keeps its own pacing rather than stop calling.
        if (!this.warned)
          this.log.warn({ err: error }, 'shared rate budget unavailable; pacing locally')
        this.warned = true

        return
      }
      if (take.taken) return
      const until = new Date(this.sharedClock.now() + take.waitMs)
      if (take.paused) onWait?.(until, 'rate-limited')
      else if (take.waitMs >= ANNOUNCE_PACING_FROM_MS) onWait?.(until, 'pacing')
      await this.sharedClock.sleep(Math.min(take.waitMs, MAX_SLEEP_MS))
    }
  }

  override pauseUntil(until: number): void {
    super.pauseUntil(until)
    pauseBudget(this.db, this.key, until).catch((error: unknown) =>
      this.log.warn({ err: error }, 'could not share a rate-limit pause'),
    )
  }
}

const pacers = new WeakMap<Db, Map<string, SharedPacer>>()

/**
 * The shared pacer of one upstream key (system, base URL, token), one per process and database.
 * The token is hashed, never kept.
 */
export function sharedBudgetPacer(
  db: Db,
  parts: { system: string; baseUrl: string; token: string },
  rateLimit: RateLimit,
  log: Pick<Logger, 'warn'>,
): SharedPacer {
  const tokenHash = createHash('sha256').update(parts.token).digest('hex').slice(0, 16)
  const key = `${parts.system}|${parts.baseUrl.replace(/\/+$/, '')}|${tokenHash}`
  const ofDb = pacers.get(db) ?? new Map<string, SharedPacer>()
  pacers.set(db, ofDb)
  let pacer = ofDb.get(key)
  if (!pacer) {
    pacer = new SharedPacer(db, key, rateLimit, log)
    ofDb.set(key, pacer)
  }

  return pacer
}
