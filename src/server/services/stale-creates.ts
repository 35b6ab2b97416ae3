/**
 * A product created twice for one item. A worker confirms its lease right before each create, but
 * it can still stall after that (a frozen machine, a request held up on its way) long enough for
 * another worker to take the item over and create or link the product too. The worker that finds
 * its outcome fenced out after a create notes the product it made; the product the item ends up
 * linked to stands, and any other is deleted again. Whoever comes last settles it: the stalled
 * worker when the item is already done, otherwise the worker that finishes the item (one that
 * took it over, so its claim's generation is above 1). Each notes first and then reads what the
 * other wrote, so at least one of them sees both.
 */
import { isUpstreamError } from '../../connectors/shared/upstream-error'
import { findLinkByEcom, findLinkByPos } from '../store/link-store'
import type { RunItemRow } from '../store/schema'
import {
  isItemOpen,
  noteStaleCreate,
  settleCreate,
  unsettledCreates,
} from '../store/stale-create-store'
import type { RunResources } from './run-resources'

/** Notes a product this worker created after losing the item, and settles it if the item is done. */
export async function noteStaleCreateAndSettle(
  r: RunResources,
  item: RunItemRow,
  targetId: string,
) {
  await noteStaleCreate(r.ctx.db, { item, direction: r.run.direction, targetId })
  // Still being worked: its holder settles it once it records the item's outcome.
  if (await isItemOpen(r.ctx.db, item.id)) return
  await settleStaleCreates(r, item)
}

/**
 * Settles every product noted for the item: one linked to a product of the source stands (it is
 * the one the item, or another product with its SKU, is linked to); any other is deleted.
 */
export async function settleStaleCreates(r: RunResources, item: RunItemRow) {
  const { db } = r.ctx
  const log = r.ctx.log.child({ runId: item.run_id, itemId: item.id })
  for (const create of await unsettledCreates(db, item.id)) {
    const linked =
      r.run.direction === 'pos-to-ecom'
        ? await findLinkByEcom(db, r.storeId, create.target_id)
        : await findLinkByPos(db, r.storeId, create.target_id)
    if (linked) {
      await settleCreate(db, create.id, 'kept')
      continue
    }
    try {
      if (r.run.direction === 'pos-to-ecom') {
        await (await r.ecom()).deleteProduct(Number(create.target_id))
      } else {
        await (await r.pos()).deleteFamily(create.target_id)
      }
    } catch (error) {
      if (!isUpstreamError(error)) throw error
      log.error(
        { err: error, targetId: create.target_id },
        'could not delete a product a stalled worker created twice; it stays on the target',
      )
      continue
    }
    await settleCreate(db, create.id, 'deleted')
    log.warn(
      { targetId: create.target_id, direction: r.run.direction },
      'deleted a product a stalled worker created twice',
    )
  }
}
