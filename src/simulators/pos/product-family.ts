/**
 * Writes that change a family's shape: the 2.1 "add single variant" create and the two soft
 * deletes of API 2.0 (one product, or the whole family).
 */
import { randomUUID } from 'node:crypto'
import { parseBody, unprocessable } from './pos-errors'
import { type ProductRecord, timestamp } from './pos-model'
import type { PosStore } from './pos-store'
import { addVariantInput } from './product-inputs'
import {
  assertComboFree,
  assertOutlets,
  assertSkuFree,
  decimalField,
  liveProduct,
  MAX_VARIANTS,
  nextSku,
  priceFields,
  saveProduct,
  softDeleteStock,
  writeStock,
} from './product-write'

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
