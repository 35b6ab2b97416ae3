/** The rule that no two active runs of a store and direction work on the same product. */
import { RUN_OVERLAPS, type Direction } from '../../contracts/api'
import { AppError } from '../errors'
import type { Db } from '../store/db'
import { claimSelection } from '../store/run-claims-store'

const OVERLAP_MESSAGE =
  'Some of these products are already being uploaded. Follow that upload, and start this one ' +
  'again once it has finished if anything is left.'

/**
 * Claims a run's products inside the caller's transaction, or throws 409 RUN_OVERLAPS naming the
 * active run that holds them (the transaction then rolls back, so nothing of the new run stays).
 */
export async function claimOrRefuse(
  db: Db,
  claim: { storeId: number; direction: Direction; runId: string; sourceIds: string[] | 'all' },
) {
  const result = await claimSelection(db, claim)
  if (!result.ok) {
    throw new AppError(RUN_OVERLAPS, OVERLAP_MESSAGE, {
      status: 409,
      details: { runId: result.runId },
    })
  }
}
