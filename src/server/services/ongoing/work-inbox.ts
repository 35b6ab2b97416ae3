/**
 * Works the webhook inbox. A Retail POS delivery is only a hint: it marks the links of that
 * product to be read again over the API (sync-links.ts). An eCom order paid is recorded as a
 * sale in Retail POS, and returned there once cancelled or refunded. Every other eCom event
 * changes nothing in Retail POS, which is the system of record; those were recorded as ignored
 * when they came.
 */
import { posActionFor, type EcomEvent } from '../../../sync/changes-from-ecom'
import { findStore } from '../../store/session-store'
import { markDirty } from '../../store/sync-store'
import { findLinksOfPosProduct, storesWithLinks } from '../../store/sync-store-links'
import {
  claimDeliveries,
  finishDelivery,
  postponeDelivery,
  retryDelivery,
  type WebhookRow,
} from '../../store/webhook-store'
import type { AppContext } from '../context'
import { isPosNotConnected } from '../pos-tokens'
import { recordOrderSale, SaleBusyError } from './record-sale'
import { retryAt } from './retry'
import { readPosHint } from './webhook-intake'

const LEASE_MS = 120_000
/** About a day of retries at the capped interval; then the delivery is kept as failed. */
const MAX_ATTEMPTS = 30
/** An order another worker holds is looked at again this soon, without counting a failure. */
const BUSY_RETRY_MS = 2_000

/** Works up to `limit` due deliveries; returns how many it took. */
export async function workInbox(ctx: AppContext, limit = 50): Promise<number> {
  const rows = await claimDeliveries(ctx.db, limit, LEASE_MS)

  for (const row of rows) {
    try {
      const note =
        row.source === 'pos' ? await workPosHint(ctx, row) : await workEcomEvent(ctx, row)

      await finishDelivery(ctx.db, row.id, 'done', note)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)

      if (error instanceof SaleBusyError) {
        await postponeDelivery(ctx.db, row, message, new Date(Date.now() + BUSY_RETRY_MS))
        continue
      }

      ctx.log.warn(
        { err: error, deliveryId: row.id, type: row.event_type },
        'webhook delivery not worked yet',
      )
      await retryDelivery(ctx.db, row, message, retryAt(row.attempts), MAX_ATTEMPTS)
    }
  }

  return rows.length
}

/**
 * The links of the hinted product are marked in the store whose address the delivery came to
 * (a delivery recorded before addresses named their store: in every store linked to it). A variant created after the upload is
 * found through the parent its payload names, or else by reading it. Stock of a product no link
 * knows is left to the catch-up: it is most often a product that was never uploaded, and
 * reading each one would spend the Retail POS rate limit on nothing.
 */
async function workPosHint(ctx: AppContext, row: WebhookRow): Promise<string> {
  const hint = readPosHint(JSON.parse(row.body) as Record<string, unknown>)

  if (!hint.productId) return 'the delivery names no product'

  let links = await findLinksOfPosProduct(ctx.db, hint.productId, row.store_id)

  if (links.length === 0 && hint.parentId)
    links = await findLinksOfPosProduct(ctx.db, hint.parentId, row.store_id)
  if (links.length === 0 && !hint.isFamilyKnown && hint.type === 'product.update') {
    const product = await readFromAnyStore(ctx, hint.productId, row.store_id)

    if (product?.variant_parent_id)
      links = await findLinksOfPosProduct(ctx.db, product.variant_parent_id, row.store_id)
  }

  for (const link of links) await markDirty(ctx.db, link, [hint.productId])

  return links.length === 0
    ? 'the product is not linked to eCom'
    : `${links.length} linked ${links.length === 1 ? 'product' : 'products'} to sync`
}

/** The product as the store (or the first store with links) whose Retail POS has it reads it. */
async function readFromAnyStore(ctx: AppContext, productId: string, only: number | null) {
  for (const storeId of only === null ? await storesWithLinks(ctx.db) : [only]) {
    try {
      const product = await (await ctx.connections.pos(storeId)).getProduct(productId)

      if (product) return product
    } catch (error) {
      if (!isPosNotConnected(error)) throw error
    }
  }

  return null
}

async function workEcomEvent(ctx: AppContext, row: WebhookRow): Promise<string> {
  const event = JSON.parse(row.body) as EcomEvent
  const action = posActionFor(event)

  if (action.kind === 'nothing') return action.why
  if (row.store_id === null || !(await findStore(ctx.db, row.store_id))) {
    return `store ${String(row.store_id)} has not opened the app`
  }

  return recordOrderSale(ctx, row.store_id, action.orderId)
}
