/**
 * The part of the X-Series (Vend API 2.0) payloads the rules read and write (API-FACTS §2.5, §2.6,
 * §2.8). Inputs are loose on purpose: real payloads omit fields, send null, or send both `active`
 * and `is_active`. The connector parses the wire into these shapes.
 */

export interface PosNamed {
  id?: string | null
  name?: string | null
}

export interface PosVariantOption {
  id?: string | null
  name?: string | null
  value?: string | null
}

export interface PosImage {
  id?: string | null
  url?: string | null
}

export interface PosProduct {
  id: string
  name?: string | null
  handle?: string | null
  sku?: string | null
  description?: string | null
  active?: boolean | null
  is_active?: boolean | null
  has_inventory?: boolean | null
  is_composite?: boolean | null
  /** Numbers on the wire; a string or null is kept so a refusal can quote it. */
  price_including_tax?: number | string | null
  price_excluding_tax?: number | string | null
  has_variants?: boolean | null
  variant_parent_id?: string | null
  variant_options?: PosVariantOption[] | null
  /** In 2.0 the product's tags travel as `categories`. */
  categories?: PosNamed[] | null
  tag_ids?: string[] | null
  images?: PosImage[] | null
  image_url?: string | null
  deleted_at?: string | null
  version?: number | null
}

export interface PosInventoryRecord {
  product_id: string
  outlet_id: string
  /** Can be negative (sold without stock on hand). Numbers on the wire; strings are read too. */
  inventory_level?: number | string | null
  /** The same level under the names of newer API versions, read when inventory_level is absent. */
  current_inventory_level?: number | string | null
  current_amount?: number | string | null
  deleted_at?: string | null
}

export interface PosVariantDefinition {
  attribute_id: string
  value: string
}

export interface PosInventoryCreate {
  outlet_id: string
  current_amount: number
}

/** Exactly one of the two prices: X-Series refuses a create that carries both. */
export type PosPriceFields =
  | { price_excluding_tax: number; price_including_tax?: never }
  | { price_including_tax: number; price_excluding_tax?: never }

export type PosVariantCreate = {
  sku: string
  variant_definitions: PosVariantDefinition[]
  inventory?: PosInventoryCreate[]
} & PosPriceFields

interface PosCreateCommon {
  name: string
  description?: string
  tag_ids: string[]
  is_active: boolean
  /** The docs disagree on which flag governs (API-FACTS §5.4); both are sent with one value. */
  active: boolean
  /** Seen in the official create example; absent from the spec's create body. */
  has_inventory: boolean
}

export type PosStandardCreateBody = PosCreateCommon & {
  sku: string
  inventory?: PosInventoryCreate[]
} & PosPriceFields

export type PosVariantFamilyCreateBody = PosCreateCommon & {
  variants: PosVariantCreate[]
}

/** `POST /api/2.0/products`: a standard product, or a family with its variants. */
export type PosFamilyCreateBody = PosStandardCreateBody | PosVariantFamilyCreateBody
