import { type Kysely, type Migration } from 'kysely'

/**
 * A product's history beyond its uploads' latest outcomes, for support: what each later change
 * in Retail POS wrote to eCom (or why it could not), what each eCom order recorded in Retail POS,
 * and the failures that a retry replaced. Appended to, never changed.
 */
export const productEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('product_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('link_id', 'text')
      .addColumn('pos_product_id', 'text')
      .addColumn('ecom_product_id', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      // pos-change, ecom-order, earlier-attempt
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text')
      // done, failed, notice
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute()
    await db.schema
      .createIndex('product_events_pos')
      .on('product_events')
      .columns(['store_id', 'pos_product_id', 'at'])
      .execute()
    await db.schema
      .createIndex('product_events_ecom')
      .on('product_events')
      .columns(['store_id', 'ecom_product_id', 'at'])
      .execute()
  },
}
