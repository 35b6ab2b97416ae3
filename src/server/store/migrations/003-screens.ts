import { sql, type Kysely, type Migration } from 'kysely'

const ACTIVE = sql`('queued', 'running', 'waiting')`
const ALL_SELECTION = `%"kind":"all"%`

/**
 * Claims that keep two active runs of a store and direction off the same products, and the
 * indexes the screens' lists need at 50,000 links. A run holds its direction either whole ("all")
 * or by product ("ids"); the primary keys decide who gets a product, not a read before the write.
 */
export const screens: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('run_holds')
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      /** 'all': one run holds every product of the direction; 'ids': runs hold products one by one. */
      .addColumn('mode', 'text', (c) => c.notNull())
      /** The run that holds the whole direction; null for 'ids'. */
      .addColumn('run_id', 'text')
      .addPrimaryKeyConstraint('run_holds_pk', ['store_id', 'direction'])
      .execute()

    await db.schema
      .createTable('run_claims')
      .addColumn('store_id', 'integer', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('run_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('run_claims_pk', ['store_id', 'direction', 'source_id'])
      // A hold is only dropped once no claim needs it, even when two processes race.
      .addForeignKeyConstraint('run_claims_hold', ['store_id', 'direction'], 'run_holds', [
        'store_id',
        'direction',
      ])
      .execute()
    await db.schema.createIndex('run_claims_run').on('run_claims').column('run_id').execute()

    // Runs already active when this runs keep what they are working on.
    await sql`
      insert into run_holds (store_id, direction, mode, run_id)
      select store_id, direction, 'all', min(id) from runs
      where status in ${ACTIVE} and selection like ${ALL_SELECTION}
      group by store_id, direction
      on conflict do nothing`.execute(db)
    await sql`
      insert into run_holds (store_id, direction, mode, run_id)
      select distinct store_id, direction, 'ids', null from runs
      where status in ${ACTIVE}
      on conflict do nothing`.execute(db)
    await sql`
      insert into run_claims (store_id, direction, source_id, run_id)
      select r.store_id, r.direction, i.source_id, min(r.id)
      from runs r join run_items i on i.run_id = r.id
      join run_holds h on h.store_id = r.store_id and h.direction = r.direction and h.mode = 'ids'
      where r.status in ${ACTIVE}
      group by r.store_id, r.direction, i.source_id
      on conflict do nothing`.execute(db)

    // The links list searches variant SKUs per link, and filters by state in date order.
    await db.schema
      .createIndex('variant_links_link')
      .on('variant_links')
      .column('link_id')
      .execute()
    await db.schema
      .createIndex('links_store_state_updated')
      .on('links')
      .columns(['store_id', 'state', 'updated_at'])
      .execute()
    // The pace of a run (items finished in the last minute) and support's history of a product.
    await db.schema
      .createIndex('run_items_run_updated')
      .on('run_items')
      .columns(['run_id', 'updated_at'])
      .execute()
    await db.schema
      .createIndex('run_items_store_source')
      .on('run_items')
      .columns(['store_id', 'source_id'])
      .execute()
  },
}
