/**
 * PUT /api/2.1/products/{id} ({common} for the whole family, {details} for this product [X6]),
 * the 2.1 "add single variant" create, and the two soft deletes of API 2.0.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { parseBody, unprocessable } from './pos-errors'
import { type ProductRecord, timestamp, type VariantValue } from './pos-model'
import type { PosStore } from './pos-store'
import {
  assertNameFree,
  assertOutlets,
  assertSkuFree,
  assertTags,
  decimalField,
  inventoryInput,
  liveProduct,
  MAX_ATTRIBUTES,
  MAX_VARIANTS,
  nextSku,
  priceFields,
  priceInput,
  productCodesInput,
  saveProduct,
  softDeleteStock,
  writeStock,
} from './product-write'

const attributeValues = z.array(z.object({ attribute_id: z.string(), attribute_value: z.string() }))

const commonInput = z.object({
  name: z.string().min(1, 'must not be empty').optional(),
  description: z.string().nullish(),
  brand_id: z.string().nullish(),
  product_category_id: z.string().nullish(),
  tag_ids: z.array(z.string()).optional(),
  product_suppliers: z.array(z.unknown()).optional(),
  track_inventory: z.boolean().optional(),
  // The guide documents [{attribute_id}]; the Postman collection sends bare ids.
  variant_attributes: z.array(z.union([z.string(), z.object({ attribute_id: z.string() })])).optional(),
  account_code_sale: z.string().nullish(),
  account_code_purchase: z.string().nullish(),
})

const detailsInput = z.object({
  is_active: z.boolean().optional(),
  product_codes: productCodesInput.optional(),
  price_excluding_tax: priceInput,
  price_including_tax: priceInput,
  loyalty_amount: priceInput,
  variant_attribute_values: attributeValues.optional(),
  inventory: z.array(inventoryInput).optional(),
  composite_components: z.array(z.object({ product_id: z.string(), quantity: z.number() })).optional(),
  // Not in the 2.1 spec: the simulator takes them so tests can play a merchant editing in the POS.
  sku: z.string().min(1).optional(),
  supply_price: priceInput,
})

const updateInput = z.object({
  common: commonInput.optional(),
  details: detailsInput.optional(),
})

type Common = z.infer<typeof commonInput>
type Details = z.infer<typeof detailsInput>

export function updateProduct(store: PosStore, id: string, body: unknown) {
  const product = liveProduct(store, id)
  const { common = {}, details = {} } = parseBody(updateInput, body)
  const members = store.familyMembers(product.family_id)
  checkCommon(store, product, common)
  const tracks = common.track_inventory ?? product.has_inventory
  const detailed = applyDetails(store, product, members, details, tracks)
  const onlyStock = Object.keys(common).length === 0 && onlyInventory(details)

  store.transaction(() => {
    const now = timestamp()
    const changed = new Map<string, ProductRecord>([[product.id, detailed]])
    if (Object.keys(common).length > 0) {
      for (const member of members) {
        changed.set(member.id, applyCommon(changed.get(member.id) ?? member, common))
      }
    }
    // Saved in family order, so a cursor reader sees the members in their usual order.
    for (const member of onlyStock ? [] : members) {
      const record = changed.get(member.id)
      if (record) saveProduct(store, record, now)
    }
    if (common.track_inventory === true) {
      for (const member of members) writeStock(store, member.id, [], true)
    }
    if (details.inventory) writeStock(store, product.id, details.inventory, false)
  })
}

function onlyInventory(details: Details) {
  const keys = Object.keys(details)

  return keys.length > 0 && keys.every((key) => key === 'inventory')
}

function checkCommon(store: PosStore, product: ProductRecord, common: Common) {
  if (common.name !== undefined) assertNameFree(store, common.name, product.family_id)
  assertTags(store, common.tag_ids ?? [])
  if (common.brand_id && !store.brands.get(common.brand_id)) {
    throw unprocessable(`brand_id: ${common.brand_id} not found`)
  }
  const attributes = (common.variant_attributes ?? []).map((a) =>
    typeof a === 'string' ? a : a.attribute_id,
  )
  if (attributes.length > MAX_ATTRIBUTES) {
    throw unprocessable(
      `A product family can have at most ${MAX_ATTRIBUTES} variant attributes (got ${attributes.length})`,
    )
  }
  const same =
    attributes.length === product.attribute_ids.length &&
    attributes.every((id) => product.attribute_ids.includes(id))
  if (common.variant_attributes && !same) {
    // LIMITATION: a family's set of variant attributes cannot be changed; nothing in the app
    // changes it, and the real rules for re-shaping a family's variants are not documented.
    throw unprocessable('Changing the variant attributes of a family is not supported')
  }
}

function applyCommon(record: ProductRecord, common: Common): ProductRecord {
  return {
    ...record,
    name: common.name ?? record.name,
    description: common.description !== undefined ? common.description : record.description,
    brand_id: common.brand_id !== undefined ? common.brand_id || null : record.brand_id,
    product_category_id:
      common.product_category_id !== undefined
        ? common.product_category_id || null
        : record.product_category_id,
    tag_ids: common.tag_ids ? [...new Set(common.tag_ids)] : record.tag_ids,
    product_suppliers: common.product_suppliers ?? record.product_suppliers,
    has_inventory: record.is_composite ? false : (common.track_inventory ?? record.has_inventory),
    account_code_sale:
      common.account_code_sale !== undefined ? common.account_code_sale : record.account_code_sale,
    account_code_purchase:
      common.account_code_purchase !== undefined
        ? common.account_code_purchase
        : record.account_code_purchase,
  }
}

/** Checks the details and returns the product with them applied (not yet stored). */
function applyDetails(
  store: PosStore,
  product: ProductRecord,
  members: ProductRecord[],
  details: Details,
  tracks: boolean,
): ProductRecord {
  const prices = priceFields(details, store)
  if (details.sku !== undefined) assertSkuFree(store, details.sku, 'details.', product.id)
  if (details.inventory) {
    if (!tracks) throw unprocessable('details.inventory: this product does not track inventory')
    assertOutlets(store, details.inventory, 'details.')
  }
  if (details.composite_components && !product.is_composite) {
    throw unprocessable('details.composite_components: this product is not a composite')
  }
  const options = details.variant_attribute_values
    ? changedOptions(product, members, details.variant_attribute_values)
    : product.variant_options

  return {
    ...product,
    ...prices,
    is_active: details.is_active ?? product.is_active,
    product_codes: details.product_codes ?? product.product_codes,
    loyalty_amount: decimalField(details.loyalty_amount, 'loyalty_amount') ?? product.loyalty_amount,
    supply_price: decimalField(details.supply_price, 'supply_price') ?? product.supply_price,
    sku: details.sku ?? product.sku,
    variant_options: options,
    composite: details.composite_components ?? product.composite,
  }
}

function changedOptions(
  product: ProductRecord,
  members: ProductRecord[],
  values: z.infer<typeof attributeValues>,
): VariantValue[] {
  const options = product.variant_options.map((option) => ({ ...option }))
  for (const { attribute_id, attribute_value } of values) {
    const option = options.find((o) => o.attribute_id === attribute_id)
    if (!option) throw unprocessable(`details.variant_attribute_values: ${attribute_id} is not an attribute of this family`)
    if (attribute_value.trim() === '') throw unprocessable('details.variant_attribute_values: a value must not be empty')
    option.value = attribute_value
  }
  assertComboFree(members, product.id, options)

  return options
}

function assertComboFree(members: ProductRecord[], selfId: string | null, options: VariantValue[]) {
  const combo = JSON.stringify(options.map((o) => o.value))
  for (const member of members) {
    if (member.id === selfId) continue
    if (JSON.stringify(member.variant_options.map((o) => o.value)) === combo) {
      throw unprocessable(`variant ${options.map((o) => o.value).join(' / ')} already exists in this family`)
    }
  }
}

const addVariantInput = z.object({
  common: z.object({ name: z.string({ error: 'is required' }).min(1) }),
  details: detailsInput.extend({ variant_attribute_values: attributeValues }),
})

/**
 * The 2.1 "add single variant" create [2023-02 changelog]: `{common: {name}, details: {...}}` adds
 * a variant to the family of that name (the name is what groups a family [X6]). The exact body is
 * only known from the Postman collection's example, so the fields follow PUT 2.1 `details`.
 */
export function addVariant(store: PosStore, body: unknown): string[] {
  const { common, details } = parseBody(addVariantInput, body)
  const members = [...store.liveProductIdsByName(common.name)].flatMap(
    (id) => store.products.get(id) ?? [],
  )
  const parent = members.find((m) => m.variant_parent_id === null)
  if (!parent) throw unprocessable(`no product family is named "${common.name}"`)
  const family = store.familyMembers(parent.family_id)
  if (parent.attribute_ids.length === 0) throw unprocessable(`"${common.name}" has no variants`)
  if (family.length >= MAX_VARIANTS) {
    throw unprocessable(`A product family can have at most ${MAX_VARIANTS} variants`)
  }
  const options = parent.attribute_ids.map((attributeId) => {
    const value = details.variant_attribute_values.find((v) => v.attribute_id === attributeId)
    if (!value || value.attribute_value.trim() === '') {
      throw unprocessable(`details.variant_attribute_values must give a value for ${attributeId}`)
    }

    return { attribute_id: attributeId, value: value.attribute_value }
  })
  assertComboFree(family, null, options)
  if (details.sku) assertSkuFree(store, details.sku, 'details.')
  assertOutlets(store, details.inventory ?? [], 'details.')
  const prices = priceFields(details, store)

  return store.transaction(() => {
    const now = timestamp()
    const id = randomUUID()
    const created: ProductRecord = {
      ...parent,
      id,
      variant_parent_id: parent.id,
      variant_options: options,
      sku: details.sku ?? nextSku(store, new Set()),
      ...(prices ?? {}),
      supply_price: decimalField(details.supply_price, 'supply_price') ?? parent.supply_price,
      is_active: details.is_active ?? parent.is_active,
      product_codes: details.product_codes ?? [],
      images: [],
      created_at: now,
      deleted_at: null,
    }
    saveProduct(store, created, now)
    if (created.has_inventory) writeStock(store, id, details.inventory ?? [], true)
    // Every member's variant_count changed.
    for (const member of family) saveProduct(store, member, now)

    return [id]
  })
}

export function deleteProduct(store: PosStore, id: string) {
  const product = liveProduct(store, id)

  store.transaction(() => {
    const now = timestamp()
    saveProduct(store, { ...product, deleted_at: now }, now)
    softDeleteStock(store, product.id, now)
    if (product.attribute_ids.length === 0) return
    const rest = store.familyMembers(product.family_id)
    // The family lives on without its parent: the oldest remaining member takes its place.
    const parentId =
      product.variant_parent_id === null ? (rest[0]?.id ?? null) : product.variant_parent_id
    for (const member of rest) {
      const variantParentId = member.id === parentId ? null : parentId
      saveProduct(store, { ...member, variant_parent_id: variantParentId }, now)
    }
  })
}

export function deleteFamily(store: PosStore, id: string) {
  const product = liveProduct(store, id)

  store.transaction(() => {
    const now = timestamp()
    for (const member of store.familyMembers(product.family_id)) {
      saveProduct(store, { ...member, deleted_at: now }, now)
      softDeleteStock(store, member.id, now)
    }
  })
}
