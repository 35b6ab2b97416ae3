/**
 * PUT /api/2.0/sales/{id}/actions/return, as the spec and the Returns guide describe it: a
 * completed sale (CLOSED, ONACCOUNT_CLOSED or LAYBY_CLOSED) gets a new parked (SAVED) sale whose
 * lines are the sold lines with their quantities negated, `return_for` naming the sale. Being
 * parked, it moves no stock; completing it through POST /api/register_sales (with its `id`, status
 * CLOSED) puts the items back in the register outlet's stock.
 */
import { randomUUID } from 'node:crypto'
import { notFound, unprocessable } from './pos-errors'
import { type SaleRecord, type SaleStatus, timestamp } from './pos-model'
import type { PosStore } from './pos-store'
import { issueInvoice, shortCode } from './sale-write'

const RETURNABLE: ReadonlySet<SaleStatus> = new Set(['CLOSED', 'ONACCOUNT_CLOSED', 'LAYBY_CLOSED'])

export function returnSale(store: PosStore, saleId: string): SaleRecord {
  const sale = store.sales.get(saleId)
  if (!sale || sale.deleted_at !== null) throw notFound('sale')
  if (!RETURNABLE.has(sale.status)) {
    throw unprocessable(
      `sale ${saleId} is ${sale.status}: only a CLOSED, ONACCOUNT_CLOSED or LAYBY_CLOSED sale can be returned`,
    )
  }
  const register = store.registers.get(sale.register_id)
  if (!register || register.deleted_at !== null) {
    throw unprocessable(`register_id: register ${sale.register_id} not found`)
  }

  return store.transaction(() => {
    const now = timestamp()
    const invoice = issueInvoice(store, register, now)
    const returned: SaleRecord = {
      id: randomUUID(),
      register_id: register.id,
      outlet_id: register.outlet_id,
      user_id: sale.user_id,
      customer_id: sale.customer_id,
      status: 'SAVED',
      source: 'USER',
      source_id: null,
      return_for: sale.id,
      note: '',
      short_code: shortCode(),
      invoice_number: invoice.invoiceNumber,
      invoice_sequence: invoice.invoiceSequence,
      line_items: sale.line_items
        .filter((line) => line.status !== 'VOIDED')
        .map((line) => ({
          ...line,
          id: randomUUID(),
          quantity: -line.quantity,
          status: 'SAVED' as const,
        })),
      payments: [],
      holds: [],
      sale_date: now,
      created_at: now,
      updated_at: now,
      deleted_at: null,
      version: store.nextVersion(),
    }
    store.putSale(returned)

    return returned
  })
}
