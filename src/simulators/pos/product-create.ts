/**
 * POST /api/2.0/products (and /api/2.1/products): a standard product, a variant family, or a
 * composite, per ProductCreateBody and the "Creating Variants" guide [X6]. Everything is checked
 * before the first write, so a refused request leaves nothing behind.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { parseBody, unprocessable } from './pos-errors'
import { type ProductRecord, type StoredImage, timestamp, type VariantValue } from './pos-model'
import type { PosStore } from './pos-store'
import {
  type CreateInput,
  createInput,
  type ImageInput,
  type VariantInput,
  variantInput,
} from './product-inputs'
import {
  assertNameFree,
  assertOutlets,
  assertSkuFree,
  assertTags,
  decimalField,
  handleFrom,
  MAX_ATTRIBUTES,
  MAX_VARIANTS,
  nextSku,
  priceFields,
  saveProduct,
  writeStock,
} from './product-write'
import { checkProductTaxes, type ProductTaxInput, writeProductTaxes } from './taxes'

interface PlannedVariant {
  input: VariantInput
  values: VariantValue[]
  sku: string | null
}

export function createProducts(store: PosStore, body: unknown): string[] {
  const input = parseBody(createInput, body)
  const variants = parseVariants(input.variants)
  const attributeIds = familyAttributes(store, variants)
  const planned = planVariants(store, input, variants, attributeIds)
  checkFamilyWide(store, input, variants.length > 0)

  return store.transaction(() => writeFamily(store, input, planned, attributeIds))
}

function parseVariants(raw: unknown[] | undefined): VariantInput[] {
  if (!raw) return []
  if (raw.length > MAX_VARIANTS) {
    throw unprocessable(
      `A product family can have at most ${MAX_VARIANTS} variants (got ${raw.length})`,
    )
  }

  return parseBody(z.object({ variants: z.array(variantInput) }), { variants: raw }).variants
}

/** The family's attributes, in the order the variants first name them. */
function familyAttributes(store: PosStore, variants: VariantInput[]): string[] {
  const ids: string[] = []
  variants.forEach((variant, i) => {
    const definitions = variant.variant_definitions ?? []
    if (definitions.length === 0) {
      throw unprocessable(
        `variants[${i}].variant_definitions: a variant needs at least one variant attribute`,
      )
    }
    definitions.forEach((definition, j) => {
      const attribute = store.attributes.get(definition.attribute_id)
      if (!attribute || attribute.deleted_at !== null) {
        throw unprocessable(
          `variants[${i}].variant_definitions[${j}].attribute_id: variant attribute ${definition.attribute_id} not found`,
        )
      }
      if (!ids.includes(definition.attribute_id)) ids.push(definition.attribute_id)
    })
  })
  if (ids.length > MAX_ATTRIBUTES) {
    throw unprocessable(
      `A product family can have at most ${MAX_ATTRIBUTES} variant attributes (got ${ids.length})`,
    )
  }

  return ids
}

function planVariants(
  store: PosStore,
  input: CreateInput,
  variants: VariantInput[],
  attributeIds: string[],
): PlannedVariant[] {
  if (variants.length === 0) {
    priceFields(input, store)
    checkProductTaxes(store, input, '')
    const sku = input.sku || null
    if (sku) assertSkuFree(store, sku, '')

    return [{ input, values: [], sku }]
  }
  if (input.composite?.length) throw unprocessable('A composite product cannot have variants')

  const seenSkus = new Map<string, number>()
  const seenCombos = new Map<string, number>()

  return variants.map((variant, i) => {
    const where = `variants[${i}]: `
    priceFields(variant, store, where)
    checkProductTaxes(store, variant, where)
    const values = variantValues(store, variant, attributeIds, where)
    const combo = JSON.stringify(values.map((v) => v.value))
    const sameAs = seenCombos.get(combo)
    if (sameAs !== undefined) {
      const label = values.map((v) => v.value).join(' / ')
      throw unprocessable(
        `${where}variant_definitions repeat those of variants[${sameAs}] (${label})`,
      )
    }
    seenCombos.set(combo, i)
    const sku = variant.sku || null
    if (sku) {
      const clash = seenSkus.get(sku.toLowerCase())
      if (clash !== undefined) {
        throw unprocessable(`${where}sku "${sku}" is also given to variants[${clash}]`)
      }
      seenSkus.set(sku.toLowerCase(), i)
      assertSkuFree(store, sku, where)
    }
    assertOutlets(store, variant.inventory ?? [], `variants[${i}].`)

    return { input: variant, values, sku }
  })
}

function variantValues(
  store: PosStore,
  variant: VariantInput,
  attributeIds: string[],
  where: string,
): VariantValue[] {
  const definitions = variant.variant_definitions ?? []

  return attributeIds.map((attributeId) => {
    const matching = definitions.filter((d) => d.attribute_id === attributeId)
    const name = store.attributes.get(attributeId)?.name ?? attributeId
    if (matching.length !== 1) {
      throw unprocessable(`${where}variant_definitions must give exactly one value for ${name}`)
    }
    const value = matching[0]?.value ?? ''
    if (value.trim() === '') throw unprocessable(`${where}the value for ${name} must not be empty`)

    return { attribute_id: attributeId, value }
  })
}

function checkFamilyWide(store: PosStore, input: CreateInput, isFamily: boolean) {
  assertNameFree(store, input.name)
  assertTags(store, input.tag_ids ?? [])
  if (!isFamily) assertOutlets(store, input.inventory ?? [], '')
  if (isFamily) {
    priceFields(input, store)
    checkProductTaxes(store, input, '')
  }
  for (const [field, collection] of [
    ['brand_id', store.brands],
    ['supplier_id', store.suppliers],
  ] as const) {
    const id = input[field]
    const found = id ? collection.get(id) : undefined
    if (id && (!found || found.deleted_at !== null))
      throw unprocessable(`${field}: ${id} not found`)
  }
  ;(input.composite ?? []).forEach((component, i) => {
    const product = store.products.get(component.product_id)
    if (!product || product.deleted_at !== null) {
      throw unprocessable(`composite[${i}].product_id: product ${component.product_id} not found`)
    }
    if (product.is_composite) {
      throw unprocessable(
        `composite[${i}].product_id: a composite cannot contain another composite`,
      )
    }
    if (!(component.quantity > 0))
      throw unprocessable(`composite[${i}].quantity must be more than 0`)
  })
  for (const image of [input, ...(input.variants ?? [])].flatMap((v) => imagesOf(v))) {
    // LIMITATION: only `url` images are taken; s3 and product-image uploads are not simulated,
    // and the app never sends images to Retail POS.
    if (image.type !== 'url')
      throw unprocessable(`images: type ${image.type} is not supported here`)
  }
}

/** A variant's own taxes, else the family's (standard products are their own variant). */
function ownTaxes(input: ProductTaxInput): ProductTaxInput | undefined {
  const { outlet_taxes, all_outlets_tax } = input
  if (!outlet_taxes && !all_outlets_tax) return undefined

  return {
    ...(outlet_taxes ? { outlet_taxes } : {}),
    ...(all_outlets_tax ? { all_outlets_tax } : {}),
  }
}

function imagesOf(value: unknown): ImageInput[] {
  const images = (value as { images?: unknown }).images

  return Array.isArray(images) ? (images as ImageInput[]) : []
}

function toImages(inputs: ImageInput[] | undefined, store: PosStore): StoredImage[] {
  return (inputs ?? []).map((image) => ({
    id: randomUUID(),
    url: image.location,
    version: store.nextVersion(),
  }))
}

function writeFamily(
  store: PosStore,
  input: CreateInput,
  planned: PlannedVariant[],
  attributeIds: string[],
): string[] {
  const now = timestamp()
  const familyId = randomUUID()
  const isComposite = (input.composite?.length ?? 0) > 0
  const hasInventory = !isComposite && (input.has_inventory ?? input.track_inventory ?? true)
  const taken = new Set(planned.flatMap((p) => (p.sku ? [p.sku.toLowerCase()] : [])))
  const familyPrice = priceFields(input, store)
  const ids: string[] = []

  planned.forEach((variant, i) => {
    const id = i === 0 ? familyId : randomUUID()
    const prices = priceFields(variant.input, store) ??
      familyPrice ?? { price_excluding_tax: '0', price_including_tax: '0' }
    const images = toImages(variant.input.images ?? input.images, store)
    const sku = variant.sku ?? nextSku(store, taken)
    taken.add(sku.toLowerCase())
    const product: ProductRecord = {
      id,
      family_id: familyId,
      variant_parent_id: i === 0 ? null : familyId,
      attribute_ids: attributeIds,
      variant_options: variant.values,
      name: input.name,
      handle: input.handle ?? handleFrom(input.name),
      sku,
      description: input.description ?? null,
      is_active: input.is_active ?? input.active ?? true,
      has_inventory: hasInventory,
      is_composite: isComposite,
      composite: input.composite ?? [],
      ...prices,
      supply_price:
        decimalField(variant.input.supply_price ?? input.supply_price, 'supply_price') ?? '0',
      loyalty_amount: decimalField(input.loyalty_amount, 'loyalty_amount') ?? null,
      tag_ids: [...new Set(input.tag_ids ?? [])],
      images,
      product_codes: variant.input.product_codes ?? [],
      product_suppliers: [],
      brand_id: input.brand_id ?? null,
      supplier_id: input.supplier_id ?? null,
      supplier_code: variant.input.supplier_code ?? input.supplier_code ?? null,
      product_category_id: input.product_category_id ?? input.product_type_id ?? null,
      account_code_sale: input.account_code_sale ?? null,
      account_code_purchase: input.account_code_purchase ?? null,
      source: input.source ?? 'USER',
      created_at: now,
      updated_at: now,
      deleted_at: null,
      version: 0,
    }
    saveProduct(store, product, now)
    ids.push(id)
  })
  planned.forEach((variant, i) => {
    const id = ids[i]
    if (!id) return
    if (hasInventory) writeStock(store, id, variant.input.inventory ?? [], true)
    writeProductTaxes(store, id, ownTaxes(variant.input) ?? ownTaxes(input) ?? {})
  })

  return ids
}
