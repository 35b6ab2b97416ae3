/**
 * The part of the Ecwid API v3 payloads the rules read and write (API-FACTS §1.5, §1.7, §1.9).
 * Inputs are loose on purpose: `quantity` is omitted when `unlimited` is true, a variation leaves
 * out what it inherits from its product, and older products miss fields altogether.
 */

export interface EcomChoice {
  text?: string | null
}

export interface EcomOption {
  type?: string | null
  name?: string | null
  choices?: EcomChoice[] | null
  required?: boolean | null
}

export interface EcomOptionValue {
  name?: string | null
  value?: string | null
}

export interface EcomCombination {
  id?: number | null
  sku?: string | null
  options?: EcomOptionValue[] | null
  /** Numbers on the wire; anything else is kept so a refusal can quote it. */
  price?: number | string | null
  quantity?: number | string | null
  unlimited?: boolean | null
}

export interface EcomImage {
  id?: string | number | null
  isMain?: boolean | null
  imageOriginalUrl?: string | null
}

export interface EcomProduct {
  id: number
  sku?: string | null
  name?: string | null
  description?: string | null
  price?: number | string | null
  quantity?: number | string | null
  unlimited?: boolean | null
  enabled?: boolean | null
  categoryIds?: number[] | null
  options?: EcomOption[] | null
  combinations?: EcomCombination[] | null
  imageUrl?: string | null
  media?: { images?: EcomImage[] | null } | null
}

/** Stock is either counted or not tracked: Ecwid omits `quantity` when `unlimited` is true. */
export type EcomStockFields = { quantity: number; unlimited: false } | { unlimited: true }

export interface EcomOptionCreate {
  type: 'SELECT'
  name: string
  choices: { text: string }[]
  required: true
}

export type EcomCombinationCreate = {
  /**
   * Always the variant's own: a variation without a SKU inherits the product's and sells from the
   * product's stock, whatever quantity it was sent (API-FACTS §1.9).
   */
  sku: string
  options: { name: string; value: string }[]
  price: number
} & EcomStockFields

/** `POST /products`. Images go by a separate call, so they are not part of the body. */
export type EcomProductCreateBody = {
  name: string
  /** Omitted for a product with variants: each variation carries its own SKU. */
  sku?: string
  description: string
  price: number
  enabled: boolean
  categoryIds: number[]
  options?: EcomOptionCreate[]
  combinations?: EcomCombinationCreate[]
} & EcomStockFields
