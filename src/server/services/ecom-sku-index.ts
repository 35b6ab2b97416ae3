/**
 * The target eCom catalog by SKU, read once for a run, page by page, so that the run's items are
 * matched without a lookup each. It is a snapshot: a create that eCom refuses as a duplicate, or
 * whose outcome is unknown, is still settled by a live lookup (cases C1, C2).
 */
import type { EcomClient } from './connections'
import type { EcomProduct } from '../../sync/ecom-shapes'
import { skuKey } from '../../sync/text'

export interface EcomSkuIndex {
  /** The product whose own SKU or one of whose variations' SKU is `sku`; null for a blank SKU. */
  find(sku: string): EcomProduct | null
  /** Whether the product was there when the index was read, or was created by the run since. */
  has(id: number): boolean
  /** Records a product the run created. */
  add(product: EcomProduct): void
  /** Requests the reading took. */
  readonly pages: number
}

const PAGE = 100

/**
 * Reads every eCom product's id and SKUs, 100 a page, oldest first (so products added meanwhile
 * land on later pages instead of shifting earlier ones). Returns null without reading further
 * when the catalog has more pages than `maxPages`: looking each item up then costs less.
 */
export async function readEcomSkuIndex(
  ecom: EcomClient,
  options: { maxPages: number },
): Promise<EcomSkuIndex | null> {
  const bySku = new Map<string, EcomProduct>()
  const ids = new Set<number>()
  const add = (product: EcomProduct) => {
    ids.add(product.id)
    for (const sku of [product.sku, ...(product.combinations ?? []).map((c) => c.sku)]) {
      const key = skuKey(sku)

      if (key !== '' && !bySku.has(key)) bySku.set(key, product)
    }
  }
  const first = await ecom.searchProducts({ offset: 0, limit: PAGE, sortBy: 'ADDED_TIME_ASC' })
  let pages = 1

  if (Math.ceil(first.total / PAGE) > options.maxPages) return null

  let page = first

  for (;;) {
    for (const item of page.items) add(compact(item as EcomProduct))

    const offset = page.offset + page.items.length

    if (page.items.length === 0 || offset >= page.total) break
    page = await ecom.searchProducts({ offset, limit: PAGE, sortBy: 'ADDED_TIME_ASC' })
    pages += 1
  }

  return {
    find: (sku) => bySku.get(skuKey(sku)) ?? null,
    has: (id) => ids.has(id),
    add,
    pages,
  }
}

/** Only what linking needs, so a big catalog stays small in memory. */
function compact(product: EcomProduct): EcomProduct {
  return {
    id: product.id,
    sku: product.sku ?? null,
    combinations: (product.combinations ?? []).map((c) => ({
      id: c.id ?? null,
      sku: c.sku ?? null,
    })),
  }
}
