/**
 * Fencing of an item's writes. Each claim of an item raises its `attempts`, so a worker holds an
 * item under one generation: the claim's. Whatever a worker records for the item (its outcome,
 * the link it made) is written in one transaction that first checks the worker still holds the
 * item under that generation; a worker that stalled past its lease and lost the item to another
 * records nothing. Before each create on the target, a worker confirms (and extends) its lease,
 * so a stall before that point creates nothing either (decision 009-fenced-creates).
 */
import type { Db } from './db'
import { nowIso } from './clock'
import type { RunItemRow } from './schema'
import { foldForSearch } from './search-text'

export type ItemOutcome = {
  status: 'created' | 'linked' | 'failed' | 'refused' | 'pending'
  targetId?: string | null
  reasons?: string[]
  detail?: string | null
  /** The product's name and SKU as read during the work (a picked item starts without them). */
  name?: string
  sku?: string
}

/** Who holds an item, and under which claim. */
export interface ItemFence {
  itemId: string
  owner: string
  /** The item's `attempts` as the claim set it. */
  generation: number
}

/** A worker found it no longer holds the item: another worker has it, or has finished it. */
export class LeaseLost extends Error {
  constructor(readonly itemId: string) {
    super(`the lease on item ${itemId} was lost to another worker`)
    this.name = 'LeaseLost'
  }
}

export function fenceOf(item: RunItemRow, owner: string): ItemFence {
  return { itemId: item.id, owner, generation: item.attempts }
}

/**
 * Extends the lease while the fence still holds the item and it is still being worked; returns
 * false otherwise. A lease that ran out but was not taken over is still held: the update and a
 * claim by another worker cannot both succeed.
 */
export async function confirmLease(db: Db, fence: ItemFence, leaseMs: number): Promise<boolean> {
  const result = await db
    .updateTable('run_items')
    .set({ lease_until: new Date(Date.now() + leaseMs).toISOString() })
    .where('id', '=', fence.itemId)
    .where('lease_owner', '=', fence.owner)
    .where('attempts', '=', fence.generation)
    .where('status', '=', 'running')
    .executeTakeFirst()

  return Number(result.numUpdatedRows) > 0
}

function outcomeValues(outcome: ItemOutcome, keepLease: boolean) {
  return {
    status: outcome.status,
    target_id: outcome.targetId ?? null,
    reasons: JSON.stringify(outcome.reasons ?? []),
    detail: outcome.detail ?? null,
    ...(outcome.name !== undefined
      ? { name: outcome.name, name_folded: foldForSearch(outcome.name) }
      : {}),
    ...(outcome.sku !== undefined
      ? { sku: outcome.sku, sku_folded: foldForSearch(outcome.sku) }
      : {}),
    // An outcome known before the item's work ends (a create, before its images) keeps the
    // lease, so the worker's final record, which checks it, still lands.
    ...(keepLease ? {} : { lease_owner: null, lease_until: null }),
    updated_at: nowIso(),
  }
}

async function writeOutcome(
  db: Db,
  fence: ItemFence,
  outcome: ItemOutcome,
  keepLease: boolean,
): Promise<boolean> {
  const result = await db
    .updateTable('run_items')
    .set(outcomeValues(outcome, keepLease))
    .where('id', '=', fence.itemId)
    .where('lease_owner', '=', fence.owner)
    .where('attempts', '=', fence.generation)
    .executeTakeFirst()

  return Number(result.numUpdatedRows) > 0
}

/** Records an item's outcome while the fence holds the item; returns whether it was recorded. */
export async function recordOutcome(
  db: Db,
  fence: ItemFence,
  outcome: ItemOutcome,
  options: { keepLease?: boolean } = {},
): Promise<boolean> {
  return writeOutcome(db, fence, outcome, options.keepLease ?? false)
}

class NotHeld extends Error {}

/**
 * Runs `write` (the link an outcome stands on) and records the outcome it returns, in one
 * transaction, only while the fence holds the item: either both are written or neither. `write`
 * must use the transaction it is given. Returns the outcome, or null when the item was lost.
 */
export async function recordWithFence(
  db: Db,
  fence: ItemFence,
  write: (trx: Db) => Promise<ItemOutcome>,
  options: { keepLease?: boolean } = {},
): Promise<ItemOutcome | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      const outcome = await write(trx)
      if (!(await writeOutcome(trx, fence, outcome, options.keepLease ?? false))) {
        throw new NotHeld()
      }

      return outcome
    })
  } catch (error) {
    if (error instanceof NotHeld) return null
    throw error
  }
}
