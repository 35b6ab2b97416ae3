import { type Kysely, type Migration } from 'kysely'

// Migrations never change once shipped; add a new file and list it in index.ts.
export const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('stores')
      .addColumn('store_id', 'integer', (c) => c.primaryKey())
      .addColumn('ecom_token', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.store_id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('store_id', 'integer', (c) => c.notNull().references('stores.store_id'))
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('selection', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('planned', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('message', 'text')
      .addColumn('waiting_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute()
    await db.schema
      .createIndex('runs_store_created')
      .on('runs')
      .columns(['store_id', 'created_at'])
      .execute()

    await db.schema
      .createTable('run_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('run_id', 'text', (c) => c.notNull().references('runs.id'))
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text')
      .addColumn('reasons', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('run_items_run_source', ['run_id', 'source_id'])
      .execute()
    await db.schema
      .createIndex('run_items_run_status_seq')
      .on('run_items')
      .columns(['run_id', 'status', 'seq'])
      .execute()

    await db.schema
      .createTable('links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('pos_product_id', 'text', (c) => c.notNull())
      .addColumn('ecom_product_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('variant_count', 'integer', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('links_store_pos', ['store_id', 'pos_product_id'])
      .addUniqueConstraint('links_store_ecom', ['store_id', 'ecom_product_id'])
      .execute()
    await db.schema
      .createIndex('links_store_updated')
      .on('links')
      .columns(['store_id', 'updated_at'])
      .execute()

    await db.schema
      .createTable('variant_links')
      .addColumn('link_id', 'text', (c) => c.notNull().references('links.id').onDelete('cascade'))
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('pos_product_id', 'text', (c) => c.notNull())
      .addColumn('ecom_combination_id', 'text')
      .addColumn('sku', 'text', (c) => c.notNull())
      .addUniqueConstraint('variant_links_store_pos', ['store_id', 'pos_product_id'])
      .execute()

    await db.schema
      .createTable('pos_products')
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('family_id', 'text', (c) => c.notNull())
      .addColumn('is_parent', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sku', 'text', (c) => c.notNull())
      .addColumn('price', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull())
      .addColumn('version', 'bigint', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('pos_products_pk', ['store_id', 'id'])
      .execute()
    await db.schema
      .createIndex('pos_products_family')
      .on('pos_products')
      .columns(['store_id', 'family_id'])
      .execute()

    await db.schema
      .createTable('pos_inventory')
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('product_id', 'text', (c) => c.notNull())
      .addColumn('outlet_id', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('pos_inventory_pk', ['store_id', 'product_id', 'outlet_id'])
      .execute()

    await db.schema
      .createTable('cursors')
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('value', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('cursors_pk', ['store_id', 'name'])
      .execute()
  },
}
