/**
 * One upstream key's request budget, shared by every process of one database: a token bucket row
 * per key that each request takes a token from in one UPDATE, and the pause a 429 imposes on all.
 */
import { sql } from 'kysely'
import type { Db } from './db'

export interface Budget {
  /** Requests that may go back to back. */
  burst: number
  /** Tokens regained per millisecond. */
  ratePerMs: number
}

export type Take = { taken: true } | { taken: false; waitMs: number; paused: boolean }

/** Takes one request from the key's budget at `now` (epoch ms), or says how long to wait. */
export async function takeFromBudget(
  db: Db,
  key: string,
  budget: Budget,
  now: number,
): Promise<Take> {
  const at = sql<number>`cast(${now} as bigint)`
  const rate = sql<number>`cast(${budget.ratePerMs} as double precision)`
  const elapsed = sql<number>`case when ${at} > refilled_at then ${at} - refilled_at else 0 end`
  const refilled = sql<number>`case when tokens + ${elapsed} * ${rate} > ${budget.burst}
    then ${budget.burst} else tokens + ${elapsed} * ${rate} end`
  const updated = await db
    .updateTable('rate_budgets')
    .set({
      tokens: sql`${refilled} - 1`,
      refilled_at: sql`case when ${at} > refilled_at then ${at} else refilled_at end`,
    })
    .where('key', '=', key)
    .where('paused_until', '<=', now)
    .where(refilled, '>=', 1)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) > 0) return { taken: true }

  const row = await db
    .selectFrom('rate_budgets')
    .selectAll()
    .where('key', '=', key)
    .executeTakeFirst()
  if (!row) {
    const inserted = await db
      .insertInto('rate_budgets')
      .values({ key, tokens: budget.burst - 1, refilled_at: now, paused_until: 0 })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst()

    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
      ? { taken: true }
      : { taken: false, waitMs: 1, paused: false }
  }
  const pausedUntil = Number(row.paused_until)
  if (pausedUntil > now) return { taken: false, waitMs: pausedUntil - now, paused: true }
  const tokens = Math.min(
    budget.burst,
    Number(row.tokens) + Math.max(0, now - Number(row.refilled_at)) * budget.ratePerMs,
  )

  return {
    taken: false,
    waitMs: Math.max(1, Math.ceil((1 - tokens) / budget.ratePerMs)),
    paused: false,
  }
}

/** Stops every process calling the key until `until` (epoch ms), as a 429's Retry-After says. */
export async function pauseBudget(db: Db, key: string, until: number) {
  await db
    .updateTable('rate_budgets')
    .set({ paused_until: until, tokens: 0, refilled_at: until })
    .where('key', '=', key)
    .where('paused_until', '<', until)
    .execute()
}
