/** Links between a POS product family and its eCom product, and between their variants. */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import type { Db } from './db'
import { nowIso } from './clock'
import type { LinkRow, LinksTable } from './schema'
import { containsPattern, foldForSearch } from './search-text'

export interface NewLink {
  storeId: number
  posProductId: string
  ecomProductId: string
  name: string
  sku: string
  variants: { posProductId: string; ecomCombinationId: string | null; sku: string }[]
}

/**
 * Records a link with its variants. A link for the same POS product or eCom product that is
 * already there wins (the unique keys decide, not a read before the write); returns the link
 * that stands.
 */
export async function saveLink(db: Db, link: NewLink): Promise<LinkRow> {
  const now = nowIso()
  const row: LinkRow = {
    id: randomUUID(),
    store_id: link.storeId,
    pos_product_id: link.posProductId,
    ecom_product_id: link.ecomProductId,
    name: link.name,
    sku: link.sku,
    name_folded: foldForSearch(link.name),
    sku_folded: foldForSearch(link.sku),
    variant_count: link.variants.length,
    state: 'synced',
    last_error: null,
    created_at: now,
    updated_at: now,
  }
  const inserted = await db
    .insertInto('links')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst()
  if (!inserted) {
    const existing = await db
      .selectFrom('links')
      .selectAll()
      .where('store_id', '=', link.storeId)
      .where((eb) =>
        eb.or([
          eb('pos_product_id', '=', link.posProductId),
          eb('ecom_product_id', '=', link.ecomProductId),
        ]),
      )
      .executeTakeFirstOrThrow()

    return existing
  }
  for (const v of link.variants) {
    await db
      .insertInto('variant_links')
      .values({
        link_id: row.id,
        store_id: link.storeId,
        pos_product_id: v.posProductId,
        ecom_combination_id: v.ecomCombinationId,
        sku: v.sku,
        sku_folded: foldForSearch(v.sku),
      })
      .onConflict((oc) => oc.doNothing())
      .execute()
  }

  return row
}

export async function findLinkByPos(db: Db, storeId: number, posProductId: string) {
  return db
    .selectFrom('links')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('pos_product_id', '=', posProductId)
    .executeTakeFirst()
}

export async function findLinkByEcom(db: Db, storeId: number, ecomProductId: string) {
  return db
    .selectFrom('links')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('ecom_product_id', '=', ecomProductId)
    .executeTakeFirst()
}

export async function deleteLink(db: Db, linkId: string) {
  await db.deleteFrom('variant_links').where('link_id', '=', linkId).execute()
  await db.deleteFrom('links').where('id', '=', linkId).execute()
}

export async function listLinks(
  db: Db,
  storeId: number,
  filter: { q: string; state?: LinksTable['state']; offset: number; limit: number },
): Promise<{ rows: LinkRow[]; total: number }> {
  let query = db.selectFrom('links').where('store_id', '=', storeId)
  if (filter.state) query = query.where('state', '=', filter.state)
  if (!filter.q) {
    const rows = await query
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id')
      .offset(filter.offset)
      .limit(filter.limit)
      .execute()
    const total = await query
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()

    return { rows, total: Number(total.n) }
  }

  // A search reads every link and variant SKU once: the variant matches are one set (not a
  // lookup per link), and the page carries the count of all matches, so nothing is read twice.
  // Names and SKUs are compared folded (search-text.ts), so "CAFÉ" finds "Café".
  // LIMITATION: a search still reads every link and variant SKU of the store (about 0.2 s at
  // 50,000 links, bench/links-list.ts): a match anywhere inside a name can use no ordinary index;
  // a trigram index (pg_trgm, SQLite FTS5) would make it independent of the catalog's size.
  // Paging and the state filter use indexes.
  const like = containsPattern(filter.q)
  const variantMatches = db
    .selectFrom('variant_links')
    .select('link_id')
    .where('store_id', '=', storeId)
    .where('sku_folded', 'like', sql<string>`${like} escape '\\'`)
  const found = await query
    .where((eb) =>
      eb.or([
        eb('name_folded', 'like', sql<string>`${like} escape '\\'`),
        eb('sku_folded', 'like', sql<string>`${like} escape '\\'`),
        eb('id', 'in', variantMatches),
      ]),
    )
    .selectAll()
    .select(sql<number>`count(*) over ()`.as('matches'))
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute()
  const rows = found.map(({ matches: _, ...row }) => row)
  const total = found[0]?.matches ?? (filter.offset > 0 ? await countLinks(db, storeId, filter) : 0)

  return { rows, total: Number(total) }
}

/** The matches of a search whose page is past the end (the page itself carries none). */
async function countLinks(
  db: Db,
  storeId: number,
  filter: { q: string; state?: LinksTable['state']; offset: number; limit: number },
): Promise<number> {
  const all = await listLinks(db, storeId, { ...filter, offset: 0, limit: 1 })

  return all.total
}

/** Replaces the variant links of the link whose POS side is `posProductId` (ids known later). */
export async function setVariantLinks(
  db: Db,
  storeId: number,
  posProductId: string,
  variants: NewLink['variants'],
) {
  const link = await findLinkByPos(db, storeId, posProductId)
  if (!link) return
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('variant_links').where('link_id', '=', link.id).execute()
    for (const v of variants) {
      await trx
        .insertInto('variant_links')
        .values({
          link_id: link.id,
          store_id: storeId,
          pos_product_id: v.posProductId,
          ecom_combination_id: v.ecomCombinationId,
          sku: v.sku,
          sku_folded: foldForSearch(v.sku),
        })
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
  })
}

/** Which of these products of one side are linked already. */
export async function findLinkedIds(db: Db, storeId: number, side: 'pos' | 'ecom', ids: string[]) {
  if (ids.length === 0) return new Set<string>()
  const column = side === 'pos' ? 'pos_product_id' : 'ecom_product_id'
  const rows = await db
    .selectFrom('links')
    .select(column)
    .where('store_id', '=', storeId)
    .where(column, 'in', ids)
    .execute()

  return new Set(rows.map((r) => (side === 'pos' ? r.pos_product_id : r.ecom_product_id)))
}

/** The links of any of these Retail POS or eCom products. */
export async function findLinksOf(db: Db, storeId: number, ids: { pos: string[]; ecom: string[] }) {
  if (ids.pos.length === 0 && ids.ecom.length === 0) return []

  return db
    .selectFrom('links')
    .selectAll()
    .where('store_id', '=', storeId)
    .where((eb) =>
      eb.or([
        ...(ids.pos.length > 0 ? [eb('pos_product_id', 'in', ids.pos)] : []),
        ...(ids.ecom.length > 0 ? [eb('ecom_product_id', 'in', ids.ecom)] : []),
      ]),
    )
    .execute()
}

/** The links with these ids. */
export async function findLinksById(db: Db, storeId: number, ids: string[]) {
  if (ids.length === 0) return []

  return db
    .selectFrom('links')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', 'in', ids)
    .execute()
}
