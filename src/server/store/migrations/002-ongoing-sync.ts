import { type Kysely, type Migration } from 'kysely'

// The ongoing sync after the upload: the webhook inbox, what each link last sent to eCom, and the
// eCom orders already recorded as sales in Retail POS. Never changed once shipped.
export const ongoingSync: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_inbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source', 'text', (c) => c.notNull())
      // eCom's eventId, or a hash of a Retail POS delivery: a delivery is recorded once.
      .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('store_id', 'integer')
      .addColumn('entity_id', 'text')
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('processed_at', 'text')
      .execute()
    await db.schema
      .createIndex('webhook_inbox_status_next')
      .on('webhook_inbox')
      .columns(['status', 'next_attempt_at'])
      .execute()

    await db.schema
      .createTable('link_sync')
      .addColumn('link_id', 'text', (c) =>
        c.primaryKey().references('links.id').onDelete('cascade'),
      )
      .addColumn('store_id', 'integer', (c) => c.notNull())
      // JSON of the SyncedSnapshot (src/sync/changes.ts); null until the first sync.
      .addColumn('snapshot', 'text')
      .addColumn('dirty', 'integer', (c) => c.notNull().defaultTo(0))
      // JSON array of the POS member ids to read again; ["*"] for all of them.
      .addColumn('dirty_members', 'text', (c) => c.notNull().defaultTo('[]'))
      // Counts the marks, so a mark made while the link is worked is not lost when it ends.
      .addColumn('marks', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('lease_until', 'text')
      .addColumn('synced_at', 'text')
      .execute()
    await db.schema
      .createIndex('link_sync_dirty_next')
      .on('link_sync')
      .columns(['dirty', 'next_attempt_at'])
      .execute()

    await db.schema
      .createTable('ecom_sales')
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      // JSON of the planned lines, each with its absolute target stock and whether it was written.
      .addColumn('lines', 'text')
      .addColumn('message', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ecom_sales_pk', ['store_id', 'order_id'])
      .execute()
  },
}
