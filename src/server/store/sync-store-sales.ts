/**
 * eCom orders recorded as sales in Retail POS, one row per order (the key decides, not a read
 * before the write), with the lines planned and which of them were written. However often the
 * order's webhooks come, its stock moves in Retail POS once.
 */
import { nowIso } from './clock'
import type { Db } from './db'

export type EcomSalesTable = {
  store_id: number
  order_id: string
  status: 'recording' | 'recorded' | 'failed'
  lines: string | null
  message: string | null
  lease_until: string | null
  created_at: string
  updated_at: string
}

/** One line of a sale as it is written to Retail POS. */
export interface PlannedLine {
  linkId: string
  posProductId: string
  quantity: number
  outletId: string
  /** The outlet's stock when the line was planned, and the absolute stock it is set to. */
  from: number
  to: number
  written: boolean
  /** Why the line moves no stock (the product does not track stock), when it does not. */
  skipped?: string
}

export type SaleClaim =
  { status: 'recorded' } | { status: 'busy' } | { status: 'claimed'; lines: PlannedLine[] | null }

const sales = (db: Db) => db.withTables<{ ecom_sales: EcomSalesTable }>()

/** Takes an order for recording, unless it was recorded already or is being recorded now. */
export async function claimSale(
  db: Db,
  storeId: number,
  orderId: string,
  leaseMs: number,
): Promise<SaleClaim> {
  const now = nowIso()
  const leaseUntil = new Date(Date.now() + leaseMs).toISOString()
  const inserted = await sales(db)
    .insertInto('ecom_sales')
    .values({
      store_id: storeId,
      order_id: orderId,
      status: 'recording',
      lines: null,
      message: null,
      lease_until: leaseUntil,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['store_id', 'order_id']).doNothing())
    .executeTakeFirst()

  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { status: 'claimed', lines: null }

  const taken = await sales(db)
    .updateTable('ecom_sales')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .where('status', '!=', 'recorded')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst()

  if (Number(taken.numUpdatedRows) !== 1) {
    const row = await findSale(db, storeId, orderId)

    return row?.status === 'recorded' ? { status: 'recorded' } : { status: 'busy' }
  }

  const row = await findSale(db, storeId, orderId)

  return { status: 'claimed', lines: row?.lines ? (JSON.parse(row.lines) as PlannedLine[]) : null }
}

export async function saveSaleLines(
  db: Db,
  storeId: number,
  orderId: string,
  lines: PlannedLine[],
) {
  await sales(db)
    .updateTable('ecom_sales')
    .set({ lines: JSON.stringify(lines), updated_at: nowIso() })
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .execute()
}

/** Ends a claim: recorded for good, or left to be taken again (`failed` keeps its lines). */
export async function endSale(
  db: Db,
  storeId: number,
  orderId: string,
  status: 'recorded' | 'failed',
  message: string | null,
) {
  await sales(db)
    .updateTable('ecom_sales')
    .set({ status, message, lease_until: null, updated_at: nowIso() })
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .execute()
}

export async function findSale(db: Db, storeId: number, orderId: string) {
  return sales(db)
    .selectFrom('ecom_sales')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .executeTakeFirst()
}
