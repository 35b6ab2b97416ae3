/**
 * An eCom order cancelled, refunded or deleted after its sale was recorded gives its items back
 * on eCom, so Retail POS returns the sale through the documented return flow: PUT
 * /api/2.0/sales/{id}/actions/return parks a return of every line, and completing it (POST
 * /api/register_sales with its id, status CLOSED) puts the stock back. Once per order: a return
 * already started (by the app, or at the till) is looked up along the sales cursor first.
 */
import type { PosRegisterSaleLineInput } from '../../../connectors/pos/pos-client'
import type { PosSale } from '../../../connectors/pos/pos-schemas'
import { isUpstreamError } from '../../../connectors/shared/upstream-error'
import type { EcomOrder } from '../../../sync/changes-from-ecom'
import {
  orderLabel,
  saleNote,
  saleSourceId,
  saleTotal,
  type LeftOut,
} from '../../../sync/register-sale'
import { linesOf, releaseSale, saveSale, type SaleRow } from '../../store/sync-store-sales'
import type { PosClient } from '../connections'
import type { AppContext } from '../context'
import { recordSaleEvents } from './sale-events'
import { saleSetting, type SaleSetting } from './sale-setting'
import { SALE_LEASE_MS, settleSale } from './sale-stock'

/** Returns the order's sale, if one was recorded; what happened, in plain words. */
export async function returnOrderSale(
  ctx: AppContext,
  row: SaleRow,
  order: EcomOrder | null,
): Promise<string> {
  const label = order ? orderLabel(order, row.order_id) : row.order_id
  const status = (order?.paymentStatus ?? 'not paid').toLowerCase().replace(/_/g, ' ')
  const why = order ? status : 'deleted on eCom'

  if (row.status === 'returned') {
    await releaseSale(ctx.db, row, {})

    return `order ${label} was returned in Retail POS already`
  }

  const pos = await ctx.connections.pos(row.store_id)
  const lines = linesOf(row)
  let saleId = row.pos_sale_id

  if (!saleId && row.sales_after !== null) {
    const sourceId = saleSourceId(row.store_id, row.order_id)

    saleId = (await pos.findSaleBySourceId(sourceId, { after: row.sales_after }))?.id ?? null
  }
  if (!saleId) {
    const note = `order ${label} is ${why}; no sale of it is in Retail POS, so nothing goes back`

    await releaseSale(ctx.db, row, { message: note })

    return note
  }
  if (row.status !== 'recorded') {
    // The sale landed but was never settled: settled first, its return then cancels it out.
    await settleSale(ctx.db, row, lines, 1, { status: 'recorded', pos_sale_id: saleId }, true)
  }

  const after = row.sale_version ?? row.sales_after ?? 0
  let returnId = row.return_id ?? (await pos.findReturnOf(saleId, { after }))?.id ?? null

  if (!returnId) {
    returnId = await startReturn(pos, saleId, after)
    await saveSale(ctx.db, row, { return_id: returnId }, SALE_LEASE_MS)
  }

  const parked = await pos.getSale(returnId)

  if (!parked) throw new Error(`Retail POS has no return ${returnId} of order ${label}'s sale`)

  const leftOut =
    parked.status === 'SAVED' ? await completeReturn(ctx, pos, row, parked, `${label}, ${why}`) : []
  const skipped = leftOut.map((l) => `${l.sku} (${l.why})`).join(', ')
  const note = `order ${label} is ${why}: its sale was returned in Retail POS${skipped ? `; skipped ${skipped}` : ''}`

  const returned = lines.filter((l) => !leftOut.some((out) => out.productId === l.posProductId))

  await settleSale(ctx.db, row, returned, -1, {
    status: 'returned',
    return_id: returnId,
    message: note,
  })
  await recordSaleEvents(
    ctx,
    row.store_id,
    returned,
    `eCom order ${label} is ${why}: its sale was returned in Retail POS`,
  )
  ctx.log.info({ storeId: row.store_id, orderId: row.order_id, returnId }, 'eCom sale returned')

  return note
}

/** Parks the return once: after an unknown outcome it is looked for, not started again. */
async function startReturn(pos: PosClient, saleId: string, after: number): Promise<string> {
  try {
    return (await pos.returnSale(saleId)).id
  } catch (error) {
    if (!(isUpstreamError(error) && error.outcomeUnknown)) throw error

    const found = await pos.findReturnOf(saleId, { after })

    if (!found) throw error

    return found.id
  }
}

/**
 * Completes a parked return with every line whose product Retail POS still has (a deleted
 * product cannot be sold or returned), refunded in full through the payment type the sale was
 * paid with (else the one eCom sales are paid with); the same completion sent again changes
 * nothing.
 */
async function completeReturn(
  ctx: AppContext,
  pos: PosClient,
  row: SaleRow,
  parked: PosSale,
  label: string,
): Promise<(LeftOut & { productId: string })[]> {
  const kept: PosRegisterSaleLineInput[] = []
  const leftOut: (LeftOut & { productId: string })[] = []

  for (const line of parked.line_items ?? []) {
    const productId = line.product_id ?? ''

    if (line.status === 'VOIDED' || productId === '') continue

    const product = await pos.getProduct(productId)

    if (!product || product.deleted_at) {
      const sku = linesOf(row).find((l) => l.posProductId === productId)?.sku ?? productId

      leftOut.push({ sku, why: 'deleted in Retail POS', productId })
      continue
    }

    kept.push({
      ...(line.id ? { id: line.id } : {}),
      product_id: productId,
      quantity: Number(line.quantity),
      price: Number(line.price ?? 0),
      tax: Number(line.tax ?? 0),
      tax_id: line.tax_id ?? '',
    })
  }

  const setting = await saleSetting(ctx, pos, row.store_id)
  const registerId = parked.register_id ?? setting.registerId
  const refund =
    kept.length > 0
      ? [
          {
            retailer_payment_type_id: await refundType(pos, parked, setting),
            register_id: registerId,
            amount: Number(saleTotal(kept)),
          },
        ]
      : []

  await pos.updateRegisterSale(parked.id, {
    register_id: registerId,
    user_id: parked.user_id ?? setting.userId,
    // A return with nothing left to give back is voided rather than left parked.
    status: kept.length > 0 ? 'CLOSED' : 'VOIDED',
    note: saleNote(label, leftOut, 'Return of eCom order'),
    register_sale_products: kept,
    register_sale_payments: refund,
  })

  return leftOut
}

/** The payment type the returned sale was paid with, while the store has it; else eCom's. */
async function refundType(pos: PosClient, parked: PosSale, setting: SaleSetting) {
  const sold = parked.return_for ? await pos.getSale(parked.return_for) : null
  const paidWith = (sold?.payments ?? [])
    .map((p) => p.retailer_payment_type_id ?? '')
    .find((id) => setting.paymentTypeIds.has(id))

  return paidWith ?? setting.paymentType.id
}
