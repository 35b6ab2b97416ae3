/** A product's history for support: appended as things happen, read newest first. */
import { randomUUID } from 'node:crypto'
import type { Db } from './db'
import { nowIso } from './clock'
import type { ProductEventsTable } from './schema'

export type NewProductEvent = Omit<ProductEventsTable, 'id' | 'at'> & { at?: string }

export async function recordProductEvents(db: Db, events: NewProductEvent[]) {
  if (events.length === 0) return
  const at = nowIso()

  await db
    .insertInto('product_events')
    .values(events.map((event) => ({ at, ...event, id: randomUUID() })))
    .execute()
}

/** The events of the products with these Retail POS or eCom ids, newest first. */
export async function listProductEvents(
  db: Db,
  storeId: number,
  ids: { pos: string[]; ecom: string[] },
  limit: number,
) {
  if (ids.pos.length === 0 && ids.ecom.length === 0) return []

  return db
    .selectFrom('product_events')
    .selectAll()
    .where('store_id', '=', storeId)
    .where((eb) =>
      eb.or([
        ...(ids.pos.length > 0 ? [eb('pos_product_id', 'in', ids.pos)] : []),
        ...(ids.ecom.length > 0 ? [eb('ecom_product_id', 'in', ids.ecom)] : []),
      ]),
    )
    .orderBy('at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute()
}
