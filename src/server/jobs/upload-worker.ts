/**
 * Works the upload runs: expands an "Upload all" into items, then works items in a few lanes
 * at once. Any number of workers (BFF processes, `npm run worker` processes) may share one
 * database: each item and each run's planning is held under a lease that a heartbeat renews, and
 * taken with an atomic claim, so no two workers work the same item at once. When a worker dies,
 * another (or the same process started again) takes its items over once the lease runs out;
 * looking each product up on the target before writing makes that safe, and every record is
 * fenced by the claim's generation (store/item-fence.ts), so a worker that merely stalled and
 * comes back writes nothing over its successor's work.
 */
import { hostname } from 'node:os'
import { randomUUID } from 'node:crypto'
import { isUpstreamError, SYSTEM_LABEL } from '../../connectors/shared/upstream-error'
import { completedWords } from '../../contracts/run-words'
import { SettingError } from '../errors'
import type { AppContext } from '../services/context'
import { planRun } from '../services/plan-run'
import { refreshPosCatalog } from '../services/pos-catalog'
import { processItem } from '../services/process-item'
import { createRunResources, markWaiting, type RunResources } from '../services/run-resources'
import { settleStaleCreates } from '../services/stale-creates'
import { nowIso } from '../store/clock'
import {
  claimItems,
  countItems,
  endRun,
  findActiveRuns,
  findRun,
  finishPlanning,
  markRunning,
  readRunStatus,
  releasePlanLease,
  renewLeases,
  takePlanLease,
} from '../store/run-store'
import { fenceOf, type ItemOutcome, LeaseLost, recordOutcome } from '../store/item-fence'
import { releaseClaims } from '../store/run-claims-store'
import type { RunItemRow, RunRow } from '../store/schema'
import { settleWithin } from './stop-grace'

/** A run whose planning failed this many times in a row (upstream unreachable) fails. */
const MAX_PLAN_ATTEMPTS = 5
/** Runs one process works at once; more wait for a turn. */
const MAX_RUNS_AT_ONCE = 8

const ITEM_BUG_REASON =
  'Something went wrong on our side while uploading this product. Retry it, or contact support.'

export interface UploadWorker {
  start(): void
  /** Looks for work now instead of at the next poll (a run was just started here). */
  wake(): void
  stop(): Promise<void>
  /** What this worker did since it started. */
  stats(): { owner: string; items: number }
}

/** A BFF process that leaves uploads to dedicated workers still answers wake(). */
export function idleWorker(): UploadWorker {
  return {
    start: () => undefined,
    wake: () => undefined,
    stop: () => Promise.resolve(),
    stats: () => ({ owner: 'none', items: 0 }),
  }
}

export function createUploadWorker(ctx: AppContext): UploadWorker {
  const { leaseMs, pollMs, posIndexRefreshMs } = ctx.config.worker
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const log = ctx.log.child({ worker: owner })
  /** Items this worker is working, by id, with the generation of its claim. */
  const heldItems = new Map<string, number>()
  const heldPlans = new Set<string>()
  const planFailures = new Map<string, number>()
  const working = new Map<string, Promise<void>>()
  let items = 0
  let stopping = false
  let loop: Promise<void> | null = null
  let wakeUp: (() => void) | null = null
  let pendingWake = false

  // A rate limit shows on the store's runs as "waiting until …", never as a failure.
  ctx.connections.onWait((storeId, info) => {
    if (info.reason !== 'rate-limited') return
    markWaiting(ctx, storeId, info.until).catch((error: unknown) =>
      log.warn({ err: error }, 'could not mark runs as waiting'),
    )
  })

  // A worker that stalls longer than its lease (a frozen VM, a lost database connection) loses
  // its items to other workers; what it then tries to record is fenced out, it creates nothing
  // once it notices (each create first confirms the lease), and a product it created before
  // noticing is deleted again unless it is the one linked (services/stale-creates.ts).
  const heartbeat = setInterval(() => void renew(), Math.max(100, Math.floor(leaseMs / 3)))
  heartbeat.unref()

  async function renew() {
    try {
      const held = [...heldItems].map(([id, generation]) => ({ id, generation }))
      const lost = await renewLeases(ctx.db, owner, held, leaseMs)
      // An item whose work ended while its lease was renewed is no longer held: not lost.
      for (const { id, generation } of lost) {
        if (heldItems.get(id) !== generation) continue
        log.warn({ itemId: id }, 'item lease lost; another worker has it')
      }
      for (const runId of heldPlans) await takePlanLease(ctx.db, runId, owner, leaseMs)
    } catch (error) {
      log.warn({ err: error }, 'could not renew leases')
    }
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

  /** Plans the run if nobody else is; returns false when it stopped the run. */
  async function plan(run: RunRow): Promise<boolean> {
    if (run.planned || !(await takePlanLease(ctx.db, run.id, owner, leaseMs))) return true
    heldPlans.add(run.id)
    try {
      await planRun(ctx, run)
      await finishPlanning(ctx.db, run.id, owner)
      planFailures.delete(run.id)

      return true
    } catch (error) {
      await releasePlanLease(ctx.db, run.id, owner)
      const failures = (planFailures.get(run.id) ?? 0) + 1
      planFailures.set(run.id, failures)
      const retryable = isUpstreamError(error) && error.retryable
      if (retryable && failures < MAX_PLAN_ATTEMPTS) {
        log.warn({ err: error, runId: run.id, failures }, 'planning failed; trying again')
        return false
      }
      log.error({ err: error, runId: run.id }, 'run stopped while planning')
      await releaseClaims(ctx.db, run.id)
      await endRun(ctx.db, run.id, {
        status: 'failed',
        message: planningFailure(run, error),
        waiting_until: null,
        finished_at: nowIso(),
      })

      return false
    } finally {
      heldPlans.delete(run.id)
    }
  }

  async function workItem(resources: RunResources, item: RunItemRow) {
    const itemLog = log.child({ runId: item.run_id, itemId: item.id })
    const fence = fenceOf(item, owner)
    let outcome: ItemOutcome
    try {
      outcome = await processItem(resources, item, fence)
    } catch (error) {
      if (error instanceof LeaseLost) {
        itemLog.warn('item taken over by another worker; nothing more recorded for it here')
        return
      }
      // processItem turns every expected failure into an outcome, but for a setting that does
      // not fit the store; anything else is a bug.
      const isSetting = error instanceof SettingError
      if (isSetting) itemLog.warn({ err: error }, 'a setting does not fit the store')
      else itemLog.error({ err: error }, 'item could not be processed')
      outcome = {
        status: 'failed' as const,
        reasons: [isSetting ? `${error.message} Change the setting, then retry.` : ITEM_BUG_REASON],
        detail: error instanceof Error ? error.message : String(error),
      }
    }
    // The final record ends the lease: the heartbeat lets go of the item first, so it does not
    // take an item just recorded for one lost.
    heldItems.delete(item.id)
    if (await recordOutcome(ctx.db, fence, outcome)) {
      items += 1
      itemLog.debug({ status: outcome.status }, 'item done')
      // A worker that held the item before may have created its product after all.
      if (fence.generation > 1) await settleStaleCreates(resources, item)
    } else {
      itemLog.warn({ status: outcome.status }, 'item taken over by another worker; outcome dropped')
    }
    await resources.noteProgress()
  }

  async function workRun(run: RunRow) {
    await markRunning(ctx.db, run.id)
    if (!(await plan(run))) return
    const resources = createRunResources(ctx, run)
    let refreshedAt = Date.now()
    const refreshSource = async () => {
      if (run.direction !== 'pos-to-ecom' || Date.now() - refreshedAt < posIndexRefreshMs) return
      refreshedAt = Date.now()
      // A product deleted in Retail POS since the run started is then reported, not uploaded.
      await refreshPosCatalog(ctx, run.store_id).catch((error: unknown) =>
        log.warn({ err: error, runId: run.id }, 'could not refresh the Retail POS index'),
      )
    }
    // Leases run out at most once a lease period; looking for them on every claim costs a query
    // per product.
    let lookedForExpiredAt = 0
    const lanes = Array.from({ length: await resources.laneCount() }, async () => {
      while (!stopping) {
        // A cancelled run takes no more items; the one being written finishes first.
        if ((await readRunStatus(ctx.db, run.id)) === 'cancelled') return
        await refreshSource()
        const takeOver = Date.now() - lookedForExpiredAt >= leaseMs / 4
        if (takeOver) lookedForExpiredAt = Date.now()
        let [item] = await claimItems(ctx.db, run.id, owner, { limit: 1, leaseMs, takeOver })
        if (!item && !takeOver)
          [item] = await claimItems(ctx.db, run.id, owner, { limit: 1, leaseMs })
        if (!item) return
        heldItems.set(item.id, item.attempts)
        try {
          await workItem(resources, item)
        } finally {
          heldItems.delete(item.id)
        }
      }
    })
    // Every lane ends before what they share is let go (a lane that failed leaves the others be).
    const ended = await Promise.allSettled(lanes)
    await resources.release()
    const failed = ended.find((lane) => lane.status === 'rejected')
    if (failed) throw failed.reason
    if (!stopping) await finishIfDone(run)
  }

  async function finishIfDone(started: RunRow) {
    const runId = started.id
    const run = await findRun(ctx.db, started.store_id, runId)
    if (!run?.planned) return
    const counts = (await countItems(ctx.db, [runId])).get(runId)
    if (!counts || counts.pending > 0) return
    const errors = counts.failed + counts.refused
    const ended = await endRun(ctx.db, runId, {
      status: errors > 0 ? 'completed_with_errors' : 'completed',
      message: errors > 0 ? completedWords(counts) : null,
      waiting_until: null,
      finished_at: nowIso(),
    })
    if (ended) {
      await releaseClaims(ctx.db, runId)
      log.info({ runId, counts }, 'run finished')
    }
  }

  /**
   * Starts work on every active run not yet worked here, oldest first, each run in its own lanes:
   * one store waiting minutes on a rate limit never holds up another store's upload.
   */
  async function tick() {
    const runs = await findActiveRuns(ctx.db)
    for (const run of runs) {
      if (stopping || working.size >= MAX_RUNS_AT_ONCE) return
      if (working.has(run.id)) continue
      const work = workRun(run)
        .catch((error: unknown) => {
          // The database went away or a bug: the run stays active, its items leased until they
          // are taken over, and a later tick tries again.
          log.error({ err: error, runId: run.id }, 'could not work the run')
        })
        .finally(() => working.delete(run.id))
      working.set(run.id, work)
    }
  }

  return {
    start() {
      if (loop) return
      log.info({ leaseMs, pollMs }, 'upload worker started')
      loop = (async () => {
        while (!stopping) {
          try {
            await tick()
          } catch (error) {
            log.error({ err: error }, 'worker tick failed')
          }
          await sleep(pollMs)
        }
      })()
    },
    wake() {
      pendingWake = true
      wakeUp?.()
    },
    async stop() {
      stopping = true
      clearInterval(heartbeat)
      wakeUp?.()
      await settleWithin(Promise.all([loop, ...working.values()]))
    },
    stats: () => ({ owner, items }),
  }
}

/** Plain words for a run that could not be planned; the detail is in the logs. */
function planningFailure(run: RunRow, error: unknown): string {
  const source = run.direction === 'pos-to-ecom' ? 'Retail POS' : 'eCom'
  if (isUpstreamError(error)) {
    const system = SYSTEM_LABEL[error.system]
    const said = error.message.replace(/[.\s]+$/, '')

    return (
      `The upload stopped while reading the ${system} catalog: ${said}. ` +
      'Start it again later; if it stops again, contact support.'
    )
  }

  return (
    `The upload stopped while reading the ${source} catalog because of a problem on our side. ` +
    `Start it again; if it stops again, contact support with this reference: ${run.id}.`
  )
}
