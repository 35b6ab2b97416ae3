import { type Kysely, type Migration } from 'kysely'
import { foldForSearch } from '../search-text'

const BATCH = 1000
/** Any table with any columns: the migration names them as strings. */
type AnyDb = Kysely<Record<string, Record<string, unknown>>>
const TABLES = [
  { table: 'links', key: ['id'], columns: ['name', 'sku'] },
  { table: 'run_items', key: ['id'], columns: ['name', 'sku'] },
  { table: 'pos_products', key: ['store_id', 'id'], columns: ['name', 'sku'] },
  { table: 'variant_links', key: ['store_id', 'pos_product_id'], columns: ['sku'] },
]

/**
 * The names and SKUs the screens search (links and their variants, the POS catalog index, run
 * items), kept folded beside the originals (`name_folded`, `sku_folded`), so a search matches the
 * same rows on SQLite and PostgreSQL and does not depend on the database's idea of lower case
 * (SQLite's `lower()` folds ASCII only).
 */
export const searchTextColumns: Migration = {
  async up(db: Kysely<unknown>) {
    for (const { table, key, columns } of TABLES) {
      for (const column of columns) {
        await db.schema
          .alterTable(table)
          .addColumn(`${column}_folded`, 'text', (c) => c.notNull().defaultTo(''))
          .execute()
      }
      await backfill(db as AnyDb, table, key, columns)
    }
  },
}

async function backfill(db: AnyDb, table: string, key: string[], columns: string[]) {
  for (let offset = 0; ; offset += BATCH) {
    let query = db.selectFrom(table).select([...key, ...columns])
    for (const k of key) query = query.orderBy(k)
    const rows = (await query.limit(BATCH).offset(offset).execute()) as Record<string, unknown>[]
    if (rows.length === 0) return

    for (const row of rows) {
      const folded = Object.fromEntries(
        columns.map((c) => [`${c}_folded`, foldForSearch(String(row[c] ?? ''))]),
      )
      let update = db.updateTable(table).set(folded)
      for (const k of key) update = update.where(k, '=', row[k])
      await update.execute()
    }
  }
}
