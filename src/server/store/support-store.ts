/** Support's searches across runs: one product's items, whatever run touched it. */
import { sql } from 'kysely'
import type { Db } from './db'
import { containsPattern } from './search-text'

/** Run items of a store whose name or SKU contains `q`, or whose ids are `q`, newest first. */
export async function searchItemsForSupport(db: Db, storeId: number, q: string, limit: number) {
  const like = containsPattern(q)

  return db
    .selectFrom('run_items as i')
    .innerJoin('runs as r', 'r.id', 'i.run_id')
    .selectAll('i')
    .select('r.direction')
    .where('i.store_id', '=', storeId)
    .where((eb) =>
      eb.or([
        eb('i.name_folded', 'like', sql<string>`${like} escape '\\'`),
        eb('i.sku_folded', 'like', sql<string>`${like} escape '\\'`),
        eb('i.source_id', '=', q),
        eb('i.target_id', '=', q),
      ]),
    )
    .orderBy('i.updated_at', 'desc')
    .limit(limit)
    .execute()
}

/** Every run item of a store about the given source products, newest first. */
export async function listItemsBySources(db: Db, storeId: number, sourceIds: string[]) {
  if (sourceIds.length === 0) return []

  return db
    .selectFrom('run_items as i')
    .innerJoin('runs as r', 'r.id', 'i.run_id')
    .selectAll('i')
    .select('r.direction')
    .where('i.store_id', '=', storeId)
    .where('i.source_id', 'in', sourceIds)
    .orderBy('i.updated_at', 'desc')
    .orderBy('i.seq', 'desc')
    .execute()
}
