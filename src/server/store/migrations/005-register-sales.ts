import { type Kysely, type Migration } from 'kysely'

/**
 * An eCom order is recorded in Retail POS as one register sale, and a cancelled or refunded one
 * returned: each order's row keeps the sale and the return it made, and the sales cursor saved
 * before the sale was written, so a write whose answer never came is looked up, not repeated.
 */
export const registerSales: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('ecom_sales').addColumn('pos_sale_id', 'text').execute()
    // The version of Retail POS sales before the sale was written: the lookup starts after it.
    await db.schema.alterTable('ecom_sales').addColumn('sales_after', 'bigint').execute()
    // The sale's own version, once read: where later lookups, of it or its return, start.
    await db.schema.alterTable('ecom_sales').addColumn('sale_version', 'bigint').execute()
    await db.schema.alterTable('ecom_sales').addColumn('return_id', 'text').execute()
  },
}
