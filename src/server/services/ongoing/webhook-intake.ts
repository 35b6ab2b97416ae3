/**
 * Takes webhook deliveries in: checks them, records each once in the inbox and wakes the worker.
 * Nothing upstream is called here, so the sender gets its answer within its timeout (5 s for
 * Retail POS, 10 s for eCom) however busy the APIs are.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'
import { posActionFor } from '../../../sync/changes-from-ecom'
import { AppError } from '../../errors'
import { recordDelivery } from '../../store/webhook-store'
import type { AppContext } from '../context'

/** Retail POS events that can change what eCom shows; others are not recorded. */
const POS_HINTS = new Set(['product.update', 'inventory.update'])

const ecomEventSchema = z.looseObject({
  eventId: z.string().min(1),
  eventCreated: z.union([z.number(), z.string().min(1)]),
  storeId: z.coerce.number().int(),
  entityId: z.union([z.number(), z.string()]).nullish(),
  eventType: z.string().min(1),
  data: z.looseObject({}).nullish(),
})

/**
 * An eCom webhook: signed with the app's client secret over `{eventCreated}.{eventId}` (API-FACTS
 * §1.12). A missing or wrong signature is refused and nothing is recorded.
 */
export async function receiveEcomWebhook(
  ctx: AppContext,
  body: unknown,
  signature: string | undefined,
): Promise<{ recorded: boolean }> {
  const parsed = ecomEventSchema.safeParse(body)

  if (!parsed.success || !signature) throw badSignature()

  const event = parsed.data

  if (!isEcomSignatureValid(ctx.config.ecom.clientSecret, event, signature)) throw badSignature()

  const action = posActionFor(event)
  const recorded = await recordDelivery(ctx.db, {
    source: 'ecom',
    dedupeKey: `ecom:${event.eventId}`,
    eventType: event.eventType,
    storeId: event.storeId,
    entityId: action.kind === 'order' ? action.orderId : nullableId(event.entityId),
    body: event,
    status: action.kind === 'order' ? 'pending' : 'ignored',
  })

  if (recorded && action.kind === 'order') ctx.ongoing?.wake()

  return { recorded }
}

export function isEcomSignatureValid(
  clientSecret: string,
  event: { eventCreated: number | string; eventId: string },
  signature: string,
): boolean {
  const expected = createHmac('sha256', clientSecret)
    .update(`${event.eventCreated}.${event.eventId}`)
    .digest()
  const given = Buffer.from(signature.trim(), 'base64')

  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Fields only a sale carries; a sale.update is no hint (its stock comes as inventory.update). */
const SALE_FIELDS = ['register_sale_products', 'line_items', 'invoice_number', 'sale_date']

/** What a Retail POS delivery says about which product changed. */
export interface PosHint {
  type: string
  productId: string | null
  /** The family parent, when the payload names it (a variant's product.update does). */
  parentId: string | null
  /** True when the payload says which family the product is in (its parent, or none). */
  isFamilyKnown: boolean
}

/**
 * Reads the `payload` of a Retail POS delivery: an object in the API 1.0 shape, JSON-encoded in
 * a form field (API-FACTS §2.11). A product.update names the product by `id`, an inventory.update
 * by `product_id`. The event type comes in `type` (the form, or the query string of the URL the
 * app subscribed with) when there is one; otherwise it is told by the payload's shape.
 */
export function readPosHint(fields: Record<string, unknown>): PosHint {
  const raw = fields.payload
  const payload = (typeof raw === 'string' ? safeJson(raw) : raw) as Record<string, unknown> | null
  const given = typeof fields.type === 'string' && fields.type !== '' ? fields.type : null
  const isObject = payload !== null && typeof payload === 'object'
  const isSale = isObject && SALE_FIELDS.some((field) => field in payload)
  const isInventory = isObject && 'product_id' in payload
  const type =
    given ?? (isSale ? 'sale.update' : isInventory ? 'inventory.update' : 'product.update')

  if (!payload || typeof payload !== 'object') {
    return { type, productId: null, parentId: null, isFamilyKnown: false }
  }

  const id = isInventory ? payload.product_id : payload.id

  return {
    type,
    productId: typeof id === 'string' && id !== '' ? id : null,
    parentId:
      typeof payload.variant_parent_id === 'string' && payload.variant_parent_id !== ''
        ? payload.variant_parent_id
        : null,
    isFamilyKnown: 'variant_parent_id' in payload,
  }
}

/**
 * A Retail POS delivery to a store's keyed address. Unsigned, so it is only a hint: the product
 * is read again over the store's API before anything is written. Deliveries carry no id; one
 * with the same body is recorded once per store (a sender's retry) and arms its row again.
 */
export async function receivePosWebhook(
  ctx: AppContext,
  storeId: number,
  fields: Record<string, unknown>,
  query: Record<string, unknown>,
): Promise<{ recorded: boolean }> {
  const hint = readPosHint({ type: query.type, ...fields })

  if (!POS_HINTS.has(hint.type)) return { recorded: false }
  if (hint.productId === null) {
    throw new AppError('INVALID_WEBHOOK', 'The delivery has no payload naming a product.', {
      status: 400,
    })
  }

  const raw = typeof fields.payload === 'string' ? fields.payload : JSON.stringify(fields.payload)
  const recorded = await recordDelivery(ctx.db, {
    source: 'pos',
    dedupeKey: `pos:${storeId}:${createHash('sha256').update(`${hint.type}\n${raw}`).digest('hex')}`,
    eventType: hint.type,
    storeId,
    entityId: hint.productId,
    body: { type: hint.type, payload: fields.payload, domain_prefix: fields.domain_prefix ?? null },
    status: 'pending',
  })

  ctx.ongoing?.wake()

  return { recorded }
}

function badSignature(): AppError {
  return new AppError('WEBHOOK_SIGNATURE', 'The webhook signature is missing or wrong.', {
    status: 401,
  })
}

function nullableId(id: number | string | null | undefined): string | null {
  return id == null ? null : String(id)
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
