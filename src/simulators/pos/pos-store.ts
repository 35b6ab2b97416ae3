/**
 * The simulated retailer: its collections, the global version counter, and the in-memory indexes
 * that keep SKU and name look-ups cheap. Every write goes through here, so indexes never drift,
 * and so does every change webhooks are sent for: they are told once the write has committed.
 */
import { randomUUID } from 'node:crypto'
import type { DocStore } from '../shared/doc-store'
import {
  type InventoryRecord,
  type NamedRecord,
  type OutletRecord,
  type OutletTaxRecord,
  type PaymentTypeRecord,
  type ProductRecord,
  type RegisterRecord,
  type RetailerSettings,
  type SaleRecord,
  type TaxRecord,
  timestamp,
  type UserRecord,
} from './pos-model'
import { VersionedCollection } from './versioned-collection'

/** What changed in a committed write, for webhooks; inventory carries the level before it. */
/** A tax as a sale line uses it: the retailer's default or one of the other taxes. */
export interface TaxView {
  id: string
  name: string
  rate: string
}

export type PosChange =
  | { kind: 'product'; id: string }
  | { kind: 'inventory'; id: string; levelBefore: number }
  | { kind: 'sale'; id: string }

const SETTINGS = 'pos.settings'
const VERSION_SEQUENCE = 'pos.version'

export function defaultRetailer(): RetailerSettings {
  return {
    id: randomUUID(),
    name: 'Demo Outfitters',
    domain_prefix: 'demooutfitters',
    currency_code: 'USD',
    currency_symbol: '$',
    tax_exclusive: true,
    tax_rate: '0.08875',
    tax_id: randomUUID(),
    tax_name: 'NY Sales Tax',
    country: 'US',
    culture: 'en-US',
    time_zone: 'America/New_York',
    sku_sequence: 10000,
    created_at: timestamp(),
  }
}

function addTo(index: Map<string, Set<string>>, key: string, id: string) {
  const ids = index.get(key)
  if (ids) ids.add(id)
  else index.set(key, new Set([id]))
}

function removeFrom(index: Map<string, Set<string>>, key: string, id: string) {
  const ids = index.get(key)
  ids?.delete(id)
  if (ids?.size === 0) index.delete(key)
}

export class PosStore {
  readonly products: VersionedCollection<ProductRecord>
  readonly inventory: VersionedCollection<InventoryRecord>
  readonly tags: VersionedCollection<NamedRecord>
  readonly attributes: VersionedCollection<NamedRecord>
  readonly outlets: VersionedCollection<OutletRecord>
  readonly brands: VersionedCollection<NamedRecord>
  readonly suppliers: VersionedCollection<NamedRecord>
  readonly registers: VersionedCollection<RegisterRecord>
  readonly users: VersionedCollection<UserRecord>
  readonly sales: VersionedCollection<SaleRecord>
  /** Taxes besides the retailer's default, which RetailerSettings holds. */
  readonly taxes: VersionedCollection<TaxRecord>
  readonly outletTaxes: VersionedCollection<OutletTaxRecord>
  readonly paymentTypes: VersionedCollection<PaymentTypeRecord>
  // Live products only. SKUs are indexed lowercased, as the search endpoint compares them.
  private readonly bySku = new Map<string, Set<string>>()
  private readonly byName = new Map<string, Set<string>>()
  private readonly families = new Map<string, Set<string>>()
  private readonly stock = new Map<string, Map<string, string>>()
  private retailerSettings: RetailerSettings
  private depth = 0
  private quiet = 0
  private pending: PosChange[] = []
  private readonly listeners: ((changes: PosChange[]) => void)[] = []

  constructor(private readonly docs: DocStore) {
    this.products = new VersionedCollection(docs, 'products')
    this.inventory = new VersionedCollection(docs, 'inventory')
    this.tags = new VersionedCollection(docs, 'tags')
    this.attributes = new VersionedCollection(docs, 'variant_attributes')
    this.outlets = new VersionedCollection(docs, 'outlets')
    this.brands = new VersionedCollection(docs, 'brands')
    this.suppliers = new VersionedCollection(docs, 'suppliers')
    this.registers = new VersionedCollection(docs, 'registers')
    this.users = new VersionedCollection(docs, 'users')
    this.sales = new VersionedCollection(docs, 'sales')
    this.taxes = new VersionedCollection(docs, 'taxes')
    this.outletTaxes = new VersionedCollection(docs, 'outlet_taxes')
    this.paymentTypes = new VersionedCollection(docs, 'payment_types')
    const saved = docs.get<RetailerSettings>(SETTINGS, 'retailer')
    this.retailerSettings = saved ?? defaultRetailer()
    if (!saved) docs.put(SETTINGS, 'retailer', this.retailerSettings)
    for (const product of this.products.values()) this.index(product)
    for (const record of this.inventory.values()) this.indexStock(record)
  }

  get isEmpty() {
    return this.products.size === 0 && this.outlets.size === 0
  }

  get retailer(): RetailerSettings {
    return this.retailerSettings
  }

  saveRetailer(settings: RetailerSettings) {
    this.retailerSettings = settings
    this.docs.put(SETTINGS, 'retailer', settings)
  }

  /** The next value of the retailer-wide version counter; it survives restarts and resets. */
  nextVersion(): number {
    return this.docs.nextSequence(VERSION_SEQUENCE, 1)
  }

  /**
   * Runs fn in one transaction. Listeners hear of its changes once the outermost one commits; a
   * part that throws takes its changes with it.
   */
  transaction<R>(fn: () => R): R {
    const mark = this.pending.length
    this.depth += 1
    let result: R
    try {
      result = this.docs.transaction(fn)
    } catch (error) {
      this.pending.length = mark
      throw error
    } finally {
      this.depth -= 1
    }
    if (this.depth === 0) this.flush()

    return result
  }

  /** Writes that stand for a store as it already was (seeding, reset): no webhooks for them. */
  quietly<R>(fn: () => R): R {
    this.quiet += 1
    try {
      return this.transaction(fn)
    } finally {
      this.quiet -= 1
    }
  }

  onChanges(listener: (changes: PosChange[]) => void) {
    this.listeners.push(listener)
  }

  putProduct(product: ProductRecord) {
    const before = this.products.get(product.id)
    if (before) this.unindex(before)
    this.products.put(product)
    this.index(product)
    // A family keeps its members in creation order: an update re-adds an id in place.
    if (product.deleted_at !== null) removeFrom(this.families, product.family_id, product.id)
    this.record({ kind: 'product', id: product.id })
  }

  putInventory(record: InventoryRecord) {
    const levelBefore = this.inventory.get(record.id)?.inventory_level ?? 0
    this.inventory.put(record)
    this.indexStock(record)
    this.record({ kind: 'inventory', id: record.id, levelBefore })
  }

  putSale(sale: SaleRecord) {
    this.sales.put(sale)
    this.record({ kind: 'sale', id: sale.id })
  }

  liveProductIdsBySku(sku: string): ReadonlySet<string> {
    return this.bySku.get(sku.toLowerCase()) ?? new Set()
  }

  liveProductIdsByName(name: string): ReadonlySet<string> {
    return this.byName.get(name) ?? new Set()
  }

  /** Live members of a family, in the order they were created. */
  familyMembers(familyId: string): ProductRecord[] {
    const ids = this.families.get(familyId) ?? new Set<string>()

    return [...ids].flatMap((id) => this.products.get(id) ?? [])
  }

  familySize(familyId: string): number {
    return this.families.get(familyId)?.size ?? 0
  }

  inventoryOf(productId: string): InventoryRecord[] {
    const byOutlet = this.stock.get(productId) ?? new Map<string, string>()

    return [...byOutlet.values()].flatMap((id) => this.inventory.get(id) ?? [])
  }

  stockAt(productId: string, outletId: string): InventoryRecord | undefined {
    const id = this.stock.get(productId)?.get(outletId)

    return id === undefined ? undefined : this.inventory.get(id)
  }

  /** The default tax or a live other tax; undefined for an id the store does not have. */
  taxById(id: string): TaxView | undefined {
    const r = this.retailerSettings
    if (id === r.tax_id) return { id, name: r.tax_name, rate: r.tax_rate }
    const tax = this.taxes.get(id)

    return tax && tax.deleted_at === null ? { id, name: tax.name, rate: tax.rate } : undefined
  }

  /** A product's tax at an outlet: its own (outlet_taxes) when it has one, else the default. */
  productTax(productId: string, outletId: string): TaxView {
    const own = this.outletTaxes.get(`${productId}:${outletId}`)
    const found = own && own.deleted_at === null ? this.taxById(own.tax_id) : undefined
    const r = this.retailerSettings

    return found ?? { id: r.tax_id, name: r.tax_name, rate: r.tax_rate }
  }

  liveOutlets(): OutletRecord[] {
    return [...this.outlets.scan()]
  }

  /** A live tag, attribute, brand… by name, compared case-insensitively as the POS screens do. */
  findNamed(collection: VersionedCollection<NamedRecord>, name: string): NamedRecord | undefined {
    const wanted = name.trim().toLowerCase()
    for (const item of collection.scan()) if (item.name.toLowerCase() === wanted) return item

    return undefined
  }

  /** Empties every collection; the version counter goes on, so old cursors never see a repeat. */
  clear() {
    for (const collection of [
      this.products,
      this.inventory,
      this.tags,
      this.attributes,
      this.outlets,
      this.brands,
      this.suppliers,
      this.registers,
      this.users,
      this.sales,
      this.taxes,
      this.outletTaxes,
      this.paymentTypes,
    ] as VersionedCollection<{ id: string; version: number; deleted_at: string | null }>[]) {
      collection.clear()
    }
    this.bySku.clear()
    this.byName.clear()
    this.families.clear()
    this.stock.clear()
    this.saveRetailer(defaultRetailer())
  }

  close() {
    this.docs.close()
  }

  private record(change: PosChange) {
    if (this.quiet > 0) return
    this.pending.push(change)
    if (this.depth === 0) this.flush()
  }

  private flush() {
    if (this.pending.length === 0) return
    const changes = this.pending
    this.pending = []
    for (const listener of this.listeners) listener(changes)
  }

  private index(product: ProductRecord) {
    if (product.deleted_at !== null) return
    if (product.sku) addTo(this.bySku, product.sku.toLowerCase(), product.id)
    addTo(this.byName, product.name, product.id)
    addTo(this.families, product.family_id, product.id)
  }

  private unindex(product: ProductRecord) {
    if (product.sku) removeFrom(this.bySku, product.sku.toLowerCase(), product.id)
    removeFrom(this.byName, product.name, product.id)
  }

  private indexStock(record: InventoryRecord) {
    const byOutlet = this.stock.get(record.product_id)
    if (byOutlet) byOutlet.set(record.outlet_id, record.id)
    else this.stock.set(record.product_id, new Map([[record.outlet_id, record.id]]))
  }
}
