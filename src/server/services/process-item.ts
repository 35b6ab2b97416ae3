/**
 * One product of an upload, start to end: read it from the source, check and map it with the
 * sync rules, look its SKU up on the target, then link or create, recording the link the moment
 * the target's id is known. Every failure a merchant can act on becomes the item's outcome; the
 * other products go on.
 *
 * SKUs are looked up in what the run read once (eCom's catalog page by page, Retail POS's local
 * index), not with a request per product; a live lookup is left only where the snapshot cannot
 * tell: a create refused as a duplicate, or one whose outcome is unknown (cases C1, C2), and an
 * item another worker held before (it may have created the product after the snapshot was read).
 *
 * Everything recorded for the item goes through its fence (store/item-fence.ts): a worker that
 * stalled past its lease and lost the item records nothing, creates nothing once it notices, and
 * settles a product it created before noticing (stale-creates.ts).
 */
import { isUpstreamError } from '../../connectors/shared/upstream-error'
import type { ItemFence, ItemOutcome } from '../store/item-fence'
import type { RunItemRow } from '../store/schema'
import type { ItemWork } from './item-work'
import type { RunResources } from './run-resources'
import { ecomToPos } from './upload-to-pos'
import { posToEcom } from './upload-to-ecom'
import { uploadFailureReason } from './upstream-words'

export { createRunResources, type RunResources } from './run-resources'

/**
 * Works one item. Throws LeaseLost when the worker finds it no longer holds the item: nothing
 * more is recorded for it by this worker.
 */
export async function processItem(
  r: RunResources,
  item: RunItemRow,
  fence: ItemFence,
): Promise<ItemOutcome> {
  const work: ItemWork = { r, item, fence, seen: {} }
  try {
    return r.run.direction === 'pos-to-ecom' ? await posToEcom(work) : await ecomToPos(work)
  } catch (error) {
    if (!isUpstreamError(error)) throw error

    // The status and vendor code stay in the detail, for support.
    return {
      status: 'failed',
      reasons: [uploadFailureReason(error, work.seen.sku)],
      detail: JSON.stringify(error.toJSON()),
      ...work.seen,
    }
  }
}
