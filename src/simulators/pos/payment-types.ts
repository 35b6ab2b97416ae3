/**
 * Payment types (GET /api/2.0/payment_types): what a sale's payments name. A merchant sets them up
 * in Retail POS (Setup > Payment types; the API only reads them), which /_sim/payment_types stands
 * for. A store starts with Cash, Credit Card and "eCom", the type a merchant adds for online orders.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { type PaymentTypeRecord, timestamp } from './pos-model'
import type { PosStore } from './pos-store'

// type_id 1 is Cash in public sale payloads; the others are illustrative, and the spec says
// type_id must not be used to identify a payment type anyway.
const STARTING_TYPES = [
  { name: 'Cash', type_id: 1 },
  { name: 'Credit Card', type_id: 2 },
  { name: 'eCom', type_id: 7 },
] as const

const paymentTypeInput = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1, 'must not be empty'),
  type_id: z.number().int().optional(),
})

export const paymentTypesInput = z.union([
  z.array(paymentTypeInput),
  z.object({ payment_types: z.array(paymentTypeInput) }).transform((body) => body.payment_types),
])

/** Gives a store that never had payment types the starting set (older data files too). */
export function ensurePaymentTypes(store: PosStore) {
  if (store.paymentTypes.size > 0) return
  setPaymentTypes(store, [...STARTING_TYPES])
}

/** The live payment types become exactly this list: matched by id, then by name. */
export function setPaymentTypes(
  store: PosStore,
  inputs: z.infer<typeof paymentTypeInput>[],
): PaymentTypeRecord[] {
  const now = timestamp()
  const live = [...store.paymentTypes.scan()]
  const kept = new Set<string>()
  const saved = inputs.map((input) => {
    const existing =
      live.find((t) => input.id !== undefined && t.id === input.id) ??
      live.find((t) => t.name.toLowerCase() === input.name.toLowerCase() && !kept.has(t.id))
    const type: PaymentTypeRecord = {
      id: existing?.id ?? input.id ?? randomUUID(),
      name: input.name,
      type_id: input.type_id ?? existing?.type_id ?? 0,
      version: store.nextVersion(),
      created_at: existing?.created_at ?? now,
      updated_at: now,
      deleted_at: null,
    }
    store.paymentTypes.put(type)
    kept.add(type.id)

    return type
  })
  for (const type of live) {
    if (kept.has(type.id)) continue
    store.paymentTypes.put({
      ...type,
      deleted_at: now,
      updated_at: now,
      version: store.nextVersion(),
    })
  }

  return saved
}

/** The spec's PaymentType: id, name, type_id, version (deleted_at when it is deleted). */
export function renderPaymentType(type: PaymentTypeRecord) {
  return {
    id: type.id,
    name: type.name,
    type_id: type.type_id,
    version: type.version,
    deleted_at: type.deleted_at,
  }
}
