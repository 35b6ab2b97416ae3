/**
 * One simulated store's catalog: the documents in SQLite plus in-memory indexes (products by id in
 * creation order, SKUs to owners), so a search over 50,000 products never reads the disk. Every
 * write goes through here, which keeps the indexes, the tombstones, latest-stats and the events a
 * webhook sender will need in step.
 */
import { randomUUID } from 'node:crypto'
import type { DocStore } from '../shared/doc-store'
import { nowSeconds, type StoredCategory, type StoredOrder, type StoredProduct } from './ecom-model'

export type EcomEventType =
  | 'product.created'
  | 'product.updated'
  | 'product.deleted'
  | 'category.created'
  | 'category.updated'
  | 'category.deleted'
  | 'order.created'
  | 'order.updated'
  | 'order.deleted'

/** An event as Ecwid's webhook body carries it. */
export interface EcomEvent {
  eventId: string
  eventType: EcomEventType
  storeId: number
  /** The product, category or (internal) order id. */
  entityId: number
  /** Epoch seconds, as Ecwid's eventCreated. */
  eventCreated: number
  /** Only order events carry data; product and category events make the app re-read. */
  data?: Record<string, unknown>
}

export interface LatestStats {
  productsUpdated: number
  categoriesUpdated: number
  profileUpdated: number
  ordersUpdated: number
}

export interface Tombstone {
  id: number
  date: number
}

const SKU_SEPARATOR = ':'

export class EcomCatalog {
  readonly products = new Map<number, StoredProduct>()
  readonly categories = new Map<number, StoredCategory>()
  /** Orders by internal id. */
  readonly orders = new Map<number, StoredOrder>()
  /** SKU → owners, "productId" or "productId:combinationId". Exact strings: no trimming. */
  private readonly skus = new Map<string, Set<string>>()
  private stats: LatestStats

  constructor(
    readonly storeId: number,
    private readonly docs: DocStore,
    private readonly emit: (event: EcomEvent) => void,
  ) {
    for (const product of docs.all<StoredProduct>(this.collection('products'))) {
      this.products.set(product.id, product)
      this.indexSkus(product)
    }
    for (const category of docs.all<StoredCategory>(this.collection('categories'))) {
      this.categories.set(category.id, category)
    }
    for (const order of docs.all<StoredOrder>(this.collection('orders'))) {
      this.orders.set(order.internalId, order)
    }
    const now = nowSeconds()
    this.stats = {
      productsUpdated: now,
      categoriesUpdated: now,
      profileUpdated: now,
      ordersUpdated: now,
    }
  }

  collection(kind: 'products' | 'categories' | 'deleted' | 'meta' | 'batches' | 'orders'): string {
    return `ecom:${this.storeId}:${kind}`
  }

  /** Per-store ids, each store in its own range: one store's product id 404s in another. */
  nextId(
    kind: 'product' | 'combination' | 'category' | 'image' | 'sku' | 'order' | 'orderItem',
  ): number {
    const base = (this.storeId % 1000) * 1_000_000
    const starts = {
      product: 500_000_000,
      combination: 0,
      category: 100_000_000,
      image: 0,
      sku: 0,
      order: 300_000_000,
      orderItem: 0,
    }

    return this.docs.nextSequence(`ecom:${this.storeId}:${kind}`, starts[kind] + base + 1)
  }

  isEmpty(): boolean {
    return this.products.size === 0 && this.categories.size === 0
  }

  getMeta<T>(id: string): T | undefined {
    return this.docs.get<T>(this.collection('meta'), id)
  }

  putMeta<T>(id: string, doc: T) {
    this.docs.put(this.collection('meta'), id, doc)
  }

  transaction<R>(fn: () => R): R {
    return this.docs.transaction(fn)
  }

  // SKU index ---------------------------------------------------------------------------------

  private skuRefs(product: StoredProduct): [string, string][] {
    const refs: [string, string][] = [[product.sku, String(product.id)]]
    for (const combination of product.combinations) {
      if (combination.sku)
        refs.push([combination.sku, `${product.id}${SKU_SEPARATOR}${combination.id}`])
    }

    return refs.filter(([sku]) => sku !== '')
  }

  private indexSkus(product: StoredProduct) {
    for (const [sku, ref] of this.skuRefs(product)) {
      const owners = this.skus.get(sku) ?? new Set<string>()
      owners.add(ref)
      this.skus.set(sku, owners)
    }
  }

  private unindexSkus(product: StoredProduct) {
    for (const [sku, ref] of this.skuRefs(product)) {
      const owners = this.skus.get(sku)
      owners?.delete(ref)
      if (owners?.size === 0) this.skus.delete(sku)
    }
  }

  /** True when a product or variation other than those in `ignoreRefs` already uses the SKU. */
  isSkuTaken(sku: string, ignoreRefs: ReadonlySet<string> = new Set()): boolean {
    for (const ref of this.skus.get(sku) ?? []) if (!ignoreRefs.has(ref)) return true

    return false
  }

  /**
   * Ecwid's "non-unique SKUs" store setting, off by default [E3]: while it is on, a write that
   * gives a product or variation a SKU already in use is taken instead of refused with 409.
   * Not kept across restarts; a reset turns it off.
   */
  allowsDuplicateSkus = false

  /** True when a write giving this SKU must be refused: it is in use and duplicates are off. */
  refusesSku(sku: string, ignoreRefs: ReadonlySet<string> = new Set()): boolean {
    return !this.allowsDuplicateSkus && this.isSkuTaken(sku, ignoreRefs)
  }

  refsOf(product: StoredProduct): Set<string> {
    return new Set(this.skuRefs(product).map(([, ref]) => ref))
  }

  productIdsWithSku(sku: string): number[] {
    const ids = [...(this.skus.get(sku) ?? [])].map((ref) => Number(ref.split(SKU_SEPARATOR)[0]))

    return [...new Set(ids)]
  }

  // Writes ------------------------------------------------------------------------------------

  saveProduct(product: StoredProduct, eventType: 'product.created' | 'product.updated') {
    const previous = this.products.get(product.id)
    if (previous) this.unindexSkus(previous)
    this.docs.put(this.collection('products'), String(product.id), product)
    this.touch('productsUpdated')
    this.products.set(product.id, product)
    this.indexSkus(product)
    this.event(eventType, product.id)
  }

  removeProduct(product: StoredProduct) {
    const date = nowSeconds()
    this.unindexSkus(product)
    this.products.delete(product.id)
    this.docs.transaction(() => {
      this.docs.remove(this.collection('products'), String(product.id))
      this.docs.put<Tombstone>(this.collection('deleted'), String(product.id), {
        id: product.id,
        date,
      })
    })
    this.touch('productsUpdated')
    this.event('product.deleted', product.id)
  }

  tombstones(): Tombstone[] {
    return this.docs.all<Tombstone>(this.collection('deleted'))
  }

  saveCategory(category: StoredCategory, eventType: 'category.created' | 'category.updated') {
    this.docs.put(this.collection('categories'), String(category.id), category)
    this.categories.set(category.id, category)
    this.touch('categoriesUpdated')
    this.event(eventType, category.id)
  }

  removeCategory(id: number) {
    this.docs.remove(this.collection('categories'), String(id))
    this.categories.delete(id)
    this.touch('categoriesUpdated')
    this.event('category.deleted', id)
  }

  saveOrder(order: StoredOrder, event?: { type: 'order.created' | 'order.updated'; data: object }) {
    this.docs.put(this.collection('orders'), String(order.internalId), order)
    this.orders.set(order.internalId, order)
    this.touch('ordersUpdated')
    if (event) this.event(event.type, order.internalId, { ...event.data })
  }

  removeOrder(order: StoredOrder) {
    this.docs.remove(this.collection('orders'), String(order.internalId))
    this.orders.delete(order.internalId)
    this.touch('ordersUpdated')
    this.event('order.deleted', order.internalId, { orderId: order.id })
  }

  private event(eventType: EcomEventType, entityId: number, data?: Record<string, unknown>) {
    this.emit({
      eventId: randomUUID(),
      eventType,
      storeId: this.storeId,
      entityId,
      eventCreated: nowSeconds(),
      ...(data ? { data } : {}),
    })
  }

  /**
   * latest-stats live in memory: a put per write would double the disk work. After a restart every
   * date starts at boot time, which over-reports change to a poller, never under-reports it.
   */
  touch(field: keyof LatestStats) {
    this.stats = { ...this.stats, [field]: nowSeconds() }
  }

  latestStats(): LatestStats {
    return this.stats
  }

  /** Forgets everything of this store except its id sequences, which only ever grow. */
  clear() {
    for (const kind of [
      'products',
      'categories',
      'deleted',
      'meta',
      'batches',
      'orders',
    ] as const) {
      const name = this.collection(kind)
      const ids = this.docs.all<{ id?: number | string; ticket?: string; internalId?: number }>(
        name,
      )
      this.docs.transaction(() => {
        for (const doc of ids)
          this.docs.remove(name, String(doc.ticket ?? doc.internalId ?? doc.id))
      })
    }
    for (const id of ['seeded', 'profile']) this.docs.remove(this.collection('meta'), id)
    this.products.clear()
    this.categories.clear()
    this.orders.clear()
    this.skus.clear()
    this.touch('productsUpdated')
  }
}
