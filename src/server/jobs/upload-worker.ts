/**
 * Works the upload runs: expands an "Upload all" into items, then works items in a few lanes
 * at once. Each item is held under a lease that a heartbeat renews, so when this process dies
 * another start (or another worker) takes the item over once the lease runs out; looking each
 * product's SKU up on the target before writing makes that safe.
 */
import { randomUUID } from 'node:crypto'
import type { AppContext } from '../services/context'
import { planRun } from '../services/plan-run'
import { processItem } from '../services/process-item'
import { createRunResources, markWaiting, type RunResources } from '../services/run-resources'
import { claimItems, countItems, findActiveRuns, findRun, readRunStatus, recordOutcome, renewLeases, updateRun } from '../store/run-store'
import { releaseClaims } from '../store/run-claims-store'
import type { RunRow } from '../store/schema'
import { nowIso } from '../store/clock'

const LEASE_MS = 30_000
const POLL_MS = 2_000

export function createUploadWorker(ctx: AppContext) {
  const owner = `worker-${randomUUID()}`
  const log = ctx.log.child({ worker: owner })
  let stopping = false
  let loop: Promise<void> | null = null
  let wakeUp: (() => void) | null = null
  let pendingWake = false
  const held = new Set<string>()

  // A rate limit shows on the store's runs as "waiting until …", never as a failure.
  ctx.connections.onWait((storeId, info) => {
    if (info.reason !== 'rate-limited') return
    markWaiting(ctx, storeId, info.until).catch((error: unknown) =>
      log.warn({ err: error }, 'could not mark runs as waiting'),
    )
  })

  const heartbeat = setInterval(() => {
    renewLeases(ctx.db, owner, [...held], LEASE_MS).catch((error: unknown) =>
      log.warn({ err: error }, 'could not renew item leases'),
    )
  }, LEASE_MS / 3)
  heartbeat.unref()

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

  async function workRun(run: RunRow) {
    const runLog = log.child({ runId: run.id, direction: run.direction })
    if (run.status === 'queued') await updateRun(ctx.db, run.id, { status: 'running', message: null })
    if (!run.planned) {
      await planRun(ctx, run)
      await updateRun(ctx.db, run.id, { planned: 1 })
    }
    const resources: RunResources = createRunResources(ctx, run)
    const lanes = Array.from({ length: await resources.laneCount() }, async () => {
      while (!stopping) {
        // A cancelled run takes no more items; the one being written finishes first.
        if ((await readRunStatus(ctx.db, run.id)) === 'cancelled') return
        const [item] = await claimItems(ctx.db, run.id, owner, { limit: 1, leaseMs: LEASE_MS })
        if (!item) return
        held.add(item.id)
        try {
          const outcome = await processItem(resources, item)
          await recordOutcome(ctx.db, item.id, outcome)
          await resources.noteProgress()
        } catch (error) {
          // processItem turns every expected failure into an outcome; this is a bug or the
          // database going away. The item stays leased and is taken over after the lease.
          runLog.error({ err: error, itemId: item.id }, 'item could not be processed')
          await recordOutcome(ctx.db, item.id, {
            status: 'failed',
            reasons: ['Something went wrong on our side while uploading this product. Retry it, or contact support.'],
            detail: error instanceof Error ? error.message : String(error),
          })
        } finally {
          held.delete(item.id)
        }
      }
    })
    await Promise.all(lanes)
    if (!stopping) await finishIfDone(run)
  }

  async function finishIfDone(started: RunRow) {
    const runId = started.id
    const counts = (await countItems(ctx.db, [runId])).get(runId)
    const run = await findRun(ctx.db, started.store_id, runId)
    if (!counts || !run || counts.pending > 0 || run.status === 'cancelled') return
    const errors = counts.failed + counts.refused
    await updateRun(ctx.db, runId, {
      status: errors > 0 ? 'completed_with_errors' : 'completed',
      message: errors > 0 ? `Completed with ${errors} ${errors === 1 ? 'error' : 'errors'}` : null,
      waiting_until: null,
      finished_at: nowIso(),
    })
    await releaseClaims(ctx.db, runId)
    log.info({ runId, counts }, 'run finished')
  }

  async function tick() {
    const runs = await findActiveRuns(ctx.db)
    for (const run of runs) {
      if (stopping) return
      try {
        await workRun(run)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        log.error({ err: error, runId: run.id }, 'run stopped')
        await updateRun(ctx.db, run.id, {
          status: 'failed',
          message: `The upload stopped: ${message}`,
          finished_at: nowIso(),
        })
        await releaseClaims(ctx.db, run.id)
      }
    }
  }

  return {
    start() {
      if (loop) return
      loop = (async () => {
        while (!stopping) {
          try {
            await tick()
          } catch (error) {
            log.error({ err: error }, 'worker tick failed')
          }
          await sleep(POLL_MS)
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
      await loop
    },
  }
}
