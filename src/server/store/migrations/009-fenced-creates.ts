import { type Kysely, type Migration } from 'kysely'

/**
 * What keeps a stalled worker from leaving a product twice on the target, and what keeps an
 * upload's memory independent of the catalog's size (decision 009-fenced-creates):
 * - `stale_creates`: a product a worker created for an item after it had lost the item's lease,
 *   kept until the product is either the one the item is linked to or deleted again;
 * - `ecom_snapshots`: the eCom catalog's SKUs as a run read them once, in the database instead of
 *   in the process's memory.
 */
export const fencedCreates: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stale_creates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      /** The product on the target: an eCom product id, or a Retail POS family id. */
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      /** Set once settled: 'kept' (it is the linked product) or 'deleted'. */
      .addColumn('settled', 'text')
      .addColumn('settled_at', 'text')
      .execute()
    await db.schema
      .createIndex('stale_creates_item')
      .on('stale_creates')
      .columns(['item_id', 'settled'])
      .execute()

    await db.schema
      .createTable('ecom_snapshots')
      /** One reading of the catalog by one process for one run. */
      .addColumn('snapshot_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      /** Position in the reading (oldest product first), so the first match is the oldest. */
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('product_id', 'bigint', (c) => c.notNull())
      /** The SKU as skuKey gives it; '' for a product or variation without one. */
      .addColumn('sku', 'text', (c) => c.notNull())
      /** The variation's id; 0 for the product's own SKU. */
      .addColumn('combination_id', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('ecom_snapshots_pk', ['snapshot_id', 'seq', 'combination_id'])
      .execute()
    await db.schema
      .createIndex('ecom_snapshots_sku')
      .on('ecom_snapshots')
      .columns(['snapshot_id', 'sku', 'seq'])
      .execute()
    await db.schema
      .createIndex('ecom_snapshots_product')
      .on('ecom_snapshots')
      .columns(['snapshot_id', 'product_id'])
      .execute()
    await db.schema
      .createIndex('ecom_snapshots_run')
      .on('ecom_snapshots')
      .column('run_id')
      .execute()
  },
}
