import { type Kysely, type Migration } from 'kysely'

/**
 * What several processes need to share one database's work: a lease on a run's planning, so one
 * process expands an "Upload all" while the others wait for its items, and a rate budget per
 * upstream key, so all processes together stay under a store's published limit.
 */
export const sharedWork: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('runs').addColumn('lease_owner', 'text').execute()
    await db.schema.alterTable('runs').addColumn('lease_until', 'text').execute()
    await db.schema.createIndex('runs_status').on('runs').column('status').execute()

    await db.schema
      .createTable('rate_budgets')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('tokens', 'double precision', (c) => c.notNull())
      /** Epoch milliseconds of the last refill. */
      .addColumn('refilled_at', 'bigint', (c) => c.notNull())
      /** Epoch milliseconds until which nobody may call (a 429's Retry-After). */
      .addColumn('paused_until', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute()
  },
}
