import type { LinkPage, LinksQuery } from '../../contracts/api'
import { listLinks } from '../store/link-store'
import type { AppContext } from './context'

export async function listLinkViews(
  ctx: AppContext,
  storeId: number,
  query: LinksQuery,
): Promise<LinkPage> {
  const { rows, total } = await listLinks(ctx.db, storeId, {
    q: query.q,
    state: query.state,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  })

  return {
    items: rows.map((row) => ({
      id: row.id,
      name: row.name,
      sku: row.sku,
      posProductId: row.pos_product_id,
      ecomProductId: row.ecom_product_id,
      variantCount: row.variant_count,
      state: row.state,
      lastError: row.last_error,
      updatedAt: row.updated_at,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  }
}
