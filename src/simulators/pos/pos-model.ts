/**
 * What the Retail POS (X-Series) simulator keeps. Stored records are close to the API 2.0 shapes,
 * but keep references (attribute ids, tag ids) instead of the expanded objects, so a renamed tag
 * shows up everywhere; product-view.ts turns them into what the API answers.
 */
import Big from 'big.js'
import { PosApiError } from './pos-errors'

export interface StoredImage {
  id: string
  version: number
  /** Demo images live on the simulator itself; the path is kept so a new publicUrl still works. */
  path?: string
  url?: string
}

export interface VariantValue {
  attribute_id: string
  value: string
}

export interface CompositeComponent {
  product_id: string
  quantity: number
}

export interface ProductCode {
  type: string
  code: string
}

export interface ProductRecord {
  id: string
  /** The id of the product the family was created with; it never changes, even on promotion. */
  family_id: string
  variant_parent_id: string | null
  /** The family's variant attributes, in order; the same list on every member. */
  attribute_ids: string[]
  variant_options: VariantValue[]
  name: string
  handle: string
  sku: string | null
  description: string | null
  is_active: boolean
  has_inventory: boolean
  is_composite: boolean
  composite: CompositeComponent[]
  /** Exact decimals as text, 5 places at most, so no binary float creeps into a price. */
  price_excluding_tax: string
  price_including_tax: string
  supply_price: string
  loyalty_amount: string | null
  tag_ids: string[]
  images: StoredImage[]
  product_codes: ProductCode[]
  product_suppliers: unknown[]
  brand_id: string | null
  supplier_id: string | null
  supplier_code: string | null
  product_category_id: string | null
  account_code_sale: string | null
  account_code_purchase: string | null
  source: string
  created_at: string
  updated_at: string
  deleted_at: string | null
  version: number
}

export interface InventoryRecord {
  id: string
  product_id: string
  outlet_id: string
  inventory_level: number
  reorder_point: number | null
  reorder_amount: number | null
  version: number
  deleted_at: string | null
}

export interface NamedRecord {
  id: string
  name: string
  version: number
  created_at: string
  updated_at: string
  deleted_at: string | null
}

/** A sales tax other than the retailer's default (which lives in RetailerSettings). */
export interface TaxRecord extends NamedRecord {
  /** A decimal fraction, as the default's: "0.05" = 5 %. */
  rate: string
}

/** A product's own tax at one outlet (GET /api/2.0/outlet_taxes); `id` is internal. */
export interface OutletTaxRecord {
  /** `<product_id>:<outlet_id>`: one record per product and outlet. */
  id: string
  product_id: string
  outlet_id: string
  tax_id: string
  version: number
  deleted_at: string | null
}

/** A payment type the merchant set up (Setup > Payment types); what a sale's payment names. */
export interface PaymentTypeRecord extends NamedRecord {
  /** The global payment type behind it; the spec warns it does not identify one. */
  type_id: number
}

export interface OutletRecord extends NamedRecord {
  time_zone: string
  physical_address_1: string
  physical_city: string
  physical_postcode: string
  physical_state: string
  physical_country_id: string
}

export interface RetailerSettings {
  id: string
  name: string
  domain_prefix: string
  currency_code: string
  currency_symbol: string
  tax_exclusive: boolean
  /** The default sales tax, as a decimal fraction ("0.08875" = 8.875 %). */
  tax_rate: string
  tax_id: string
  tax_name: string
  country: string
  culture: string
  time_zone: string
  /** The next SKU the store's sequence hands out when a create omits one. */
  sku_sequence: number
  /**
   * Simulator only: the spec says a SKU "should be unique" without saying X-Series refuses one in
   * use; the simulator refuses it (422) unless this is set.
   */
  allow_duplicate_skus?: boolean
  created_at: string
}

/** RFC 3339 with an explicit offset, as the API prints it: 2015-01-08T20:41:50+00:00. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/** "2016-05-05 23:35:34" (UTC, as the guides send it) or RFC 3339 → the API's RFC 3339. */
export function parseSaleDate(raw: string | undefined, fallback: string): string {
  if (raw === undefined || raw.trim() === '') return fallback
  const text = raw.trim()
  const iso = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(text) ? `${text.replace(' ', 'T')}Z` : text
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw new PosApiError(422, `sale_date: "${raw}" is not a date`)

  return timestamp(date)
}

const PRICE_PLACES = 5

/** Reads a price the way a client sent it (JSON number or numeric text); undefined if not one. */
export function toDecimal(value: unknown): Big | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined
  try {
    return new Big(typeof value === 'string' ? value.trim() : value)
  } catch {
    return undefined
  }
}

/**
 * Both prices from the one the client sent. The API rounds to 5 places (2.63158 / 3.02632 in the
 * spec's examples); Big keeps every step exact, so 24.99 × 1.08875 is 27.20786, not 27.207862499….
 */
export function pricePair(
  sent: { excluding?: Big; including?: Big },
  taxRate: string,
): { price_excluding_tax: string; price_including_tax: string } {
  const factor = new Big(1).plus(taxRate)
  if (sent.including !== undefined) {
    return {
      price_including_tax: sent.including.round(PRICE_PLACES, Big.roundHalfUp).toFixed(),
      price_excluding_tax: sent.including
        .div(factor)
        .round(PRICE_PLACES, Big.roundHalfUp)
        .toFixed(),
    }
  }
  const excluding = sent.excluding ?? new Big(0)

  return {
    price_excluding_tax: excluding.round(PRICE_PLACES, Big.roundHalfUp).toFixed(),
    price_including_tax: excluding.times(factor).round(PRICE_PLACES, Big.roundHalfUp).toFixed(),
  }
}

export function decimalText(value: Big): string {
  return value.round(PRICE_PLACES, Big.roundHalfUp).toFixed()
}

export interface RegisterRecord {
  id: string
  name: string
  outlet_id: string
  invoice_prefix: string
  invoice_suffix: string
  invoice_sequence: number
  version: number
  created_at: string
  updated_at: string
  deleted_at: string | null
}

export interface UserRecord {
  id: string
  username: string
  display_name: string
  email: string
  account_type: 'admin' | 'manager' | 'cashier'
  version: number
  created_at: string
  updated_at: string
  deleted_at: string | null
}

export type SaleStatus =
  | 'SAVED'
  | 'CLOSED'
  | 'ONACCOUNT'
  | 'LAYBY'
  | 'ONACCOUNT_CLOSED'
  | 'LAYBY_CLOSED'
  | 'AWAITING_DISPATCH'
  | 'AWAITING_PICKUP'
  | 'DISPATCHED_CLOSED'
  | 'PICKED_UP_CLOSED'
  | 'VOIDED'
  | 'SERVICE'
  | 'SERVICE_CLOSED'

export interface SaleLineRecord {
  id: string
  product_id: string
  sequence: number
  /** Negative for a returned item. */
  quantity: number
  /** Unit amounts as exact decimal text; price excludes tax, as in API 2.0. */
  price: string
  tax: string
  cost: string
  discount: string
  loyalty_value: string
  tax_id: string
  price_set: boolean
  status: 'SAVED' | 'CONFIRMED' | 'VOIDED'
  note: string | null
}

export interface SalePaymentRecord {
  id: string
  retailer_payment_type_id: string | null
  payment_type_id: string | null
  /** Where the payment was taken; absent in data files written before payments were checked. */
  register_id?: string
  name: string
  /** Exact decimal text; negative for a refund (or change given). */
  amount: string
  payment_date: string
}

/** Units a sale has taken from one outlet's stock of one product. */
export interface StockHold {
  product_id: string
  outlet_id: string
  quantity: number
}

export interface SaleRecord {
  id: string
  register_id: string
  outlet_id: string
  user_id: string
  customer_id: string | null
  status: SaleStatus
  source: string
  source_id: string | null
  /** The sale this one returns items of; absent in data files written before returns. */
  return_for?: string | null
  note: string
  short_code: string
  invoice_number: string
  invoice_sequence: number
  line_items: SaleLineRecord[]
  payments: SalePaymentRecord[]
  /** What the sale has taken from stock, so an update or a void moves exactly the difference. */
  holds: StockHold[]
  sale_date: string
  created_at: string
  updated_at: string
  deleted_at: string | null
  version: number
}
