import { z } from 'zod'

// Lenient on purpose: Ecwid adds fields over time and the docs' own examples disagree, so only
// ids are required, unknown fields pass through, and prices may come as strings (the sync rules
// report a bad price on the product instead of failing the whole page).

const numberish = z.union([z.number(), z.string()]).nullish()
const translated = z.record(z.string(), z.string().nullish()).nullish()

/**
 * A name that may come as a string or, as in the docs' category search example, as an object of
 * translations; read as one string (English first).
 */
const nameText = z
  .union([z.string(), z.record(z.string(), z.string().nullish())])
  .nullish()
  .transform((value): string | null => {
    if (value === null || value === undefined || typeof value === 'string') return value ?? null

    return value.en ?? Object.values(value).find((text) => typeof text === 'string') ?? null
  })

export const ecomOptionChoiceSchema = z.looseObject({
  text: z.string().nullish(),
  textTranslated: translated,
  priceModifier: numberish,
  priceModifierType: z.string().nullish(),
})

export const ecomProductOptionSchema = z.looseObject({
  type: z.string().nullish(),
  name: z.string().nullish(),
  nameTranslated: translated,
  choices: z.array(ecomOptionChoiceSchema).nullish(),
  defaultChoice: z.number().nullish(),
  required: z.boolean().nullish(),
})

export const ecomCombinationOptionSchema = z.looseObject({
  name: z.string().nullish(),
  nameTranslated: translated,
  value: z.string().nullish(),
  valueTranslated: translated,
})

export const ecomCombinationSchema = z.looseObject({
  id: z.number(),
  combinationNumber: z.number().nullish(),
  options: z.array(ecomCombinationOptionSchema).nullish(),
  sku: z.string().nullish(),
  price: numberish,
  quantity: numberish,
  unlimited: z.boolean().nullish(),
  inStock: z.boolean().nullish(),
  warningLimit: z.number().nullish(),
  imageUrl: z.string().nullish(),
})

export const ecomImageSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  orderBy: z.number().nullish(),
  isMain: z.boolean().nullish(),
  imageOriginalUrl: z.string().nullish(),
  image1500pxUrl: z.string().nullish(),
  image800pxUrl: z.string().nullish(),
})

export const ecomProductSchema = z.looseObject({
  id: z.number(),
  sku: z.string().nullish(),
  name: z.string().nullish(),
  nameTranslated: translated,
  description: z.string().nullish(),
  price: numberish,
  /** Left out by Ecwid when `unlimited` is true. */
  quantity: numberish,
  unlimited: z.boolean().nullish(),
  inStock: z.boolean().nullish(),
  enabled: z.boolean().nullish(),
  categoryIds: z.array(z.number()).nullish(),
  categories: z.array(z.looseObject({ id: z.number(), enabled: z.boolean().nullish() })).nullish(),
  defaultCategoryId: z.number().nullish(),
  options: z.array(ecomProductOptionSchema).nullish(),
  combinations: z.array(ecomCombinationSchema).nullish(),
  defaultCombinationId: z.number().nullish(),
  media: z.looseObject({ images: z.array(ecomImageSchema).nullish() }).nullish(),
  imageUrl: z.string().nullish(),
  originalImageUrl: z.string().nullish(),
  externalReferenceId: z.string().nullish(),
  created: z.string().nullish(),
  updated: z.string().nullish(),
  createTimestamp: z.number().nullish(),
  updateTimestamp: z.number().nullish(),
})

const envelope = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    total: z.number(),
    count: z.number(),
    offset: z.number(),
    limit: z.number(),
    items: z.array(item),
  })

export const ecomProductSearchSchema = envelope(ecomProductSchema)

export const ecomCategorySchema = z.looseObject({
  id: z.number(),
  parentId: z.number().nullish(),
  orderBy: z.number().nullish(),
  name: nameText,
  nameTranslated: translated,
  description: z.string().nullish(),
  enabled: z.boolean().nullish(),
  productCount: z.number().nullish(),
  enabledProductCount: z.number().nullish(),
  productIds: z.array(z.number()).nullish(),
  url: z.string().nullish(),
})

export const ecomCategorySearchSchema = envelope(ecomCategorySchema)

export const ecomCombinationListSchema = z.array(ecomCombinationSchema)

export const ecomIdResponseSchema = z.looseObject({ id: z.number() })
export const ecomUpdateResponseSchema = z.looseObject({ updateCount: z.number() })
export const ecomDeleteResponseSchema = z.looseObject({ deleteCount: z.number() })

export const ecomProfileSchema = z.looseObject({
  generalInfo: z
    .looseObject({ storeId: z.number().nullish(), storeUrl: z.string().nullish() })
    .nullish(),
  settings: z.looseObject({ storeName: z.string().nullish() }).nullish(),
  formatsAndUnits: z
    .looseObject({ currency: z.string().nullish(), currencyPrecision: z.number().nullish() })
    .nullish(),
  taxSettings: z.looseObject({ pricesIncludeTax: z.boolean().nullish() }).nullish(),
})

export const ecomBatchTicketSchema = z.looseObject({ ticket: z.string() })

export const ecomBatchResponseItemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  status: z.string(),
  httpStatusCode: z.number().nullish(),
  httpStatusLine: z.string().nullish(),
  httpBody: z.unknown().optional(),
  escapedHttpBody: z.string().nullish(),
})

export const ecomBatchStatusSchema = z.looseObject({
  status: z.string(),
  totalRequests: z.number().nullish(),
  completedRequests: z.number().nullish(),
  responses: z.array(ecomBatchResponseItemSchema).nullish(),
})

export const ecomOrderItemSchema = z.looseObject({
  id: z.number().nullish(),
  productId: z.number().nullish(),
  combinationId: z.number().nullish(),
  sku: z.string().nullish(),
  name: z.string().nullish(),
  quantity: z.number().nullish(),
  price: numberish,
  selectedOptions: z
    .array(z.looseObject({ name: z.string().nullish(), value: z.string().nullish() }))
    .nullish(),
})

/** An order (GET /orders/{orderId}); `id` is the order id webhooks carry as `data.orderId`. */
export const ecomOrderSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  internalId: z.number().nullish(),
  orderNumber: z.number().nullish(),
  vendorOrderNumber: z.string().nullish(),
  paymentStatus: z.string().nullish(),
  fulfillmentStatus: z.string().nullish(),
  total: numberish,
  subtotal: numberish,
  email: z.string().nullish(),
  createDate: z.string().nullish(),
  updateDate: z.string().nullish(),
  createTimestamp: z.number().nullish(),
  updateTimestamp: z.number().nullish(),
  items: z.array(ecomOrderItemSchema).nullish(),
})

export const ecomOrderSearchSchema = envelope(ecomOrderSchema)

export const ecomLatestStatsSchema = z.looseObject({
  productsUpdated: z.string().nullish(),
  categoriesUpdated: z.string().nullish(),
  ordersUpdated: z.string().nullish(),
  profileUpdated: z.string().nullish(),
})

export const ecomDeletedItemSchema = z.looseObject({
  id: z.number(),
  date: z.string().nullish(),
})

export const ecomDeletedSearchSchema = envelope(ecomDeletedItemSchema)

export type EcomOrder = z.infer<typeof ecomOrderSchema>
export type EcomLatestStats = z.infer<typeof ecomLatestStatsSchema>
export type EcomDeletedItem = z.infer<typeof ecomDeletedItemSchema>
export type EcomProduct = z.infer<typeof ecomProductSchema>
export type EcomCombination = z.infer<typeof ecomCombinationSchema>
export type EcomCategory = z.infer<typeof ecomCategorySchema>
export type EcomProfileRaw = z.infer<typeof ecomProfileSchema>
export type EcomBatchStatusRaw = z.infer<typeof ecomBatchStatusSchema>
