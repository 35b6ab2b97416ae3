/**
 * The links as the ongoing sync reads and corrects them: which links a Retail POS product belongs
 * to, their state on the Listed page, and the eCom variation of each linked variant.
 */
import { nowIso } from './clock'
import type { Db } from './db'
import type { LinkRow, LinksTable } from './schema'
import { foldForSearch } from './search-text'

/** Links, in any store, whose POS family has this product as its parent or as a variant. */
export async function findLinksOfPosProduct(
  db: Db,
  posProductId: string,
  storeId: number | null = null,
): Promise<LinkRow[]> {
  let query = db.selectFrom('links').selectAll()
  if (storeId !== null) query = query.where('store_id', '=', storeId)

  return query
    .where((eb) =>
      eb.or([
        eb('pos_product_id', '=', posProductId),
        eb(
          'id',
          'in',
          eb
            .selectFrom('variant_links')
            .select('link_id')
            .where('pos_product_id', '=', posProductId),
        ),
      ]),
    )
    .execute()
}

/** The links of a store whose POS family parents are among `familyIds`. */
export async function findLinksOfFamilies(db: Db, storeId: number, familyIds: string[]) {
  if (familyIds.length === 0) return []

  return db
    .selectFrom('links')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('pos_product_id', 'in', familyIds)
    .execute()
}

/** The POS family parent of each product id that is a linked variant of this store. */
export async function familiesOfVariants(db: Db, storeId: number, productIds: string[]) {
  if (productIds.length === 0) return new Map<string, string>()

  const rows = await db
    .selectFrom('variant_links as v')
    .innerJoin('links as l', 'l.id', 'v.link_id')
    .select(['v.pos_product_id', 'l.pos_product_id as family_id'])
    .where('v.store_id', '=', storeId)
    .where('v.pos_product_id', 'in', productIds)
    .execute()

  return new Map(rows.map((r) => [r.pos_product_id, r.family_id]))
}

/** True while an upload of the store is not finished: its products are still being linked. */
export async function hasActiveUpload(db: Db, storeId: number): Promise<boolean> {
  const run = await db
    .selectFrom('runs')
    .select('id')
    .where('store_id', '=', storeId)
    .where('status', 'in', ['queued', 'running', 'waiting'])
    .executeTakeFirst()

  return run !== undefined
}

/** Stores with at least one link: the ones the catch-up looks after. */
export async function storesWithLinks(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('links').select('store_id').distinct().execute()

  return rows.map((r) => r.store_id)
}

export async function setLinkState(
  db: Db,
  linkId: string,
  state: LinksTable['state'],
  lastError: string | null,
  name?: string,
) {
  await db
    .updateTable('links')
    .set({
      state,
      last_error: lastError,
      updated_at: nowIso(),
      ...(name ? { name, name_folded: foldForSearch(name) } : {}),
    })
    .where('id', '=', linkId)
    .execute()
}

export async function listVariantLinks(db: Db, linkId: string) {
  return db.selectFrom('variant_links').selectAll().where('link_id', '=', linkId).execute()
}

/** Records (or corrects) the eCom combination of a POS variant of a link. */
export async function saveVariantLink(
  db: Db,
  link: Pick<LinkRow, 'id' | 'store_id'>,
  variant: { posProductId: string; ecomCombinationId: string | null; sku: string },
) {
  const values = {
    ecom_combination_id: variant.ecomCombinationId,
    sku: variant.sku,
    sku_folded: foldForSearch(variant.sku),
  }

  await db
    .insertInto('variant_links')
    .values({
      link_id: link.id,
      store_id: link.store_id,
      pos_product_id: variant.posProductId,
      ...values,
    })
    .onConflict((oc) => oc.columns(['store_id', 'pos_product_id']).doUpdateSet(values))
    .execute()
}

/**
 * The linked variants an order's items can be: those of its eCom products, and any of the
 * store's with one of its SKUs.
 */
export async function linkedVariantsForOrder(
  db: Db,
  storeId: number,
  items: { ecomProductIds: string[]; skus: string[] },
) {
  if (items.ecomProductIds.length === 0 && items.skus.length === 0) return []

  return db
    .selectFrom('variant_links as v')
    .innerJoin('links as l', 'l.id', 'v.link_id')
    .select([
      'l.id as link_id',
      'l.ecom_product_id',
      'v.ecom_combination_id',
      'v.pos_product_id',
      'v.sku',
    ])
    .where('v.store_id', '=', storeId)
    .where((eb) =>
      eb.or([
        ...(items.ecomProductIds.length > 0
          ? [eb('l.ecom_product_id', 'in', items.ecomProductIds)]
          : []),
        ...(items.skus.length > 0 ? [eb('v.sku', 'in', items.skus)] : []),
      ]),
    )
    .execute()
}
