/**
 * The ongoing sync's worker, beside the upload worker: works the webhook inbox the moment a
 * delivery wakes it, syncs the links marked dirty, and runs the catch-up over the Retail POS
 * version cursor at start-up and then every CATCH_UP_INTERVAL_MS. One turn at a time, so a sale
 * being recorded and a sync of the same product never overlap in this process; leases keep
 * several processes apart.
 */
import type { AppContext } from '../services/context'
import { catchUp } from '../services/ongoing/catch-up'
import { ensurePosWebhooks } from '../services/ongoing/pos-subscriptions'
import { isPosNotConnected } from '../services/pos-tokens'
import { syncDirtyLinks } from '../services/ongoing/sync-links'
import { workInbox } from '../services/ongoing/work-inbox'
import { settleWithin } from './stop-grace'
import { storesWithLinks } from '../store/sync-store-links'

/** How often the worker looks for deliveries and links due for a retry when nothing wakes it. */
const POLL_MS = 2_000

export interface CatchUpWorkerOptions {
  intervalMs?: number
}

export type CatchUpWorker = ReturnType<typeof createCatchUpWorker>

export function createCatchUpWorker(ctx: AppContext, options: CatchUpWorkerOptions = {}) {
  const intervalMs = options.intervalMs ?? ctx.config.catchUpIntervalMs
  const log = ctx.log.child({ component: 'ongoing-sync' })
  let stopping = false
  let loop: Promise<void> | null = null
  let wakeUp: (() => void) | null = null
  let pendingWake = false
  let nextCatchUp = 0
  let waiters: (() => void)[] = []
  const subscribed = new Set<number>()

  /** Each store with links subscribes its own Retail POS account, once it is connected. */
  async function subscribe() {
    for (const storeId of await storesWithLinks(ctx.db)) {
      if (subscribed.has(storeId)) continue

      const pos = await ctx.connections.pos(storeId).catch((error: unknown) => {
        if (isPosNotConnected(error)) return null
        throw error
      })

      if (!pos) continue

      const done = await ensurePosWebhooks(ctx, storeId, pos)

      if (!done)
        log.info(
          'the Retail POS connector cannot subscribe to webhooks; the catch-up finds changes',
        )
      subscribed.add(storeId)
    }
  }

  async function runCatchUp() {
    const finished = waiters

    waiters = []
    nextCatchUp = Date.now() + intervalMs
    try {
      await subscribe().catch((error: unknown) =>
        log.warn({ err: error }, 'could not subscribe to Retail POS webhooks'),
      )

      const marked = await catchUp(ctx)

      if (marked > 0) log.info({ marked }, 'catch-up found Retail POS changes')

      return marked > 0
    } finally {
      for (const resolve of finished) resolve()
    }
  }

  /** One turn; true when it found work, so the next turn starts at once. */
  async function turn(): Promise<boolean> {
    const deliveries = await workInbox(ctx)
    const links = await syncDirtyLinks(ctx)
    const caughtUp = Date.now() >= nextCatchUp ? await runCatchUp() : false

    return deliveries > 0 || links > 0 || caughtUp
  }

  function sleep(ms: number) {
    return new Promise<void>((resolve) => {
      if (pendingWake || stopping) {
        pendingWake = false
        resolve()
        return
      }

      const timer = setTimeout(done, ms)

      function done() {
        clearTimeout(timer)
        wakeUp = null
        resolve()
      }
      wakeUp = done
    })
  }

  function wake() {
    pendingWake = true
    wakeUp?.()
  }

  return {
    start() {
      if (loop) return
      loop = (async () => {
        while (!stopping) {
          let isBusy = false

          try {
            isBusy = await turn()
          } catch (error) {
            log.error({ err: error }, 'ongoing sync turn failed')
          }
          if (!isBusy) await sleep(Math.max(0, Math.min(POLL_MS, nextCatchUp - Date.now())))
        }
      })()
    },
    /** A delivery came in: work it now rather than at the next poll. */
    wake,
    /** Runs a catch-up now (tests, support); resolves when it has marked what changed. */
    catchUpNow(): Promise<void> {
      const finished = new Promise<void>((resolve) => waiters.push(resolve))

      nextCatchUp = 0
      wake()

      return finished
    },
    async stop() {
      stopping = true
      wakeUp?.()
      // A turn paced by a rate limit can take minutes: it is left behind after the grace, and
      // its links, still marked dirty, are worked by the next start.
      if (loop) await settleWithin(loop)
      for (const resolve of waiters) resolve()
    },
  }
}
