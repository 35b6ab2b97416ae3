/**
 * A paid eCom order is a sale, and Retail POS records the stock it moves, once per order however
 * often its webhooks come (the order's row is the key, and each line remembers it was written).
 * eCom already took the stock off its own count, so each linked snapshot follows, and the POS
 * stock change that results is not sent back to eCom.
 *
 * LIMITATION: an order cancelled or refunded after it was paid does not put its stock back in
 * Retail POS; the merchant returns it there. Safe because stock is never added that was not.
 */
import { isUpstreamError } from '../../../connectors/shared/upstream-error'
import { snapshotAfterSale } from '../../../sync/changes-snapshot'
import { saleFromOrder, type EcomOrder } from '../../../sync/changes-from-ecom'
import { skuKey } from '../../../sync/text'
import { readSnapshot, saveSnapshot } from '../../store/sync-store'
import { linkedVariantsForOrder } from '../../store/sync-store-links'
import { claimSale, endSale, saveSaleLines, type PlannedLine } from '../../store/sync-store-sales'
import type { EcomClient, PosClient } from '../connections'
import type { AppContext } from '../context'

const LEASE_MS = 120_000

/** Reads one eCom order; null when eCom has no such order. */
export type OrderReader = (ecom: EcomClient, orderId: string) => Promise<EcomOrder | null>

/** Thrown when another worker is recording the same order right now: try again later. */
export class SaleBusyError extends Error {
  constructor(orderId: string) {
    super(`order ${orderId} is being recorded by another worker`)
  }
}

/** Reads the order through the eCom connector's `getOrder` (GET /orders/{id}). */
export const readOrderWithConnector: OrderReader = async (ecom, orderId) => {
  const reader = (ecom as { getOrder?: (id: string | number) => Promise<unknown> }).getOrder

  if (typeof reader !== 'function') {
    throw new Error('This version of the eCom connector cannot read orders yet.')
  }

  const id = /^\d+$/.test(orderId) ? Number(orderId) : orderId

  return ((await reader.call(ecom, id)) as EcomOrder | null) ?? null
}

/** Records the sale of one eCom order in Retail POS; returns what happened, in plain words. */
export async function recordOrderSale(
  ctx: AppContext,
  storeId: number,
  orderId: string,
  readOrder: OrderReader,
): Promise<string> {
  const ecom = await ctx.connections.ecom(storeId)
  const order = await readOrder(ecom, orderId)

  if (!order) return `eCom has no order ${orderId}`
  if ((order.paymentStatus ?? '').toUpperCase() !== 'PAID') {
    return `order ${orderId} is not paid (${order.paymentStatus ?? 'no status'})`
  }

  const claim = await claimSale(ctx.db, storeId, orderId, LEASE_MS)

  if (claim.status === 'recorded') return `order ${orderId} was recorded already`
  if (claim.status === 'busy') throw new SaleBusyError(orderId)

  try {
    const pos = await ctx.connections.pos(storeId)
    const lines = claim.lines ?? (await planLines(ctx, pos, storeId, orderId, order))

    for (const line of lines) {
      if (line.written || line.skipped) continue
      await writeLine(ctx, pos, storeId, line)
      await saveSaleLines(ctx.db, storeId, orderId, lines)
    }

    const written = lines.filter((l) => l.written && !l.skipped).length

    await endSale(ctx.db, storeId, orderId, 'recorded', null)
    ctx.log.info({ storeId, orderId, lines: written }, 'eCom sale recorded in Retail POS')

    return `order ${orderId}: stock of ${written} ${written === 1 ? 'product' : 'products'} recorded`
  } catch (error) {
    await endSale(
      ctx.db,
      storeId,
      orderId,
      'failed',
      error instanceof Error ? error.message : String(error),
    )
    throw error
  }
}

/**
 * The lines of the sale, each with the absolute stock its outlet goes to. They are saved before
 * the first write, so a retry sets the same stock again instead of taking the units off twice.
 */
async function planLines(
  ctx: AppContext,
  pos: PosClient,
  storeId: number,
  orderId: string,
  order: EcomOrder,
): Promise<PlannedLine[]> {
  const items = order.items ?? []
  const linked = await linkedVariantsForOrder(ctx.db, storeId, {
    ecomProductIds: [
      ...new Set(items.flatMap((i) => (i.productId == null ? [] : [String(i.productId)]))),
    ],
    skus: [...new Set(items.map((i) => skuKey(i.sku)).filter((sku) => sku !== ''))],
  })
  const sale = saleFromOrder(
    order,
    linked.map((v) => ({
      ecomProductId: v.ecom_product_id,
      ecomCombinationId: v.ecom_combination_id,
      posProductId: v.pos_product_id,
      sku: v.sku,
    })),
  )

  if (sale.unlinked.length > 0) {
    ctx.log.info(
      { storeId, orderId, unlinked: sale.unlinked },
      'order items that are not linked stay on eCom',
    )
  }

  const outletId = await saleOutlet(pos)
  const lines: PlannedLine[] = []

  for (const line of sale.lines) {
    const records = (await pos.getProductInventory(line.posProductId)) ?? []
    const record = records.find((r) => r.outlet_id === outletId && !r.deleted_at)
    const from =
      Math.trunc(Number(record?.inventory_level ?? record?.current_inventory_level ?? 0)) || 0
    const linkId = linked.find((v) => v.pos_product_id === line.posProductId)?.link_id ?? ''

    lines.push({
      linkId,
      posProductId: line.posProductId,
      quantity: line.quantity,
      outletId,
      from,
      to: from - line.quantity,
      written: false,
    })
  }

  await saveSaleLines(ctx.db, storeId, orderId, lines)

  return lines
}

/**
 * LIMITATION: the sale is recorded as a stock adjustment (PUT /api/2.1/products/{id} with
 * details.inventory, an absolute count per outlet), not as a Retail POS sale: the POS connector
 * cannot create sales yet. The merchant sees the stock move but no sale in the POS sales history,
 * and a till sale of the same product between the read and the write of a line can be
 * overwritten. Safe for now because eCom holds the order and each line is written once.
 */
async function writeLine(ctx: AppContext, pos: PosClient, storeId: number, line: PlannedLine) {
  try {
    await pos.updateProduct(line.posProductId, {
      details: { inventory: [{ outlet_id: line.outletId, current_amount: line.to }] },
    })
    line.written = true
  } catch (error) {
    // 422: the product does not track stock; 404: it was deleted in Retail POS. Either way the
    // sale has no stock to move there.
    if (!(isUpstreamError(error) && (error.status === 422 || error.status === 404))) throw error
    line.skipped =
      error.status === 404
        ? 'the product was deleted in Retail POS'
        : 'Retail POS does not track the stock of this product'

    return
  }

  if (!line.linkId) return

  const snapshot = await readSnapshot(ctx.db, line.linkId)

  // Without a snapshot the next sync starts from eCom as it is, which already counts the sale.
  if (snapshot) {
    await saveSnapshot(
      ctx.db,
      { id: line.linkId, store_id: storeId },
      snapshotAfterSale(snapshot, line.posProductId, line.quantity, {
        outletId: line.outletId,
        level: line.to,
      }),
    )
  }
}

/**
 * LIMITATION: the stock of an eCom sale is taken from the first outlet Retail POS lists, as the
 * upload puts eCom's stock there; choosing the outlet that serves the online store is not
 * offered yet.
 */
async function saleOutlet(pos: PosClient): Promise<string> {
  const outlets = await pos.listOutlets()
  const first = outlets.find((o) => !o.deleted_at) ?? outlets[0]

  if (!first) throw new Error('Retail POS has no outlet to take the sold stock from')

  return first.id
}
