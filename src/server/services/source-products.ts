/**
 * The picker's list: products of the upload's source side, searched by name or SKU on the server
 * and paged. Retail POS is searched in the local index (its API cannot search by part of a
 * name); eCom is searched by its own keyword search.
 */
import type { SourceProductPage, SourceProductsQuery } from '../../contracts/api'
import { ecomPickerFigures, fromEcomProduct } from '../../sync/from-ecom'
import { compareDecimals } from '../../sync/money'
import type { EcomProduct } from '../../sync/ecom-shapes'
import { searchPosFamilies } from '../store/pos-catalog-store'
import { stockOutletIds } from './stock-outlets'
import type { AppContext } from './context'
import { posIndexForBrowsing } from './pos-catalog'

export async function listSourceProducts(
  ctx: AppContext,
  storeId: number,
  query: SourceProductsQuery,
): Promise<SourceProductPage> {
  const offset = (query.page - 1) * query.pageSize
  const items =
    query.side === 'pos'
      ? await listPos(ctx, storeId, query.q, offset, query.pageSize)
      : await listEcom(ctx, storeId, query.q, offset, query.pageSize)

  return { ...items, page: query.page, pageSize: query.pageSize }
}

function lowest(prices: (string | null)[]): string | null {
  const known = prices.filter((p): p is string => p !== null)

  return known.length === 0 ? null : known.reduce((a, b) => (compareDecimals(a, b) <= 0 ? a : b))
}

async function listPos(ctx: AppContext, storeId: number, q: string, offset: number, limit: number) {
  await posIndexForBrowsing(ctx, storeId)
  const found = await searchPosFamilies(ctx.db, storeId, {
    q,
    offset,
    limit,
    stockOutletIds: await stockOutletIds(ctx, storeId),
  })
  const stockByFamily = new Map(found.stock.map((s) => [s.family_id, Number(s.units)]))

  return {
    total: found.total,
    items: found.ids.map((familyId) => {
      const members = found.members.filter((m) => m.family_id === familyId)
      const parent = members.find((m) => m.is_parent === 1) ?? members[0]
      const body = parent
        ? (JSON.parse(parent.body) as { has_inventory?: boolean; image_url?: string | null })
        : {}
      const image =
        body.image_url && !body.image_url.includes('placeholder') ? body.image_url : null

      return {
        sourceId: familyId,
        name: parent?.name ?? '',
        sku: parent?.sku ?? '',
        variantCount: members.length,
        price: lowest(members.map((m) => m.price)),
        stock: body.has_inventory === false ? null : (stockByFamily.get(familyId) ?? 0),
        imageUrl: image,
      }
    }),
  }
}

async function listEcom(
  ctx: AppContext,
  storeId: number,
  q: string,
  offset: number,
  limit: number,
) {
  const ecom = await ctx.connections.ecom(storeId)
  const page = await ecom.searchProducts({
    keyword: q || undefined,
    offset,
    limit,
    sortBy: q ? undefined : 'NAME_ASC',
  })

  return {
    total: page.total,
    items: page.items.map((raw) => {
      const product = fromEcomProduct(raw as EcomProduct, [])
      const { sku, stock } = ecomPickerFigures(raw as EcomProduct)

      return {
        sourceId: String(raw.id),
        name: product.name,
        sku,
        variantCount: product.variants.length,
        price: lowest(product.variants.map((v) => v.price)),
        stock,
        imageUrl: (raw as { imageUrl?: string | null }).imageUrl ?? null,
      }
    }),
  }
}
