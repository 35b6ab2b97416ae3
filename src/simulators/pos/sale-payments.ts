/**
 * A sale's payments (register_sale_payments, Sales 101): each names one of the store's payment
 * types; a finished sale's add up to its total. A refund is a negative payment.
 */
import Big from 'big.js'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { unprocessable } from './pos-errors'
import {
  decimalText,
  parseSaleDate,
  type SaleLineRecord,
  type SalePaymentRecord,
  type SaleStatus,
  toDecimal,
} from './pos-model'
import type { PosStore } from './pos-store'
import { amountDue } from './sale-view'

/**
 * The "closed" states of the States and attributes mapping: a finished sale. Sales statuses and
 * the Vend guides have it paid in full (ONACCOUNT_CLOSED is "an ONACCOUNT sale that was paid in
 * full"; a regular sale is posted CLOSED "when the payment total is equal to the sale total").
 */
const PAID_IN_FULL: ReadonlySet<SaleStatus> = new Set([
  'CLOSED',
  'ONACCOUNT_CLOSED',
  'LAYBY_CLOSED',
  'DISPATCHED_CLOSED',
  'PICKED_UP_CLOSED',
  'SERVICE_CLOSED',
])

export const paymentInput = z.looseObject({
  id: z.string().optional(),
  retailer_payment_type_id: z.string({ error: 'is required' }).min(1, 'is required'),
  payment_type_id: z.union([z.string(), z.number()]).optional(),
  register_id: z.string().optional(),
  name: z.string().optional(),
  amount: z.union([
    z.number().finite(),
    z.string().regex(/^\s*-?\d+(\.\d+)?\s*$/, 'must be a number'),
  ]),
  payment_date: z.string().optional(),
})

export function buildPayments(
  store: PosStore,
  inputs: z.infer<typeof paymentInput>[],
  registerId: string,
  now: string,
): SalePaymentRecord[] {
  return inputs.map((input, i) => {
    const where = `register_sale_payments[${i}]`
    const type = store.paymentTypes.get(input.retailer_payment_type_id)
    if (!type || type.deleted_at !== null) {
      throw unprocessable(
        `${where}.retailer_payment_type_id: payment type ${input.retailer_payment_type_id} not found`,
      )
    }
    const register = input.register_id ? store.registers.get(input.register_id) : undefined
    if (input.register_id && (!register || register.deleted_at !== null)) {
      throw unprocessable(`${where}.register_id: register ${input.register_id} not found`)
    }

    return {
      id: input.id ?? randomUUID(),
      retailer_payment_type_id: type.id,
      payment_type_id: String(type.type_id),
      register_id: register?.id ?? registerId,
      name: type.name,
      amount: decimalText(toDecimal(input.amount) ?? new Big(0)),
      payment_date: parseSaleDate(input.payment_date, now),
    }
  })
}

/** A finished sale's payments add up to its total, to the API's five decimal places. */
export function assertPaidInFull(
  status: SaleStatus,
  lines: SaleLineRecord[],
  payments: SalePaymentRecord[],
) {
  if (!PAID_IN_FULL.has(status)) return
  const total = amountDue(lines)
  const paid = payments.reduce((sum, p) => sum.plus(p.amount), new Big(0))
  if (decimalText(total) === decimalText(paid)) return
  throw unprocessable(
    `register_sale_payments: a ${status} sale must be paid in full: its total is ${decimalText(total)}, ` +
      `its payments add up to ${decimalText(paid)} (${decimalText(total.minus(paid))} to pay)`,
  )
}
