/**
 * Orders as Ecwid keeps them: POST /orders → {id, orderid}, GET /orders (search envelope), GET,
 * PUT (partial; items, when sent, replace the list) and DELETE /orders/{id}, where {id} is the
 * order number or the public id ("K8XTQ"). A paid order takes its items from stock; a cancelled or
 * refunded one gives them back. Every change emits order.created / order.updated with the payment
 * and fulfilment statuses in `data`, and each stock change a product.updated, as the real store does.
 */
import { randomInt } from 'node:crypto'
import { z } from 'zod'
import type { EcomCatalog } from './ecom-catalog'
import { adjustCombinationInventory, adjustProductStock } from './ecom-combinations'
import { EcwidError, wrongParameter } from './ecom-errors'
import {
  formatEcwidDate,
  nowSeconds,
  type PaymentStatus,
  type StockHold,
  type StoredOrder,
  type StoredOrderItem,
} from './ecom-model'
import { readDate, readPaging, type Query } from './ecom-query'
import { parseBody } from './ecom-schemas'

const PAYMENT_STATUSES = [
  'AWAITING_PAYMENT',
  'PAID',
  'CANCELLED',
  'REFUNDED',
  'PARTIALLY_REFUNDED',
  'INCOMPLETE',
] as const

const FULFILLMENT_STATUSES = [
  'AWAITING_PROCESSING',
  'PROCESSING',
  'SHIPPED',
  'DELIVERED',
  'WILL_NOT_DELIVER',
  'RETURNED',
  'READY_FOR_PICKUP',
  'OUT_FOR_DELIVERY',
] as const

// LIMITATION: stock moves on payment, not on placement: a paid (or partly refunded) order holds
// its items, any other status holds none. Ecwid's own rule depends on store settings the
// simulator does not model; payment is what the app's sync reacts to.
const HOLDS_STOCK: ReadonlySet<PaymentStatus> = new Set(['PAID', 'PARTIALLY_REFUNDED'])

const money = z.number().finite().nonnegative()

const itemSchema = z.looseObject({
  id: z.number().int().optional(),
  productId: z.number().int().optional(),
  combinationId: z.number().int().optional(),
  sku: z.string().optional(),
  name: z.string().optional(),
  quantity: z.number().int().positive(),
  price: money.optional(),
  productPrice: money.optional(),
  selectedOptions: z.array(z.looseObject({ name: z.string(), value: z.string() })).optional(),
})

const orderSchema = z.looseObject({
  paymentStatus: z.enum(PAYMENT_STATUSES).optional(),
  fulfillmentStatus: z.enum(FULFILLMENT_STATUSES).optional(),
  email: z.string().optional(),
  subtotal: money.optional(),
  tax: money.optional(),
  total: money.optional(),
  createDate: z.union([z.string(), z.number()]).optional(),
  items: z.array(itemSchema).optional(),
})

type OrderInput = z.infer<typeof orderSchema>
type ItemInput = z.infer<typeof itemSchema>

// Fields modelled above or derived on read; everything else is kept and returned as sent.
const MODELLED = new Set([
  ...Object.keys(orderSchema.shape),
  'id',
  'internalId',
  'orderNumber',
  'vendorOrderNumber',
  'publicUid',
  'createTimestamp',
  'updateTimestamp',
  'updateDate',
  'subtotalWithoutTax',
  'totalWithoutTax',
])
const ITEM_MODELLED = new Set([...Object.keys(itemSchema.shape), 'categoryId'])

const round2 = (value: number) => Math.round(value * 100) / 100

function extraOf(input: Record<string, unknown>, modelled: ReadonlySet<string>) {
  return Object.fromEntries(Object.entries(input).filter(([key]) => !modelled.has(key)))
}

export function orderNotFound(id: string | number): EcwidError {
  return new EcwidError(404, 'ORDER_NOT_FOUND', `Order #${id} not found`)
}

/** Five characters like Ecwid's public ids; unique within the store. */
function publicId(catalog: EcomCatalog): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const taken = new Set([...catalog.orders.values()].map((order) => order.id))
  for (;;) {
    const id = Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join('')
    if (!taken.has(id)) return id
  }
}

function buildItems(catalog: EcomCatalog, inputs: readonly ItemInput[]): StoredOrderItem[] {
  return inputs.map((input, index) => {
    const product =
      input.productId === undefined ? undefined : catalog.products.get(input.productId)
    const combination =
      input.combinationId === undefined
        ? undefined
        : product?.combinations.find((c) => c.id === input.combinationId)
    const sku = input.sku ?? combination?.sku ?? product?.sku ?? ''
    const name = input.name ?? product?.name ?? sku
    if (name === '') throw wrongParameter(`items.${index}.name`)
    const price = input.price ?? combination?.price ?? product?.price ?? 0

    return {
      id: input.id ?? catalog.nextId('orderItem'),
      ...(input.productId === undefined ? {} : { productId: input.productId }),
      ...(input.combinationId === undefined ? {} : { combinationId: input.combinationId }),
      sku,
      name,
      quantity: input.quantity,
      price,
      productPrice: input.productPrice ?? product?.price ?? price,
      selectedOptions:
        input.selectedOptions?.map(({ name: optionName, value }) => ({
          name: optionName,
          value,
        })) ??
        combination?.options.map((o) => ({ name: o.name, value: o.value })) ??
        [],
      extra: extraOf(input, ITEM_MODELLED),
    }
  })
}

/**
 * Where an item's units come from: the variation it names, else the variation or product whose
 * SKU it carries. Items of products the store does not have (custom items) take no stock.
 */
function holdFor(catalog: EcomCatalog, item: StoredOrderItem): Omit<StockHold, 'quantity'> | null {
  const bySku = item.sku ? catalog.productIdsWithSku(item.sku) : []
  const product = catalog.products.get(item.productId ?? bySku[0] ?? -1)
  if (!product) return null
  const combination =
    (item.combinationId === undefined
      ? undefined
      : product.combinations.find((c) => c.id === item.combinationId)) ??
    (item.sku && item.sku !== product.sku
      ? product.combinations.find((c) => c.sku === item.sku)
      : undefined)

  return combination
    ? { productId: product.id, combinationId: combination.id }
    : { productId: product.id }
}

function holdsFor(catalog: EcomCatalog, items: readonly StoredOrderItem[]): StockHold[] {
  const byKey = new Map<string, StockHold>()
  for (const item of items) {
    const target = holdFor(catalog, item)
    if (!target) continue
    const key = `${target.productId}:${target.combinationId ?? ''}`
    const held = byKey.get(key)
    if (held) held.quantity += item.quantity
    else byKey.set(key, { ...target, quantity: item.quantity })
  }

  return [...byKey.values()]
}

const holdKey = (hold: StockHold) => `${hold.productId}:${hold.combinationId ?? ''}`

/** Takes what `after` holds beyond `before` from stock, and gives back what it holds less. */
function moveStock(catalog: EcomCatalog, before: StockHold[], after: StockHold[]) {
  const delta = new Map<string, StockHold>()
  for (const hold of before) delta.set(holdKey(hold), { ...hold, quantity: -hold.quantity })
  for (const hold of after) {
    const current = delta.get(holdKey(hold))
    if (current) current.quantity += hold.quantity
    else delta.set(holdKey(hold), { ...hold })
  }
  for (const { productId, combinationId, quantity } of delta.values()) {
    const product = catalog.products.get(productId)
    if (quantity === 0 || !product) continue
    const combination = product.combinations.find((c) => c.id === combinationId)
    if (combination) {
      adjustCombinationInventory(catalog, productId, combination.id, { quantityDelta: -quantity })
    } else {
      adjustProductStock(catalog, product, -quantity)
    }
  }
}

/** Totals as sent; what is not sent is worked out from the items (tax 0 unless sent). */
function totals(input: OrderInput, items: readonly StoredOrderItem[], current?: StoredOrder) {
  const computed = round2(items.reduce((sum, item) => sum + item.price * item.quantity, 0))
  const subtotal = input.subtotal ?? (input.items || !current ? computed : current.subtotal)
  const tax = input.tax ?? current?.tax ?? 0
  const changed =
    input.items !== undefined || input.subtotal !== undefined || input.tax !== undefined
  const total = input.total ?? (changed || !current ? round2(subtotal + tax) : current.total)

  return { subtotal, tax, total }
}

function parseCreateDate(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined
  if (typeof value === 'number') return Math.floor(value)
  const millis = Date.parse(value.replace(' ', 'T').replace(/ ?([+-]\d{2})(\d{2})$/, '$1:$2'))
  if (Number.isNaN(millis)) throw wrongParameter('createDate', value)

  return Math.floor(millis / 1000)
}

export function createOrder(catalog: EcomCatalog, body: unknown) {
  const input = parseBody(orderSchema, body)
  if (!input.paymentStatus) throw wrongParameter('paymentStatus')
  const items = buildItems(catalog, input.items ?? [])
  const now = nowSeconds()
  const holds = HOLDS_STOCK.has(input.paymentStatus) ? holdsFor(catalog, items) : []
  const order: StoredOrder = {
    internalId: catalog.nextId('order'),
    id: publicId(catalog),
    paymentStatus: input.paymentStatus,
    fulfillmentStatus: input.fulfillmentStatus ?? 'AWAITING_PROCESSING',
    email: input.email ?? '',
    ...totals(input, items),
    items,
    holds,
    createTimestamp: parseCreateDate(input.createDate) ?? now,
    updateTimestamp: now,
    extra: extraOf(input, MODELLED),
  }

  catalog.transaction(() => {
    moveStock(catalog, [], holds)
    catalog.saveOrder(order, {
      type: 'order.created',
      data: {
        orderId: order.id,
        newPaymentStatus: order.paymentStatus,
        newFulfillmentStatus: order.fulfillmentStatus,
      },
    })
  })

  return { id: order.internalId, orderid: order.id }
}

export function findOrder(catalog: EcomCatalog, raw: string): StoredOrder {
  const byNumber = /^\d+$/.test(raw) ? catalog.orders.get(Number(raw)) : undefined
  const found = byNumber ?? [...catalog.orders.values()].find((order) => order.id === raw)
  if (!found) throw orderNotFound(raw)

  return found
}

export function updateOrder(catalog: EcomCatalog, raw: string, body: unknown) {
  const current = findOrder(catalog, raw)
  const input = parseBody(orderSchema, body)
  const items = input.items ? buildItems(catalog, input.items) : current.items
  const paymentStatus = input.paymentStatus ?? current.paymentStatus
  const holds = HOLDS_STOCK.has(paymentStatus)
    ? input.items || current.holds.length === 0
      ? holdsFor(catalog, items)
      : current.holds
    : []
  const next: StoredOrder = {
    ...current,
    paymentStatus,
    fulfillmentStatus: input.fulfillmentStatus ?? current.fulfillmentStatus,
    email: input.email ?? current.email,
    ...totals(input, items, current),
    items,
    holds,
    createTimestamp: parseCreateDate(input.createDate) ?? current.createTimestamp,
    updateTimestamp: nowSeconds(),
    extra: { ...current.extra, ...extraOf(input, MODELLED) },
  }

  catalog.transaction(() => {
    moveStock(catalog, current.holds, holds)
    catalog.saveOrder(next, {
      type: 'order.updated',
      data: {
        orderId: next.id,
        oldPaymentStatus: current.paymentStatus,
        newPaymentStatus: next.paymentStatus,
        oldFulfillmentStatus: current.fulfillmentStatus,
        newFulfillmentStatus: next.fulfillmentStatus,
      },
    })
  })

  return { updateCount: 1 }
}

/** Deleting an order gives its stock back, as cancelling it would. */
export function deleteOrder(catalog: EcomCatalog, raw: string) {
  const order = findOrder(catalog, raw)
  catalog.transaction(() => {
    moveStock(catalog, order.holds, [])
    catalog.removeOrder(order)
  })

  return { deleteCount: 1 }
}

export function renderOrder(catalog: EcomCatalog, order: StoredOrder) {
  return {
    ...order.extra,
    id: order.id,
    internalId: order.internalId,
    orderNumber: order.internalId,
    vendorOrderNumber: order.id,
    publicUid: order.id,
    subtotal: order.subtotal,
    subtotalWithoutTax: order.subtotal,
    total: order.total,
    totalWithoutTax: round2(order.total - order.tax),
    tax: order.tax,
    email: order.email,
    paymentStatus: order.paymentStatus,
    fulfillmentStatus: order.fulfillmentStatus,
    createDate: formatEcwidDate(order.createTimestamp),
    updateDate: formatEcwidDate(order.updateTimestamp),
    createTimestamp: order.createTimestamp,
    updateTimestamp: order.updateTimestamp,
    hidden: order.paymentStatus === 'INCOMPLETE',
    refundedAmount: order.paymentStatus === 'REFUNDED' ? order.total : 0,
    items: order.items.map((item) => {
      const product =
        item.productId === undefined ? undefined : catalog.products.get(item.productId)

      return {
        ...item.extra,
        id: item.id,
        ...(item.productId === undefined ? {} : { productId: item.productId }),
        ...(item.combinationId === undefined ? {} : { combinationId: item.combinationId }),
        categoryId: product?.categoryIds[0] ?? 0,
        price: item.price,
        productPrice: item.productPrice,
        priceWithoutTax: item.price,
        sku: item.sku,
        quantity: item.quantity,
        name: item.name,
        nameTranslated: { en: item.name },
        isShippingRequired: true,
        trackQuantity: product ? !product.unlimited : false,
        productAvailable: product !== undefined,
        selectedOptions: item.selectedOptions.map((option) => ({
          ...option,
          valuesArray: [option.value],
          type: 'CHOICE',
        })),
      }
    }),
  }
}

type Sort = 'ADDED_TIME_DESC' | 'ADDED_TIME_ASC' | 'UPDATED_TIME_DESC' | 'UPDATED_TIME_ASC'
const SORTS: readonly Sort[] = [
  'ADDED_TIME_DESC',
  'ADDED_TIME_ASC',
  'UPDATED_TIME_DESC',
  'UPDATED_TIME_ASC',
]

function listParam<T extends string>(query: Query, name: string, allowed: readonly T[]) {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined
  const values = raw.split(',').map((value) => value.trim())
  const wrong = values.find((value) => !(allowed as readonly string[]).includes(value))
  if (wrong !== undefined) throw wrongParameter(name, raw)

  return new Set(values as T[])
}

/**
 * GET /orders. Without a paymentStatus filter, unfinished (INCOMPLETE) orders are left out, as
 * Ecwid documents; newest first unless `sortBy` says otherwise.
 */
export function searchOrders(catalog: EcomCatalog, query: Query) {
  const { offset, limit } = readPaging(query)
  const payment = listParam(query, 'paymentStatus', PAYMENT_STATUSES)
  const fulfillment = listParam(query, 'fulfillmentStatus', FULFILLMENT_STATUSES)
  const sortBy = (query.sortBy ?? 'ADDED_TIME_DESC') as Sort
  if (!SORTS.includes(sortBy)) throw wrongParameter('sortBy', query.sortBy)
  const ids = query.ids ? new Set(query.ids.split(',').map((id) => id.trim())) : undefined
  const createdFrom = readDate(query, 'createdFrom') ?? 0
  const createdTo = readDate(query, 'createdTo') ?? Number.MAX_SAFE_INTEGER
  const updatedFrom = readDate(query, 'updatedFrom') ?? 0
  const updatedTo = readDate(query, 'updatedTo') ?? Number.MAX_SAFE_INTEGER
  const keywords = query.keywords?.trim().toLowerCase()

  const matching = [...catalog.orders.values()].filter(
    (order) =>
      (payment ? payment.has(order.paymentStatus) : order.paymentStatus !== 'INCOMPLETE') &&
      (!fulfillment || fulfillment.has(order.fulfillmentStatus as never)) &&
      (!ids || ids.has(order.id) || ids.has(String(order.internalId))) &&
      order.createTimestamp >= createdFrom &&
      order.createTimestamp <= createdTo &&
      order.updateTimestamp >= updatedFrom &&
      order.updateTimestamp <= updatedTo &&
      (!keywords || matchesKeywords(order, keywords)),
  )
  const field = sortBy.startsWith('ADDED') ? 'createTimestamp' : 'updateTimestamp'
  const direction = sortBy.endsWith('DESC') ? -1 : 1
  matching.sort((a, b) => (a[field] - b[field] || a.internalId - b.internalId) * direction)
  const page = matching.slice(offset, offset + limit)

  return {
    total: matching.length,
    count: page.length,
    offset,
    limit,
    items: page.map((order) => renderOrder(catalog, order)),
  }
}

function matchesKeywords(order: StoredOrder, keywords: string): boolean {
  const haystack = [
    order.id,
    String(order.internalId),
    order.email,
    ...order.items.flatMap((item) => [item.name, item.sku]),
  ]

  return haystack.some((text) => text.toLowerCase().includes(keywords))
}
