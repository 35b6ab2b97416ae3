/**
 * Sales as the API shows them: the 2.0 Sale (GET /api/2.0/sales, spec examples), and the register
 * sale of API 0.9/1.0 that POST /api/register_sales answers with and sale.update webhooks carry.
 * Line prices exclude tax; totals are worked out from the lines in exact decimals.
 */
import Big from 'big.js'
import type { SaleLineRecord, SaleRecord } from './pos-model'
import type { PosStore } from './pos-store'

const num = (value: Big | string) => Number(new Big(value).round(5, Big.roundHalfUp).toFixed())

function lineTotals(line: SaleLineRecord) {
  const quantity = new Big(line.quantity)

  return {
    price_total: new Big(line.price).times(quantity),
    tax_total: new Big(line.tax).times(quantity),
    cost_total: new Big(line.cost).times(quantity),
    discount_total: new Big(line.discount).times(quantity),
    loyalty_total: new Big(line.loyalty_value).times(quantity),
  }
}

/** What the sale's live lines come to, tax included: what its payments must add up to. */
export function amountDue(lines: SaleLineRecord[]): Big {
  return lines
    .filter((line) => line.status !== 'VOIDED')
    .reduce((sum, line) => {
      const t = lineTotals(line)

      return sum.plus(t.price_total).plus(t.tax_total)
    }, new Big(0))
}

/** The sale's tax per tax, as the 2.0 Sale's `taxes` ({name, rate, amount}) lists it. */
function taxesOf(sale: SaleRecord, store: PosStore) {
  const byTax = new Map<string, Big>()
  for (const line of sale.line_items) {
    if (line.status === 'VOIDED') continue
    byTax.set(line.tax_id, (byTax.get(line.tax_id) ?? new Big(0)).plus(lineTotals(line).tax_total))
  }

  return [...byTax]
    .filter(([, amount]) => !amount.eq(0))
    .map(([id, amount]) => {
      const tax = store.taxById(id)

      return { id, name: tax?.name ?? '', rate: Number(tax?.rate ?? 0), amount: num(amount) }
    })
}

function saleTotals(sale: SaleRecord) {
  const sum = { price: new Big(0), tax: new Big(0), cost: new Big(0), loyalty: new Big(0) }
  for (const line of sale.line_items) {
    if (line.status === 'VOIDED') continue
    const totals = lineTotals(line)
    sum.price = sum.price.plus(totals.price_total)
    sum.tax = sum.tax.plus(totals.tax_total)
    sum.cost = sum.cost.plus(totals.cost_total)
    sum.loyalty = sum.loyalty.plus(totals.loyalty_total)
  }
  const paid = sale.payments.reduce((total, p) => total.plus(p.amount), new Big(0))

  return { ...sum, paid }
}

export function renderSale(sale: SaleRecord, store: PosStore) {
  const totals = saleTotals(sale)

  return {
    id: sale.id,
    outlet_id: sale.outlet_id,
    register_id: sale.register_id,
    user_id: sale.user_id,
    ...(sale.customer_id ? { customer_id: sale.customer_id } : {}),
    invoice_number: sale.invoice_number,
    invoice_sequence: sale.invoice_sequence,
    source: sale.source,
    ...(sale.source_id ? { source_id: sale.source_id } : {}),
    status: sale.status,
    note: sale.note,
    short_code: sale.short_code,
    return_for: sale.return_for ?? null,
    total_price: num(totals.price),
    total_tax: num(totals.tax),
    total_loyalty: num(totals.loyalty),
    created_at: sale.created_at,
    updated_at: sale.updated_at,
    sale_date: sale.sale_date,
    deleted_at: sale.deleted_at,
    version: sale.version,
    line_items: sale.line_items.map((line) => {
      const t = lineTotals(line)

      return {
        id: line.id,
        product_id: line.product_id,
        tax_id: line.tax_id,
        discount_total: num(t.discount_total),
        discount: num(line.discount),
        price_total: num(t.price_total),
        price: num(line.price),
        cost_total: num(t.cost_total),
        cost: num(line.cost),
        tax_total: num(t.tax_total),
        tax: num(line.tax),
        quantity: line.quantity,
        loyalty_value: num(line.loyalty_value),
        price_set: line.price_set,
        status: line.status,
        sequence: line.sequence,
        note: line.note,
        tax_components: [{ rate_id: line.tax_id, total_tax: num(t.tax_total) }],
        unit_cost: num(line.cost),
        unit_discount: num(line.discount),
        unit_loyalty_value: num(line.loyalty_value),
        unit_price: num(line.price),
        unit_tax: num(line.tax),
        total_cost: num(t.cost_total),
        total_discount: num(t.discount_total),
        total_loyalty_value: num(t.loyalty_total),
        total_price: num(t.price_total),
        total_tax: num(t.tax_total),
        is_return: line.quantity < 0,
      }
    }),
    payments: sale.payments.map((payment) => ({
      id: payment.id,
      register_id: payment.register_id ?? sale.register_id,
      outlet_id: sale.outlet_id,
      ...(payment.retailer_payment_type_id
        ? { retailer_payment_type_id: payment.retailer_payment_type_id }
        : {}),
      ...(payment.payment_type_id ? { payment_type_id: payment.payment_type_id } : {}),
      name: payment.name,
      amount: num(payment.amount),
      payment_date: payment.payment_date,
      external_attributes: [],
    })),
    adjustments: [],
    taxes: taxesOf(sale, store),
  }
}

/** API 0.9 dates: "2016-05-05 23:35:34", UTC. */
const legacyDate = (rfc3339: string) =>
  new Date(rfc3339)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '')

/** The register sale of API 0.9/1.0, as POST /api/register_sales answers and webhooks carry it. */
export function renderRegisterSale(sale: SaleRecord, store: PosStore) {
  const totals = saleTotals(sale)
  const retailer = store.retailer
  const user = store.users.get(sale.user_id)

  return {
    id: sale.id,
    source: sale.source,
    source_id: sale.source_id ?? '',
    register_id: sale.register_id,
    market_id: '1',
    customer_id: sale.customer_id ?? '',
    user_id: sale.user_id,
    user_name: user?.username ?? '',
    sale_date: legacyDate(sale.sale_date),
    created_at: legacyDate(sale.created_at),
    updated_at: legacyDate(sale.updated_at),
    total_price: num(totals.price),
    total_cost: num(totals.cost),
    total_tax: num(totals.tax),
    tax_name: retailer.tax_name,
    note: sale.note,
    status: sale.status,
    short_code: sale.short_code,
    invoice_number: sale.invoice_number,
    invoice_sequence: sale.invoice_sequence,
    accounts_transaction_id: '',
    return_for: sale.return_for ?? null,
    register_sale_products: sale.line_items.map((line) => {
      const product = store.products.get(line.product_id)
      const tax = store.taxById(line.tax_id)
      const t = lineTotals(line)

      return {
        id: line.id,
        product_id: line.product_id,
        register_id: sale.register_id,
        sequence: String(line.sequence),
        handle: product?.handle ?? '',
        sku: product?.sku ?? '',
        name: product?.name ?? '',
        quantity: line.quantity,
        price: num(line.price),
        cost: num(line.cost),
        price_set: line.price_set ? 1 : 0,
        discount: num(line.discount),
        loyalty_value: num(line.loyalty_value),
        tax: num(line.tax),
        tax_id: line.tax_id,
        tax_name: tax?.name ?? '',
        tax_rate: Number(tax?.rate ?? 0),
        tax_total: num(t.tax_total),
        price_total: num(t.price_total),
        display_retail_price_tax_inclusive: retailer.tax_exclusive ? '0' : '1',
        status: line.status,
        attributes: [],
      }
    }),
    totals: {
      total_tax: num(totals.tax),
      total_price: num(totals.price),
      total_payment: num(totals.paid),
      total_to_pay: num(totals.price.plus(totals.tax).minus(totals.paid)),
    },
    register_sale_payments: sale.payments.map((payment) => ({
      id: payment.id,
      payment_type_id: payment.payment_type_id ?? '',
      register_id: payment.register_id ?? sale.register_id,
      retailer_payment_type_id: payment.retailer_payment_type_id ?? '',
      name: payment.name,
      label: payment.name,
      payment_date: legacyDate(payment.payment_date),
      amount: num(payment.amount),
    })),
  }
}
