/**
 * PUT /api/2.1/products/{id}: `common` applies to the whole family, `details` to this product
 * only [X6]; `details.inventory` sets absolute stock per outlet [X7], `details.outlet_taxes` and
 * `details.all_outlets_tax` its own taxes.
 */
import { parseBody, unprocessable } from './pos-errors'
import { type ProductRecord, timestamp, type VariantValue } from './pos-model'
import type { PosStore } from './pos-store'
import { type AttributeValues, type Common, type Details, updateInput } from './product-inputs'
import {
  assertComboFree,
  assertNameFree,
  assertOutlets,
  assertSkuFree,
  assertTags,
  decimalField,
  liveProduct,
  MAX_ATTRIBUTES,
  priceFields,
  saveProduct,
  writeStock,
} from './product-write'
import { checkProductTaxes, writeProductTaxes } from './taxes'

export function updateProduct(store: PosStore, id: string, body: unknown) {
  const product = liveProduct(store, id)
  const { common = {}, details = {} } = parseBody(updateInput, body)
  const members = store.familyMembers(product.family_id)
  checkCommon(store, product, common)
  const tracks = common.track_inventory ?? product.has_inventory
  const detailed = applyDetails(store, product, members, details, tracks)
  checkProductTaxes(store, details, 'details.')
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
    writeProductTaxes(store, product.id, details)
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
    loyalty_amount:
      decimalField(details.loyalty_amount, 'loyalty_amount') ?? product.loyalty_amount,
    supply_price: decimalField(details.supply_price, 'supply_price') ?? product.supply_price,
    sku: details.sku ?? product.sku,
    variant_options: options,
    composite: details.composite_components ?? product.composite,
  }
}

function changedOptions(
  product: ProductRecord,
  members: ProductRecord[],
  values: AttributeValues,
): VariantValue[] {
  const options = product.variant_options.map((option) => ({ ...option }))
  for (const { attribute_id, attribute_value } of values) {
    const option = options.find((o) => o.attribute_id === attribute_id)
    if (!option)
      throw unprocessable(
        `details.variant_attribute_values: ${attribute_id} is not an attribute of this family`,
      )
    if (attribute_value.trim() === '')
      throw unprocessable('details.variant_attribute_values: a value must not be empty')
    option.value = attribute_value
  }
  assertComboFree(members, product.id, options)

  return options
}
