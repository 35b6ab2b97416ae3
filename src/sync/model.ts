/**
 * The neutral product model the rules work on. Each side's product is read into it (see
 * from-pos.ts, from-ecom.ts), checked (validate.ts) and written out as the other side's create
 * body (to-ecom.ts, to-pos.ts). A standard product is a product with no option names and exactly
 * one variant that carries its SKU, price and stock.
 */
export type SystemName = 'pos' | 'ecom'

export type UploadDirection = 'pos-to-ecom' | 'ecom-to-pos'

export interface CatalogVariant {
  /** Id of the variant on its own side (POS product id, eCom combination id or product id). */
  sourceId: string
  /** Trimmed SKU; '' when the source had none. */
  sku: string
  /** Option values aligned with CatalogProduct.optionNames, trimmed. '' when the source left one blank. */
  optionValues: string[]
  /**
   * Retail price as an exact decimal string ("12.99"). null when the source had no usable price;
   * rawPrice then keeps what it had so a refusal can quote it.
   */
  price: string | null
  rawPrice?: unknown
  /** Units for sale; null when stock is not tracked (eCom "unlimited"). Never negative. */
  quantity: number | null
  /** Stock per POS outlet as the source had it (may be negative); empty for eCom products. */
  outletStock: { outletId: string; level: number }[]
}

export interface CatalogProduct {
  system: SystemName
  /** POS family parent id, or eCom product id. */
  sourceId: string
  name: string
  /** HTML as the source had it. */
  description: string
  /** POS tag names, or eCom category names, trimmed. */
  tags: string[]
  isActive: boolean
  isComposite: boolean
  trackInventory: boolean
  /** [] for a standard product; at most 3 are accepted. */
  optionNames: string[]
  variants: CatalogVariant[]
  /** Image URLs, main image first. Only ever sent POS → eCom. */
  imageUrls: string[]
  /** What reading the source could not carry over, told to the merchant without refusing. */
  warnings?: UploadWarning[]
}

export interface Refusal {
  /** The field at fault, as a merchant knows it: "name", "sku", "variants", "options", "price". */
  field: string
  /** Plain words naming the product and what to change, e.g. 'variant VN-RED has no value for Size'. */
  message: string
}

/** Something the merchant should know about an upload that still goes ahead. */
export interface UploadWarning {
  field: string
  message: string
}
