/** How fast an active run goes, and when it should be done at that pace. */
import type { RunPace } from '../../contracts/api'
import { countFinishedSince } from '../store/run-store'
import type { Db } from '../store/db'

const WINDOW_MS = 60_000
/** Below this much history a rate says nothing yet. */
const MIN_WINDOW_MS = 5_000

/**
 * Products finished per minute over the last minute (or since the run started, when that is
 * shorter), and the seconds left for the pending ones at that rate. Null while it is too early.
 */
export async function runPace(
  db: Db,
  run: { id: string; createdAt: string; pending: number },
  now = Date.now(),
): Promise<RunPace | null> {
  const windowMs = Math.min(WINDOW_MS, now - Date.parse(run.createdAt))
  if (windowMs < MIN_WINDOW_MS) return null
  const finished = await countFinishedSince(db, run.id, new Date(now - windowMs).toISOString())
  const perMinute = (finished * 60_000) / windowMs

  return {
    perMinute: Math.round(perMinute * 10) / 10,
    secondsLeft: perMinute > 0 ? Math.ceil((run.pending / perMinute) * 60) : null,
  }
}
