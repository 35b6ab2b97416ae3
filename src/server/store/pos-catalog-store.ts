/**
 * A local index of the store's Retail POS catalog. The POS API has no search by part of a name,
 * so the picker searches this index; it is kept current over the POS version cursor.
 */
import { sql } from 'kysely'
import type { Db } from './db'
import { nowIso } from './clock'
import type { PosProductsTable } from './schema'
import { containsPattern, foldForSearch } from './search-text'

export async function readCursor(db: Db, storeId: number, name: string): Promise<number> {
  const row = await db
    .selectFrom('cursors')
    .select('value')
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .executeTakeFirst()

  return Number(row?.value ?? 0)
}

export async function saveCursor(db: Db, storeId: number, name: string, value: number) {
  await db
    .insertInto('cursors')
    .values({ store_id: storeId, name, value, updated_at: nowIso() })
    .onConflict((oc) =>
      oc.columns(['store_id', 'name']).doUpdateSet({ value, updated_at: nowIso() }),
    )
    .execute()
}

/** Records products of the POS catalog; their search columns are folded here. */
export async function upsertPosProducts(
  db: Db,
  products: Omit<PosProductsTable, 'name_folded' | 'sku_folded'>[],
) {
  const rows = products.map((p) => ({
    ...p,
    name_folded: foldForSearch(p.name),
    sku_folded: foldForSearch(p.sku),
  }))
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('pos_products')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['store_id', 'id']).doUpdateSet((eb) => ({
          family_id: eb.ref('excluded.family_id'),
          is_parent: eb.ref('excluded.is_parent'),
          name: eb.ref('excluded.name'),
          sku: eb.ref('excluded.sku'),
          name_folded: eb.ref('excluded.name_folded'),
          sku_folded: eb.ref('excluded.sku_folded'),
          price: eb.ref('excluded.price'),
          active: eb.ref('excluded.active'),
          deleted: eb.ref('excluded.deleted'),
          version: eb.ref('excluded.version'),
          body: eb.ref('excluded.body'),
        })),
      )
      .execute()
  }
}

export async function upsertPosInventory(
  db: Db,
  rows: { store_id: number; product_id: string; outlet_id: string; level: number }[],
) {
  for (let i = 0; i < rows.length; i += 300) {
    await db
      .insertInto('pos_inventory')
      .values(rows.slice(i, i + 300))
      .onConflict((oc) =>
        oc
          .columns(['store_id', 'product_id', 'outlet_id'])
          .doUpdateSet((eb) => ({ level: eb.ref('excluded.level') })),
      )
      .execute()
  }
}

function familyQuery(db: Db, storeId: number, q: string) {
  let query = db
    .selectFrom('pos_products as p')
    .where('p.store_id', '=', storeId)
    .where('p.deleted', '=', 0)
  if (q) {
    const like = containsPattern(q)
    query = query.where((eb) =>
      eb.or([
        eb('p.name_folded', 'like', sql<string>`${like} escape '\\'`),
        eb('p.sku_folded', 'like', sql<string>`${like} escape '\\'`),
      ]),
    )
  }

  return query
}

/** Families matching a search on name or any member's SKU, a page at a time, by name. */
export async function searchPosFamilies(
  db: Db,
  storeId: number,
  filter: {
    q: string
    offset: number
    limit: number
    /** The outlets whose stock counts; every outlet when null. */
    stockOutletIds?: ReadonlySet<string> | null
  },
) {
  const outletIds = filter.stockOutletIds ? [...filter.stockOutletIds] : null
  const matching = familyQuery(db, storeId, filter.q).select('p.family_id').distinct()
  const totalRow = await db
    .selectFrom(matching.as('m'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  const families = await db
    .selectFrom('pos_products as f')
    .select(['f.family_id', 'f.name'])
    .where('f.store_id', '=', storeId)
    .where('f.deleted', '=', 0)
    .where('f.family_id', 'in', matching)
    .groupBy(['f.family_id', 'f.name'])
    .orderBy('f.name')
    .orderBy('f.family_id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute()
  const ids = families.map((f) => f.family_id)
  const members =
    ids.length === 0
      ? []
      : await db
          .selectFrom('pos_products')
          .selectAll()
          .where('store_id', '=', storeId)
          .where('deleted', '=', 0)
          .where('family_id', 'in', ids)
          .execute()
  const stock =
    ids.length === 0
      ? []
      : await db
          .selectFrom('pos_inventory as i')
          .innerJoin('pos_products as p', (j) =>
            j.onRef('p.id', '=', 'i.product_id').onRef('p.store_id', '=', 'i.store_id'),
          )
          .select([
            'p.family_id',
            (eb) =>
              eb.fn.sum<number>(sql`case when i.level > 0 then i.level else 0 end`).as('units'),
          ])
          .where('i.store_id', '=', storeId)
          .where('p.family_id', 'in', ids)
          .where('p.deleted', '=', 0)
          .$if(outletIds !== null, (q) => q.where('i.outlet_id', 'in', outletIds ?? []))
          .groupBy('p.family_id')
          .execute()

  return { ids, members, stock, total: Number(totalRow.n) }
}

/**
 * Live families after `after` in family id order, `limit` at a time, for an "Upload all": the
 * caller pages on with the last id, so a catalog of any size is never held at once.
 */
export async function pagePosFamilies(
  db: Db,
  storeId: number,
  page: { after: string | null; limit: number },
) {
  let query = db
    .selectFrom('pos_products')
    .select(['family_id', (eb) => eb.fn.min('name').as('name'), (eb) => eb.fn.min('sku').as('sku')])
    .where('store_id', '=', storeId)
    .where('deleted', '=', 0)
  if (page.after !== null) query = query.where('family_id', '>', page.after)

  return query.groupBy('family_id').orderBy('family_id').limit(page.limit).execute()
}

/** The members of one family (parent first) and their stock per outlet, from the local index. */
export async function readPosFamily(db: Db, storeId: number, familyId: string) {
  const members = await db
    .selectFrom('pos_products')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('family_id', '=', familyId)
    .orderBy('is_parent', 'desc')
    .orderBy('version')
    .execute()
  const ids = members.map((m) => m.id)
  const inventory =
    ids.length === 0
      ? []
      : await db
          .selectFrom('pos_inventory')
          .selectAll()
          .where('store_id', '=', storeId)
          .where('product_id', 'in', ids)
          .execute()

  return { members, inventory }
}

/** Live products of the index whose SKU (trimmed, as skuKey gives it) is exactly `sku`. */
export async function findPosProductsBySku(db: Db, storeId: number, sku: string) {
  return db
    .selectFrom('pos_products')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('sku', '=', sku)
    .where('deleted', '=', 0)
    .execute()
}

/** Whether the index holds this product and it is not deleted. */
export async function isLivePosProduct(db: Db, storeId: number, id: string) {
  const row = await db
    .selectFrom('pos_products')
    .select('id')
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .executeTakeFirst()

  return row !== undefined
}

/** The members and stock of many families at once (a preview reads a whole selection). */
export async function readPosFamilies(db: Db, storeId: number, familyIds: string[]) {
  if (familyIds.length === 0) return { members: [], inventory: [] }
  const members = await db
    .selectFrom('pos_products')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('family_id', 'in', familyIds)
    .orderBy('is_parent', 'desc')
    .orderBy('version')
    .execute()
  const inventory = await db
    .selectFrom('pos_inventory as i')
    .innerJoin('pos_products as p', (j) =>
      j.onRef('p.id', '=', 'i.product_id').onRef('p.store_id', '=', 'i.store_id'),
    )
    .selectAll('i')
    .where('i.store_id', '=', storeId)
    .where('p.family_id', 'in', familyIds)
    .execute()

  return { members, inventory }
}

/** Which of these SKUs live (not deleted) Retail POS products have, from the local index. */
export async function findPosSkus(db: Db, storeId: number, skus: string[]) {
  if (skus.length === 0) return new Set<string>()
  const rows = await db
    .selectFrom('pos_products')
    .select('sku')
    .distinct()
    .where('store_id', '=', storeId)
    .where('deleted', '=', 0)
    .where('sku', 'in', skus)
    .execute()

  return new Set(rows.map((r) => r.sku))
}
