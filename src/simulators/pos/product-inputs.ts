/**
 * Request bodies of the product endpoints, as zod schemas after ProductCreateBody (2.0) and
 * ProductUpdate21Request (2.1). Fields the simulator does not know are ignored, not refused.
 */
import { z } from 'zod'
import { allOutletsTaxInput, outletTaxesInput } from './taxes'

export const priceInput = z.union([z.number(), z.string()]).nullish()

export const inventoryInput = z.object({
  outlet_id: z.string(),
  current_amount: z.number().optional(),
  reorder_point: z.number().nullish(),
  reorder_amount: z.number().nullish(),
})

export const productCodesInput = z.array(z.object({ type: z.string(), code: z.string() }))

export type InventoryInput = z.infer<typeof inventoryInput>

export const imageInput = z.object({
  type: z.enum(['url', 's3', 'product-image', 'sku-image']),
  location: z.string().min(1),
  index: z.number().int().optional(),
})

export const variantInput = z.object({
  sku: z.string().nullish(),
  product_codes: productCodesInput.optional(),
  price_excluding_tax: priceInput,
  price_including_tax: priceInput,
  supply_price: priceInput,
  supplier_code: z.string().nullish(),
  inventory: z.array(inventoryInput).optional(),
  images: z.array(imageInput).optional(),
  variant_definitions: z
    .array(z.object({ attribute_id: z.string(), value: z.string() }))
    .optional(),
  outlet_taxes: outletTaxesInput.optional(),
  all_outlets_tax: allOutletsTaxInput.optional(),
})

export const createInput = variantInput.extend({
  name: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  handle: z.string().min(1).nullish(),
  description: z.string().nullish(),
  is_active: z.boolean().optional(),
  active: z.boolean().optional(),
  has_inventory: z.boolean().optional(),
  track_inventory: z.boolean().optional(),
  tag_ids: z.array(z.string()).optional(),
  brand_id: z.string().nullish(),
  supplier_id: z.string().nullish(),
  product_category_id: z.string().nullish(),
  product_type_id: z.string().nullish(),
  account_code_sale: z.string().nullish(),
  account_code_purchase: z.string().nullish(),
  loyalty_amount: priceInput,
  source: z.string().optional(),
  composite: z.array(z.object({ product_id: z.string(), quantity: z.number() })).optional(),
  variants: z.array(z.unknown()).optional(),
})

export type CreateInput = z.infer<typeof createInput>
export type ImageInput = z.infer<typeof imageInput>
export type VariantInput = z.infer<typeof variantInput>

export const attributeValues = z.array(
  z.object({ attribute_id: z.string(), attribute_value: z.string() }),
)

export const commonInput = z.object({
  name: z.string().min(1, 'must not be empty').optional(),
  description: z.string().nullish(),
  brand_id: z.string().nullish(),
  product_category_id: z.string().nullish(),
  tag_ids: z.array(z.string()).optional(),
  product_suppliers: z.array(z.unknown()).optional(),
  track_inventory: z.boolean().optional(),
  // The guide documents [{attribute_id}]; the Postman collection sends bare ids.
  variant_attributes: z
    .array(z.union([z.string(), z.object({ attribute_id: z.string() })]))
    .optional(),
  account_code_sale: z.string().nullish(),
  account_code_purchase: z.string().nullish(),
})

export const detailsInput = z.object({
  is_active: z.boolean().optional(),
  product_codes: productCodesInput.optional(),
  price_excluding_tax: priceInput,
  price_including_tax: priceInput,
  loyalty_amount: priceInput,
  variant_attribute_values: attributeValues.optional(),
  inventory: z.array(inventoryInput).optional(),
  outlet_taxes: outletTaxesInput.optional(),
  all_outlets_tax: allOutletsTaxInput.optional(),
  composite_components: z
    .array(z.object({ product_id: z.string(), quantity: z.number() }))
    .optional(),
  // Not in the 2.1 spec: the simulator takes them so tests can play a merchant editing in the POS.
  sku: z.string().min(1).optional(),
  supply_price: priceInput,
})

export const updateInput = z.object({
  common: commonInput.optional(),
  details: detailsInput.optional(),
})

export type AttributeValues = z.infer<typeof attributeValues>
export type Common = z.infer<typeof commonInput>
export type Details = z.infer<typeof detailsInput>

export const addVariantInput = z.object({
  common: z.object({ name: z.string({ error: 'is required' }).min(1) }),
  details: detailsInput.extend({ variant_attribute_values: attributeValues }),
})
