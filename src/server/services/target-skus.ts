/**
 * Which of a selection's SKUs the upload's target already has, asked once for the whole selection:
 * Retail POS in the local index, eCom page by page when that costs fewer requests than one lookup
 * per SKU.
 */
import type { EcomProduct } from '../../sync/ecom-shapes'
import { skuKey } from '../../sync/text'
import { findPosSkus } from '../store/pos-catalog-store'
import type { EcomClient } from './connections'
import type { AppContext } from './context'
import { refreshPosCatalog } from './pos-catalog'

const CHUNK = 500
const ECOM_PAGE = 100
/** Up to this many SKUs are looked up one by one without first asking how big eCom's catalog is. */
const FEW_SKUS = 10
const LOOKUP_LANES = 4

/**
 * Which SKUs eCom has on a product or a variation. A few are looked up one by one; for more, the
 * first page says how big the catalog is, and the rest is paged only when that costs fewer
 * requests than the lookups would.
 */
export async function ecomSkusPresent(ecom: EcomClient, skus: string[]): Promise<Set<string>> {
  const wanted = new Set(skus)
  if (wanted.size === 0) return new Set()
  if (wanted.size > FEW_SKUS) {
    const first = await ecom.searchProducts({
      offset: 0,
      limit: ECOM_PAGE,
      sortBy: 'ADDED_TIME_ASC',
    })
    const pagesLeft = Math.ceil(first.total / ECOM_PAGE) - 1
    if (pagesLeft < wanted.size) {
      const seen = new Set<string>()
      const collect = (items: EcomProduct[]) => {
        for (const item of items) {
          seen.add(skuKey(item.sku))
          for (const c of item.combinations ?? []) seen.add(skuKey(c.sku))
        }
      }
      collect(first.items as EcomProduct[])
      for (let offset = ECOM_PAGE; offset < first.total; offset += ECOM_PAGE) {
        const page = await ecom.searchProducts({
          offset,
          limit: ECOM_PAGE,
          sortBy: 'ADDED_TIME_ASC',
        })
        if (page.items.length === 0) break
        collect(page.items as EcomProduct[])
      }

      return new Set([...wanted].filter((sku) => seen.has(sku)))
    }
  }

  const list = [...wanted]
  const found = new Set<string>()
  for (let i = 0; i < list.length; i += LOOKUP_LANES) {
    const batch = list.slice(i, i + LOOKUP_LANES)
    const answers = await Promise.all(batch.map((sku) => ecom.findProductsBySku(sku)))
    batch.forEach((sku, index) => {
      if ((answers[index] ?? []).length > 0) found.add(sku)
    })
  }

  return found
}

export async function posSkusPresent(ctx: AppContext, storeId: number, skus: string[]) {
  await refreshPosCatalog(ctx, storeId)
  const present = new Set<string>()
  for (let i = 0; i < skus.length; i += CHUNK) {
    for (const sku of await findPosSkus(ctx.db, storeId, skus.slice(i, i + CHUNK))) {
      present.add(sku)
    }
  }

  return present
}
