import { z } from 'zod'

// Lenient on purpose: real X-Series payloads vary by account and API revision, so every field
// the app does not key on is optional, unknown fields pass through, and numbers may come as
// strings (the sync rules report a bad price on the product instead of failing the whole page).

const numberish = z.union([z.number(), z.string()]).nullish()
const ref = z.looseObject({ id: z.string().nullish(), name: z.string().nullish() })

export const posVersionSchema = z
  .looseObject({ min: z.number().nullish(), max: z.number().nullish() })
  .nullish()

export const posVariantOptionSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  value: z.string().nullish(),
})

export const posImageSchema = z.looseObject({
  id: z.string().nullish(),
  url: z.string().nullish(),
  version: z.number().nullish(),
  sizes: z.record(z.string(), z.string().nullish()).nullish(),
})

export const posProductSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  variant_name: z.string().nullish(),
  handle: z.string().nullish(),
  sku: z.string().nullish(),
  description: z.string().nullish(),
  active: z.boolean().nullish(),
  is_active: z.boolean().nullish(),
  has_inventory: z.boolean().nullish(),
  is_composite: z.boolean().nullish(),
  has_variants: z.boolean().nullish(),
  variant_parent_id: z.string().nullish(),
  variant_count: z.number().nullish(),
  family_id: z.string().nullish(),
  variant_options: z.array(posVariantOptionSchema).nullish(),
  price_including_tax: numberish,
  price_excluding_tax: numberish,
  supply_price: numberish,
  tag_ids: z.array(z.string()).nullish(),
  /** In API 2.0 this holds the product's tags, not product categories. */
  categories: z.array(ref).nullish(),
  images: z.array(posImageSchema).nullish(),
  image_url: z.string().nullish(),
  image_thumbnail_url: z.string().nullish(),
  product_codes: z
    .array(z.looseObject({ type: z.string().nullish(), code: z.string().nullish() }))
    .nullish(),
  brand_id: z.string().nullish(),
  supplier_id: z.string().nullish(),
  product_type_id: z.string().nullish(),
  brand: ref.nullish(),
  supplier: ref.nullish(),
  type: ref.nullish(),
  composite_bom: z.unknown().optional(),
  source: z.string().nullish(),
  source_id: z.string().nullish(),
  source_variant_id: z.string().nullish(),
  version: z.number().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  deleted_at: z.string().nullish(),
})

export const posProductPageSchema = z.looseObject({
  data: z.array(posProductSchema),
  version: posVersionSchema,
})

export const posProductResponseSchema = z.looseObject({ data: posProductSchema })

export const posCreateProductResponseSchema = z.looseObject({
  data: z.union([z.array(z.string()), z.string()]),
})

export const posRetailerSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string().nullish(),
  domain_prefix: z.string().nullish(),
  currency: z
    .union([
      z.looseObject({ code: z.string().nullish(), symbol: z.string().nullish() }),
      z.string(),
    ])
    .nullish(),
  tax_exclusive: z.boolean().nullish(),
  timezone: z.unknown().optional(),
  country: z.string().nullish(),
})

export const posRetailerResponseSchema = z.looseObject({ data: posRetailerSchema })

export const posOutletSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  currency: z.string().nullish(),
  currency_symbol: z.string().nullish(),
  display_prices: z.string().nullish(),
  time_zone: z.string().nullish(),
  default_tax_id: z.string().nullish(),
  version: z.number().nullish(),
  deleted_at: z.string().nullish(),
})

export const posOutletPageSchema = z.looseObject({
  data: z.array(posOutletSchema),
  version: posVersionSchema,
})

export const posInventorySchema = z.looseObject({
  id: z.string().nullish(),
  product_id: z.string(),
  outlet_id: z.string(),
  /** API 2.0 name; 2026-07 calls it current_inventory_level, and some answers add current_amount. */
  inventory_level: numberish,
  current_amount: numberish,
  current_inventory_level: numberish,
  reorder_point: numberish,
  reorder_amount: numberish,
  average_cost: numberish,
  version: z.number().nullish(),
  deleted_at: z.string().nullish(),
})

export const posInventoryPageSchema = z.looseObject({
  data: z.array(posInventorySchema),
  version: posVersionSchema,
})

export const posTagSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  version: z.number().nullish(),
  deleted_at: z.string().nullish(),
})

export const posTagPageSchema = z.looseObject({
  data: z.array(posTagSchema),
  version: posVersionSchema,
})

export const posCreateTagResponseSchema = z.looseObject({
  data: z.union([z.string(), z.looseObject({ id: z.string() })]),
})

export const posVariantAttributeSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  deleted_at: z.string().nullish(),
  version: z.number().nullish(),
})

export const posVariantAttributePageSchema = z.looseObject({
  data: z.array(posVariantAttributeSchema),
  version: posVersionSchema,
})

export const posCreateVariantAttributeResponseSchema = z.looseObject({
  data: posVariantAttributeSchema,
})

export const posSearchResponseSchema = z.looseObject({ data: z.array(posProductSchema) })

export const posOutletResponseSchema = z.looseObject({ data: posOutletSchema })

export const posTaxSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  display_name: z.string().nullish(),
  is_default: z.boolean().nullish(),
  rates: z
    .array(z.looseObject({ id: z.string().nullish(), name: z.string().nullish(), rate: numberish }))
    .nullish(),
  version: z.number().nullish(),
  deleted_at: z.string().nullish(),
})

export const posTaxPageSchema = z.looseObject({
  data: z.array(posTaxSchema),
  version: posVersionSchema,
})

/** A product's own tax at one outlet, where it differs from the outlet's default. */
export const posOutletTaxSchema = z.looseObject({
  outlet_id: z.string(),
  product_id: z.string(),
  tax_id: z.string().nullish(),
  version: z.number().nullish(),
  deleted_at: z.string().nullish(),
})

export const posOutletTaxPageSchema = z.looseObject({
  data: z.array(posOutletTaxSchema),
  version: posVersionSchema,
})

/** A payment type the merchant set up (Cash, Credit Card, eCom…); `type_id` is global. */
export const posPaymentTypeSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  type_id: z.number().nullish(),
  version: z.number().nullish(),
  deleted_at: z.string().nullish(),
})

export const posPaymentTypePageSchema = z.looseObject({
  data: z.array(posPaymentTypeSchema),
  version: posVersionSchema,
})

export const posSalePaymentSchema = z.looseObject({
  retailer_payment_type_id: z.string().nullish(),
  name: z.string().nullish(),
  amount: numberish,
  payment_date: z.string().nullish(),
})

export const posSaleLineItemSchema = z.looseObject({
  id: z.string().nullish(),
  product_id: z.string().nullish(),
  quantity: numberish,
  price: numberish,
  price_total: numberish,
  tax: numberish,
  tax_id: z.string().nullish(),
  status: z.string().nullish(),
  is_return: z.boolean().nullish(),
})

export const posSaleSchema = z.looseObject({
  id: z.string(),
  outlet_id: z.string().nullish(),
  register_id: z.string().nullish(),
  user_id: z.string().nullish(),
  customer_id: z.string().nullish(),
  invoice_number: z.string().nullish(),
  status: z.string().nullish(),
  note: z.string().nullish(),
  source: z.string().nullish(),
  source_id: z.string().nullish(),
  /** The sale this one returns items of. */
  return_for: z.string().nullish(),
  total_price: numberish,
  total_tax: numberish,
  sale_date: z.string().nullish(),
  line_items: z.array(posSaleLineItemSchema).nullish(),
  payments: z.array(posSalePaymentSchema).nullish(),
  version: z.number().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
  deleted_at: z.string().nullish(),
})

export const posSalePageSchema = z.looseObject({
  data: z.array(posSaleSchema),
  version: posVersionSchema,
})

export const posSaleResponseSchema = z.looseObject({ data: posSaleSchema })

/** A sale as POST /api/register_sales answers it: the register sale of API 0.9. */
export const posRegisterSaleSchema = z.looseObject({
  id: z.string(),
  register_id: z.string().nullish(),
  user_id: z.string().nullish(),
  status: z.string().nullish(),
  source_id: z.string().nullish(),
  note: z.string().nullish(),
  invoice_number: z.string().nullish(),
  total_price: numberish,
  total_tax: numberish,
  register_sale_products: z
    .array(
      z.looseObject({
        id: z.string().nullish(),
        product_id: z.string().nullish(),
        quantity: numberish,
        price: numberish,
        tax: numberish,
        tax_id: z.string().nullish(),
      }),
    )
    .nullish(),
})

export const posRegisterSaleResponseSchema = z.looseObject({ register_sale: posRegisterSaleSchema })

export const posRegisterSchema = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  outlet_id: z.string().nullish(),
  version: z.number().nullish(),
  deleted_at: z.string().nullish(),
})

export const posRegisterPageSchema = z.looseObject({
  data: z.array(posRegisterSchema),
  version: posVersionSchema,
})

export const posUserSchema = z.looseObject({
  id: z.string(),
  username: z.string().nullish(),
  display_name: z.string().nullish(),
})

/** GET /api/2.0/user: the spec's example wraps the user in a one-item list, the schema does not. */
export const posCurrentUserResponseSchema = z.looseObject({
  data: z.union([posUserSchema, z.array(posUserSchema).min(1)]),
})

export const posWebhookSchema = z.looseObject({
  id: z.string(),
  retailer_id: z.string().nullish(),
  url: z.string(),
  active: z.boolean().nullish(),
  type: z.string(),
})

export const posWebhookListSchema = z.looseObject({ data: z.array(posWebhookSchema) })
export const posWebhookResponseSchema = z.looseObject({ data: posWebhookSchema })

export const posErrorBodySchema = z.looseObject({
  error: z.unknown().optional(),
  message: z.unknown().optional(),
  details: z.unknown().optional(),
})

export type PosProduct = z.infer<typeof posProductSchema>
export type PosRetailer = z.infer<typeof posRetailerSchema>
export type PosOutlet = z.infer<typeof posOutletSchema>
export type PosInventory = z.infer<typeof posInventorySchema>
export type PosTag = z.infer<typeof posTagSchema>
export type PosVariantAttribute = z.infer<typeof posVariantAttributeSchema>
export type PosTax = z.infer<typeof posTaxSchema>
export type PosOutletTax = z.infer<typeof posOutletTaxSchema>
export type PosPaymentType = z.infer<typeof posPaymentTypeSchema>
export type PosSale = z.infer<typeof posSaleSchema>
export type PosRegisterSale = z.infer<typeof posRegisterSaleSchema>
export type PosRegister = z.infer<typeof posRegisterSchema>
export type PosUser = z.infer<typeof posUserSchema>
export type PosWebhook = z.infer<typeof posWebhookSchema>
export type PosVersionRange = z.infer<typeof posVersionSchema>
