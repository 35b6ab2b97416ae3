/**
 * eCom orders recorded in Retail POS, one row per order (the key decides, not a read before the
 * write). A row is worked under a lease, so two workers never record the same order at once; it
 * keeps the lines planned, the sales cursor saved before the sale was written, the sale and the
 * return made. However often the order's webhooks come, its sale is written once.
 */
import { sql } from 'kysely'
import { nowIso } from './clock'
import type { Db } from './db'

export type EcomSalesTable = {
  store_id: number
  order_id: string
  /** recording: not settled yet; recorded: the sale stands; returned: it was given back. */
  status: 'recording' | 'recorded' | 'returned' | 'failed'
  lines: string | null
  message: string | null
  lease_until: string | null
  pos_sale_id: string | null
  sales_after: number | null
  sale_version: number | null
  return_id: string | null
  created_at: string
  updated_at: string
}

export type SaleRow = EcomSalesTable

/** One line of the sale as planned, before it is written. */
export interface PlannedLine {
  linkId: string
  posProductId: string
  sku: string
  quantity: number
  /** The outlet whose stock the sale moves: its register's. */
  outletId: string
  /** False when Retail POS does not track the product's stock: the line is sold, no stock moves. */
  movesStock: boolean
}

export type SaleClaim = { status: 'busy' } | { status: 'claimed'; row: SaleRow }

export type SalePatch = Partial<
  Pick<
    EcomSalesTable,
    'status' | 'lines' | 'message' | 'pos_sale_id' | 'sales_after' | 'sale_version' | 'return_id'
  >
>

const sales = (db: Db) => db.withTables<{ ecom_sales: EcomSalesTable }>()

const leaseUntil = (leaseMs: number) => new Date(Date.now() + leaseMs).toISOString()

/** Takes an order's row (made when missing) for this worker, unless another holds it now. */
export async function claimSale(
  db: Db,
  storeId: number,
  orderId: string,
  leaseMs: number,
): Promise<SaleClaim> {
  const now = nowIso()

  await sales(db)
    .insertInto('ecom_sales')
    .values({
      store_id: storeId,
      order_id: orderId,
      status: 'recording',
      lines: null,
      message: null,
      lease_until: null,
      pos_sale_id: null,
      sales_after: null,
      sale_version: null,
      return_id: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['store_id', 'order_id']).doNothing())
    .execute()

  const taken = await sales(db)
    .updateTable('ecom_sales')
    .set({ lease_until: leaseUntil(leaseMs), updated_at: now })
    .where('store_id', '=', storeId)
    .where('order_id', '=', orderId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst()

  if (Number(taken.numUpdatedRows) !== 1) return { status: 'busy' }

  const row = await findSale(db, storeId, orderId)

  return row ? { status: 'claimed', row } : { status: 'busy' }
}

/** Saves progress on a claimed row and renews its lease, just before the next write upstream. */
export async function saveSale(
  db: Db,
  row: Pick<SaleRow, 'store_id' | 'order_id'>,
  patch: SalePatch,
  leaseMs: number,
) {
  await sales(db)
    .updateTable('ecom_sales')
    .set({ ...patch, lease_until: leaseUntil(leaseMs), updated_at: nowIso() })
    .where('store_id', '=', row.store_id)
    .where('order_id', '=', row.order_id)
    .execute()
}

/** Ends a claim, with what the work left true. */
export async function releaseSale(
  db: Db,
  row: Pick<SaleRow, 'store_id' | 'order_id'>,
  patch: SalePatch,
) {
  await sales(db)
    .updateTable('ecom_sales')
    .set({ ...patch, lease_until: null, updated_at: nowIso() })
    .where('store_id', '=', row.store_id)
    .where('order_id', '=', row.order_id)
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

/**
 * The newest Retail POS sale version the store's rows have seen: every sale written from now on
 * comes after it, so it is where the lookup of an unknown outcome starts. 0 before the first.
 */
export async function salesWatermark(db: Db, storeId: number): Promise<number> {
  const row = await sales(db)
    .selectFrom('ecom_sales')
    .select(sql<number | string | null>`max(sale_version)`.as('version'))
    .where('store_id', '=', storeId)
    .executeTakeFirst()

  return Number(row?.version ?? 0)
}

export function linesOf(row: Pick<SaleRow, 'lines'>): PlannedLine[] {
  return row.lines ? (JSON.parse(row.lines) as PlannedLine[]) : []
}
