/**
 * The webhook inbox: every delivery from either side is written once, answered at once, and
 * worked later under a lease, so a slow upstream never makes a sender wait or retry.
 */
import { randomUUID } from 'node:crypto'
import { nowIso } from './clock'
import type { Db } from './db'

export type WebhookInboxTable = {
  id: string
  source: 'pos' | 'ecom'
  dedupe_key: string
  event_type: string
  store_id: number | null
  entity_id: string | null
  /** The delivery as it came (JSON). */
  body: string
  status: 'pending' | 'done' | 'ignored' | 'failed'
  attempts: number
  next_attempt_at: string
  lease_until: string | null
  last_error: string | null
  received_at: string
  processed_at: string | null
}

export type WebhookRow = WebhookInboxTable

export type OngoingTables = {
  webhook_inbox: WebhookInboxTable
}

const inbox = (db: Db) => db.withTables<OngoingTables>()

export interface NewDelivery {
  source: WebhookInboxTable['source']
  dedupeKey: string
  eventType: string
  storeId: number | null
  entityId: string | null
  body: unknown
  /** 'ignored' for a delivery kept only as a record (an eCom product edit). */
  status: 'pending' | 'ignored'
}

/**
 * Records a delivery; false when the same one was recorded before (a sender's retry). A Retail
 * POS hint seen again after it was worked is armed again instead: hints carry no id, so the same
 * body can be a later change back to an earlier value, and reading the product again is harmless.
 */
export async function recordDelivery(db: Db, delivery: NewDelivery): Promise<boolean> {
  const now = nowIso()
  const inserted = await inbox(db)
    .insertInto('webhook_inbox')
    .values({
      id: randomUUID(),
      source: delivery.source,
      dedupe_key: delivery.dedupeKey,
      event_type: delivery.eventType,
      store_id: delivery.storeId,
      entity_id: delivery.entityId,
      body: JSON.stringify(delivery.body),
      status: delivery.status,
      attempts: 0,
      next_attempt_at: now,
      lease_until: null,
      last_error: null,
      received_at: now,
      processed_at: delivery.status === 'ignored' ? now : null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst()

  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true
  if (delivery.source === 'pos' && delivery.status === 'pending') {
    await inbox(db)
      .updateTable('webhook_inbox')
      .set({ status: 'pending', next_attempt_at: now, attempts: 0, last_error: null })
      .where('dedupe_key', '=', delivery.dedupeKey)
      .where('status', 'in', ['done', 'failed'])
      .execute()
  }

  return false
}

/** Takes up to `limit` deliveries that are due, each under a lease no other worker can take. */
export async function claimDeliveries(
  db: Db,
  limit: number,
  leaseMs: number,
): Promise<WebhookRow[]> {
  const now = nowIso()
  const due = await inbox(db)
    .selectFrom('webhook_inbox')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('received_at')
    .limit(limit)
    .execute()
  const leaseUntil = new Date(Date.now() + leaseMs).toISOString()
  const claimed: WebhookRow[] = []

  for (const row of due) {
    const taken = await inbox(db)
      .updateTable('webhook_inbox')
      .set({ lease_until: leaseUntil })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst()

    if (Number(taken.numUpdatedRows) === 1) claimed.push({ ...row, lease_until: leaseUntil })
  }

  return claimed
}

export async function finishDelivery(
  db: Db,
  id: string,
  status: 'done' | 'ignored',
  note: string | null = null,
) {
  await inbox(db)
    .updateTable('webhook_inbox')
    .set({ status, lease_until: null, last_error: note, processed_at: nowIso() })
    .where('id', '=', id)
    .execute()
}

/** Leaves a delivery to be tried again at `retryAt`, or failed for good after `maxAttempts`. */
export async function retryDelivery(
  db: Db,
  row: WebhookRow,
  error: string,
  retryAt: Date,
  maxAttempts: number,
) {
  const attempts = row.attempts + 1

  await inbox(db)
    .updateTable('webhook_inbox')
    .set({
      status: attempts >= maxAttempts ? 'failed' : 'pending',
      attempts,
      next_attempt_at: retryAt.toISOString(),
      lease_until: null,
      last_error: error,
      processed_at: attempts >= maxAttempts ? nowIso() : null,
    })
    .where('id', '=', row.id)
    .execute()
}

/**
 * Leaves a delivery to be tried at `at` without counting an attempt: nothing failed, the work is
 * held by another worker for now (an order being recorded).
 */
export async function postponeDelivery(db: Db, row: WebhookRow, note: string, at: Date) {
  await inbox(db)
    .updateTable('webhook_inbox')
    .set({ next_attempt_at: at.toISOString(), lease_until: null, last_error: note })
    .where('id', '=', row.id)
    .execute()
}

/** Deliveries as recorded, newest first (support and tests). */
export async function listDeliveries(
  db: Db,
  filter: { source?: WebhookInboxTable['source'] } = {},
) {
  let query = inbox(db).selectFrom('webhook_inbox').selectAll()

  if (filter.source) query = query.where('source', '=', filter.source)

  return query.orderBy('received_at', 'desc').execute()
}
