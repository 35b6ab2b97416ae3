/**
 * What working one item shares between the two directions: the item under the claim that holds
 * it, what was read of the product so far, and the checks every direction makes.
 */
import type { CatalogProduct } from '../../sync/model'
import { validateForUpload } from '../../sync/validate'
import { confirmLease, type ItemFence, type ItemOutcome, LeaseLost } from '../store/item-fence'
import type { RunItemRow } from '../store/schema'
import type { RunResources } from './run-resources'

/** The product's name and SKU once read, so a failure later on still says which product it was. */
export type Seen = { name?: string; sku?: string }

/** An item being worked, under the claim that holds it. */
export interface ItemWork {
  r: RunResources
  item: RunItemRow
  fence: ItemFence
  seen: Seen
}

export function labelOf(p: CatalogProduct) {
  return { name: p.name, sku: p.variants[0]?.sku ?? '' }
}

export function refusedOrNull(
  p: CatalogProduct,
  direction: 'pos-to-ecom' | 'ecom-to-pos',
): ItemOutcome | null {
  const refusals = validateForUpload(p, direction)
  if (refusals.length === 0) return null

  return { status: 'refused', reasons: refusals.map((x) => x.message), ...labelOf(p) }
}

/** The first non-blank SKU of the product's variants: what it is matched by. */
export function firstSkuOf(product: CatalogProduct): string {
  return product.variants.find((v) => v.sku !== '')?.sku ?? ''
}

/**
 * Whether the item was held by another worker before this claim: that worker may have created
 * the product after this process read the target's catalog, so the target is asked live.
 */
export function isTakenOver(work: ItemWork): boolean {
  return work.fence.generation > 1
}

/**
 * Right before a create on the target: confirms (and extends) the lease, or stops the item. A
 * worker that stalled after its lookup finds here that another worker has the item, and creates
 * nothing.
 */
export async function holdBeforeCreate(work: ItemWork) {
  const { ctx } = work.r
  if (!(await confirmLease(ctx.db, work.fence, ctx.config.worker.leaseMs))) {
    throw new LeaseLost(work.item.id)
  }
}
