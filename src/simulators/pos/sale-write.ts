/**
 * POST /api/register_sales: creates a sale, or (with `id`) replaces one whole, as the Sales 101 and
 * Editing Sales guides describe (line items and payments left out of an update are removed). A
 * sale that is completed, on account, on layby or awaiting fulfilment takes its items from the
 * stock of its register's outlet; a parked (SAVED) or voided one holds none, and a returned item
 * (negative quantity) goes back. A composite takes its components. A line without a tax takes the
 * product's tax at the outlet; a completed sale must be paid in full.
 */
import Big from 'big.js'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { notFound, parseBody, unprocessable } from './pos-errors'
import {
  decimalText,
  type InventoryRecord,
  type RegisterRecord,
  type SaleLineRecord,
  type SaleRecord,
  type SaleStatus,
  type StockHold,
  parseSaleDate,
  timestamp,
  toDecimal,
} from './pos-model'
import type { PosStore } from './pos-store'
import { assertPaidInFull, buildPayments, paymentInput } from './sale-payments'

export const SALE_STATUSES = [
  'SAVED',
  'CLOSED',
  'ONACCOUNT',
  'LAYBY',
  'ONACCOUNT_CLOSED',
  'LAYBY_CLOSED',
  'AWAITING_DISPATCH',
  'AWAITING_PICKUP',
  'DISPATCHED_CLOSED',
  'PICKED_UP_CLOSED',
  'VOIDED',
  'SERVICE',
  'SERVICE_CLOSED',
] as const satisfies readonly SaleStatus[]

// LIMITATION: service sales (SERVICE, SERVICE_CLOSED) take no stock; how X-Series moves stock for
// service orders is not documented, and the app never creates them.
const TAKES_STOCK: ReadonlySet<SaleStatus> = new Set([
  'CLOSED',
  'ONACCOUNT',
  'LAYBY',
  'ONACCOUNT_CLOSED',
  'LAYBY_CLOSED',
  'AWAITING_DISPATCH',
  'AWAITING_PICKUP',
  'DISPATCHED_CLOSED',
  'PICKED_UP_CLOSED',
])

const numeric = z.union([
  z.number().finite(),
  z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/, 'must be a number'),
])
const flag = z
  .union([z.boolean(), z.number(), z.string()])
  .transform((v) => v === true || v === 1 || v === '1' || v === 'true')

const lineInput = z.looseObject({
  id: z.string().optional(),
  product_id: z.string().min(1, 'is required'),
  register_id: z.string().optional(),
  sequence: z.union([z.number(), z.string()]).optional(),
  quantity: numeric,
  price: numeric,
  cost: numeric.optional(),
  price_set: flag.optional(),
  discount: numeric.optional(),
  loyalty_value: numeric.optional(),
  tax: numeric.optional(),
  tax_id: z.string().optional(),
  status: z.enum(['SAVED', 'CONFIRMED', 'VOIDED']).optional(),
  note: z.string().nullable().optional(),
})

// LIMITATION: customers are not simulated: customer_id is kept as sent without a check. The app
// sends none.
const saleInput = z.looseObject({
  id: z.string().optional(),
  register_id: z.string().min(1, 'is required'),
  user_id: z.string().min(1, 'is required'),
  customer_id: z.string().nullable().optional(),
  sale_date: z.string().optional(),
  note: z.string().nullable().optional(),
  status: z.enum(SALE_STATUSES),
  short_code: z.string().optional(),
  invoice_number: z.string().nullable().optional(),
  invoice_sequence: z.number().optional(),
  source: z.string().optional(),
  source_id: z.string().nullable().optional(),
  register_sale_products: z.array(lineInput).optional(),
  register_sale_payments: z.array(paymentInput).optional(),
})

type LineInput = z.infer<typeof lineInput>

export function shortCode(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789'

  return Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join(
    '',
  )
}

function buildLines(store: PosStore, outletId: string, inputs: LineInput[]) {
  return inputs.map((input, i): SaleLineRecord => {
    const product = store.products.get(input.product_id)
    if (!product || product.deleted_at !== null) {
      throw unprocessable(
        `register_sale_products[${i}].product_id: product ${input.product_id} not found`,
      )
    }
    const tax = input.tax_id ? store.taxById(input.tax_id) : store.productTax(product.id, outletId)
    if (!tax) {
      throw unprocessable(`register_sale_products[${i}].tax_id: tax ${input.tax_id} not found`)
    }
    const price = toDecimal(input.price) ?? new Big(0)
    const unitTax = toDecimal(input.tax) ?? price.times(tax.rate)

    return {
      id: input.id ?? randomUUID(),
      product_id: product.id,
      sequence: Number(input.sequence ?? i) || i,
      quantity: Number(input.quantity),
      price: decimalText(price),
      tax: decimalText(unitTax),
      cost: decimalText(toDecimal(input.cost) ?? toDecimal(product.supply_price) ?? new Big(0)),
      discount: decimalText(toDecimal(input.discount) ?? new Big(0)),
      loyalty_value: decimalText(toDecimal(input.loyalty_value) ?? new Big(0)),
      tax_id: tax.id,
      price_set: input.price_set ?? false,
      status: input.status ?? 'CONFIRMED',
      note: input.note ?? null,
    }
  })
}

/** Units per product that the sale's lines take from the outlet, composites by component. */
function holdsFor(store: PosStore, outletId: string, lines: SaleLineRecord[]): StockHold[] {
  const byProduct = new Map<string, number>()
  const take = (productId: string, quantity: number) => {
    if (!store.products.get(productId)?.has_inventory) return
    byProduct.set(productId, (byProduct.get(productId) ?? 0) + quantity)
  }
  for (const line of lines) {
    if (line.status === 'VOIDED') continue
    const product = store.products.get(line.product_id)
    if (product?.is_composite) {
      for (const component of product.composite)
        take(component.product_id, component.quantity * line.quantity)
    } else {
      take(line.product_id, line.quantity)
    }
  }

  return [...byProduct].map(([product_id, quantity]) => ({
    product_id,
    outlet_id: outletId,
    quantity,
  }))
}

/** Stock follows the difference between what the sale held and what it holds now. */
function moveStock(store: PosStore, before: StockHold[], after: StockHold[]) {
  const key = (hold: StockHold) => `${hold.product_id}:${hold.outlet_id}`
  const delta = new Map<string, StockHold>()
  for (const hold of before) delta.set(key(hold), { ...hold, quantity: -hold.quantity })
  for (const hold of after) {
    const current = delta.get(key(hold))
    if (current) current.quantity += hold.quantity
    else delta.set(key(hold), { ...hold })
  }
  for (const { product_id, outlet_id, quantity } of delta.values()) {
    if (quantity === 0) continue
    const existing = store.stockAt(product_id, outlet_id)
    const record: InventoryRecord = {
      id: existing?.id ?? randomUUID(),
      product_id,
      outlet_id,
      inventory_level: (existing?.inventory_level ?? 0) - quantity,
      reorder_point: existing?.reorder_point ?? null,
      reorder_amount: existing?.reorder_amount ?? null,
      version: store.nextVersion(),
      deleted_at: existing?.deleted_at ?? null,
    }
    store.putInventory(record)
  }
}

/** The register's next invoice number, as the register counts them. */
export function issueInvoice(store: PosStore, register: RegisterRecord, now: string) {
  const invoiceSequence = register.invoice_sequence + 1
  store.registers.put({
    ...register,
    invoice_sequence: invoiceSequence,
    updated_at: now,
    version: store.nextVersion(),
  })

  return {
    invoiceSequence,
    invoiceNumber: `${register.invoice_prefix}${invoiceSequence}${register.invoice_suffix}`,
  }
}

export function recordSale(store: PosStore, body: unknown): SaleRecord {
  const input = parseBody(saleInput, body)
  const previous = input.id ? store.sales.get(input.id) : undefined
  if (input.id && (!previous || previous.deleted_at !== null)) throw notFound('sale')
  const register = store.registers.get(input.register_id)
  if (!register || register.deleted_at !== null) {
    throw unprocessable(`register_id: register ${input.register_id} not found`)
  }
  const user = store.users.get(input.user_id)
  if (!user || user.deleted_at !== null) {
    throw unprocessable(`user_id: user ${input.user_id} not found`)
  }
  const lines = buildLines(store, register.outlet_id, input.register_sale_products ?? [])
  const now = timestamp()
  const payments = buildPayments(store, input.register_sale_payments ?? [], register.id, now)
  assertPaidInFull(input.status, lines, payments)

  return store.transaction(() => {
    let invoiceSequence = previous?.invoice_sequence ?? input.invoice_sequence
    let invoiceNumber = input.invoice_number ?? previous?.invoice_number
    if (!invoiceNumber) {
      const issued = issueInvoice(store, register, now)
      invoiceSequence = issued.invoiceSequence
      invoiceNumber = issued.invoiceNumber
    }
    const holds = TAKES_STOCK.has(input.status) ? holdsFor(store, register.outlet_id, lines) : []
    moveStock(store, previous?.holds ?? [], holds)
    const sale: SaleRecord = {
      id: previous?.id ?? randomUUID(),
      register_id: register.id,
      outlet_id: register.outlet_id,
      user_id: user.id,
      customer_id: input.customer_id ?? previous?.customer_id ?? null,
      status: input.status,
      source: input.source ?? previous?.source ?? 'USER',
      source_id: input.source_id ?? previous?.source_id ?? null,
      return_for: previous?.return_for ?? null,
      note: input.note ?? previous?.note ?? '',
      short_code: input.short_code ?? previous?.short_code ?? shortCode(),
      invoice_number: invoiceNumber,
      invoice_sequence: invoiceSequence ?? 0,
      line_items: lines,
      payments,
      holds,
      sale_date: parseSaleDate(input.sale_date, previous?.sale_date ?? now),
      created_at: previous?.created_at ?? now,
      updated_at: now,
      deleted_at: null,
      version: store.nextVersion(),
    }
    store.putSale(sale)

    return sale
  })
}
