/**
 * An eCom order paid is a sale: Retail POS records it as one register sale of every linked item,
 * at a register of the outlet that serves the online store, once per order however often its
 * webhooks come and however many workers see them (the order's row is claimed under a lease).
 * A write whose answer never came is looked up along the sales cursor saved before it, never
 * written again blindly. An order cancelled, refunded or deleted later is returned
 * (return-sale.ts).
 */
import type { PosRegisterSaleBody } from '../../../connectors/pos/pos-client'
import { isUpstreamError } from '../../../connectors/shared/upstream-error'
import { holdsStock, saleFromOrder, type EcomOrder } from '../../../sync/changes-from-ecom'
import { toDecimalString } from '../../../sync/money'
import {
  orderLabel,
  registerSaleLine,
  saleDate,
  saleNote,
  saleSourceId,
  saleTotal,
  type LeftOut,
  type RegisterSaleLine,
} from '../../../sync/register-sale'
import { skuKey } from '../../../sync/text'
import { linkedVariantsForOrder } from '../../store/sync-store-links'
import {
  claimSale,
  linesOf,
  releaseSale,
  salesWatermark,
  saveSale,
  type PlannedLine,
  type SaleRow,
} from '../../store/sync-store-sales'
import type { PosClient } from '../connections'
import type { AppContext } from '../context'
import { returnOrderSale } from './return-sale'
import { recordSaleEvents } from './sale-events'
import { productTax, saleSetting } from './sale-setting'
import { SALE_LEASE_MS, settleSale } from './sale-stock'

/** Thrown when another worker is recording the same order right now: try again later. */
export class SaleBusyError extends Error {
  constructor(orderId: string) {
    super(`order ${orderId} is being recorded by another worker`)
  }
}

/**
 * Brings Retail POS in line with an eCom order as it stands now: its sale recorded while eCom
 * holds its items (paid, or partly refunded), returned once it no longer does. Returns what
 * happened, in plain words.
 */
export async function recordOrderSale(
  ctx: AppContext,
  storeId: number,
  orderId: string,
): Promise<string> {
  const claim = await claimSale(ctx.db, storeId, orderId, SALE_LEASE_MS)

  if (claim.status === 'busy') throw new SaleBusyError(orderId)

  const { row } = claim

  try {
    const order = await (await ctx.connections.ecom(storeId)).getOrder(orderId)

    return order && holdsStock(order.paymentStatus)
      ? await recordSale(ctx, row, order)
      : await returnOrderSale(ctx, row, order)
  } catch (error) {
    await releaseSale(ctx.db, row, { message: error instanceof Error ? error.message : `${error}` })
    throw error
  }
}

async function recordSale(ctx: AppContext, row: SaleRow, order: EcomOrder): Promise<string> {
  const label = orderLabel(order, row.order_id)

  if (row.status === 'recorded' || row.status === 'returned') {
    await releaseSale(ctx.db, row, {})

    // LIMITATION: a recorded order is not recorded again: items changed on eCom after its sale
    // was recorded do not change the sale, and an order paid again after its return is not
    // recorded a second time. Ecwid says nothing that tells those apart from a repeated webhook.
    return row.status === 'recorded'
      ? `order ${label} was recorded already`
      : `order ${label} was returned in Retail POS; paid again, it is not recorded twice`
  }

  const pos = await ctx.connections.pos(row.store_id)
  const sourceId = saleSourceId(row.store_id, row.order_id)
  let saleId = row.pos_sale_id
  let lines = linesOf(row)
  let note = `order ${label}: recorded in Retail POS`

  if (!saleId && row.sales_after !== null) {
    saleId = (await pos.findSaleBySourceId(sourceId, { after: row.sales_after }))?.id ?? null
  }
  if (!saleId) {
    const plan = await planSale(ctx, pos, row, order)

    if (plan.body === null) {
      await releaseSale(ctx.db, row, { status: 'recorded', message: plan.note })

      return plan.note
    }

    const salesAfter = row.sales_after ?? (await salesWatermark(ctx.db, row.store_id))

    // Saved before the write, so a write whose answer never comes is looked up after this cursor.
    await saveSale(
      ctx.db,
      row,
      { lines: JSON.stringify(plan.lines), sales_after: salesAfter },
      SALE_LEASE_MS,
    )
    saleId = await writeSale(pos, plan.body, sourceId, salesAfter)
    await saveSale(ctx.db, row, { pos_sale_id: saleId }, SALE_LEASE_MS)
    lines = plan.lines
    note = plan.note
  }

  const version = await saleVersion(ctx, pos, saleId)

  await settleSale(ctx.db, row, lines, 1, {
    status: 'recorded',
    pos_sale_id: saleId,
    sale_version: version,
    message: note,
  })
  await recordSaleEvents(
    ctx,
    row.store_id,
    lines,
    `eCom order ${label} recorded as a sale in Retail POS`,
  )
  ctx.log.info({ storeId: row.store_id, orderId: row.order_id, saleId }, 'eCom sale recorded')

  return note
}

/** The sale is written once: after an unknown outcome it is looked for, not written again. */
async function writeSale(
  pos: PosClient,
  body: PosRegisterSaleBody,
  sourceId: string,
  after: number,
): Promise<string> {
  try {
    return (await pos.createRegisterSale(body)).id
  } catch (error) {
    if (!(isUpstreamError(error) && error.outcomeUnknown)) throw error

    const found = await pos.findSaleBySourceId(sourceId, { after })

    // Not there (yet): the delivery is tried again later, and looks again before writing.
    if (!found) throw error

    return found.id
  }
}

/** The sale's version, where later look-ups start; null when it cannot be read now. */
async function saleVersion(ctx: AppContext, pos: PosClient, saleId: string) {
  try {
    return (await pos.getSale(saleId))?.version ?? null
  } catch (error) {
    ctx.log.warn({ err: error, saleId }, 'could not read the version of a recorded sale')

    return null
  }
}

interface SalePlan {
  body: PosRegisterSaleBody | null
  lines: PlannedLine[]
  note: string
}

/** The register sale of the order's linked items, and what it leaves out, said in plain words. */
async function planSale(
  ctx: AppContext,
  pos: PosClient,
  row: SaleRow,
  order: EcomOrder,
): Promise<SalePlan> {
  const label = orderLabel(order, row.order_id)
  const items = order.items ?? []
  const linked = await linkedVariantsForOrder(ctx.db, row.store_id, {
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
  const unlinked =
    sale.unlinked.length > 0 ? `; not linked, left to eCom: ${sale.unlinked.join(', ')}` : ''

  if (sale.lines.length === 0) {
    return { body: null, lines: [], note: `order ${label}: no linked product to record${unlinked}` }
  }

  const setting = await saleSetting(ctx, pos, row.store_id)
  const lines: PlannedLine[] = []
  const products: RegisterSaleLine[] = []
  const leftOut: LeftOut[] = []

  for (const line of sale.lines) {
    const variant = linked.find((v) => v.pos_product_id === line.posProductId)
    const sku = variant?.sku ?? line.posProductId
    const product = await pos.getProduct(line.posProductId)
    const shown = setting.pricesIncludeTax
      ? product?.price_including_tax
      : product?.price_excluding_tax
    const unitPrice = line.price ?? toDecimalString(shown)

    if (!product || product.deleted_at) {
      leftOut.push({ sku, why: 'deleted in Retail POS' })
    } else if (unitPrice === null) {
      leftOut.push({ sku, why: 'no price on eCom or in Retail POS' })
    } else {
      const tax = productTax(setting, line.posProductId, sku)

      products.push(registerSaleLine({ ...line, unitPrice }, tax, setting.pricesIncludeTax))
      lines.push({
        linkId: variant?.link_id ?? '',
        posProductId: line.posProductId,
        sku,
        quantity: line.quantity,
        outletId: setting.outletId,
        movesStock: product.has_inventory !== false,
      })
    }
  }

  const count = `${products.length} ${products.length === 1 ? 'line' : 'lines'}`
  const total = saleTotal(products)
  const skipped = leftOut.map((l) => `${l.sku} (${l.why})`).join(', ')
  const untracked = lines.filter((l) => !l.movesStock).map((l) => l.sku)
  const note = [
    products.length > 0
      ? `order ${label}: sale of ${count} recorded in Retail POS at ${setting.registerName}, paid ${total} by ${setting.paymentType.name}`
      : `order ${label}: nothing recorded in Retail POS`,
    untracked.length > 0 ? `; no stock moved for ${untracked.join(', ')} (stock not tracked)` : '',
    skipped ? `; skipped ${skipped}` : '',
    unlinked,
  ].join('')

  if (products.length === 0) return { body: null, lines: [], note }

  const date = saleDate(order.createTimestamp)

  // Paid on eCom: the sale is paid in full, for its total as Retail POS adds up these lines.
  // LIMITATION: what eCom charged besides (shipping, discounts, its own tax amounts, items not
  // linked) is not carried over, so the payment can differ from what the customer paid on eCom;
  // eCom keeps the order's own totals, and Retail POS gets a sale that balances.
  return {
    lines,
    note,
    body: {
      register_id: setting.registerId,
      user_id: setting.userId,
      status: 'CLOSED',
      sale_date: date,
      note: saleNote(label, leftOut),
      source_id: saleSourceId(row.store_id, row.order_id),
      register_sale_products: products,
      register_sale_payments: [
        {
          retailer_payment_type_id: setting.paymentType.id,
          register_id: setting.registerId,
          amount: Number(total),
          ...(date ? { payment_date: date } : {}),
        },
      ],
    },
  }
}
