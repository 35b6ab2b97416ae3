/**
 * Stored records → the objects API 2.0 answers with, shaped after the spec's Product, Inventory,
 * Outlet, Tag and Retailer schemas and the fixtures' examples (empty relations are `{}`, as in
 * products.list.200.json; both price fields are always present).
 */
import type {
  InventoryRecord,
  NamedRecord,
  OutletRecord,
  ProductRecord,
  StoredImage,
} from './pos-model'
import type { PosStore } from './pos-store'

export interface ViewContext {
  store: PosStore
  publicUrl: string
}

const IMAGE_SIZES = {
  original: 800,
  standard: 350,
  thumb: 160,
  sl: 150,
  sm: 100,
  ss: 50,
  st: 40,
} as const

export type ImageSize = keyof typeof IMAGE_SIZES

export function imagePixels(size: string): number {
  return (IMAGE_SIZES as Record<string, number>)[size] ?? IMAGE_SIZES.standard
}

function imageSizes(image: StoredImage, publicUrl: string): Record<ImageSize, string> {
  const sizes = {} as Record<ImageSize, string>
  for (const size of Object.keys(IMAGE_SIZES) as ImageSize[]) {
    sizes[size] = image.path ? `${publicUrl}${image.path}/${size}.svg` : (image.url ?? '')
  }

  return sizes
}

const placeholder = (publicUrl: string, size: 'standard' | 'thumb') =>
  `${publicUrl}/images/placeholder/product/no-image-white-${size}.svg`

const num = (text: string) => Number(text)

function relation(record: NamedRecord | undefined) {
  return record ? { id: record.id, name: record.name, version: record.version } : {}
}

function variantName(product: ProductRecord, values: string[]) {
  return values.length > 0 ? `${product.name} / ${values.join(' / ')}` : product.name
}

export function renderProduct(product: ProductRecord, { store, publicUrl }: ViewContext) {
  const options = product.attribute_ids.map((attributeId) => ({
    id: attributeId,
    name: store.attributes.get(attributeId)?.name ?? '',
    value: product.variant_options.find((o) => o.attribute_id === attributeId)?.value ?? '',
  }))
  const isVariant = product.attribute_ids.length > 0
  const members = isVariant ? store.familySize(product.family_id) : 0
  const images = product.images.map((image) => {
    const sizes = imageSizes(image, publicUrl)

    return { id: image.id, url: sizes.original, version: image.version, sizes }
  })
  const first = images[0]
  const tags = product.tag_ids.flatMap((id) => {
    const tag = store.tags.get(id)

    return tag ? [{ id: tag.id, name: tag.name, version: tag.version }] : []
  })

  return {
    id: product.id,
    source_id: null,
    source_variant_id: null,
    variant_parent_id: product.variant_parent_id,
    family_id: product.family_id,
    name: product.name,
    variant_name: variantName(
      product,
      options.map((o) => o.value),
    ),
    handle: product.handle,
    sku: product.sku,
    supplier_code: product.supplier_code,
    active: product.is_active,
    is_active: product.is_active,
    has_inventory: product.has_inventory,
    is_composite: product.is_composite,
    description: product.description,
    image_url: first?.sizes.standard ?? placeholder(publicUrl, 'standard'),
    image_thumbnail_url: first?.sizes.thumb ?? placeholder(publicUrl, 'thumb'),
    created_at: product.created_at,
    updated_at: product.updated_at,
    deleted_at: product.deleted_at,
    source: product.source,
    account_code: product.account_code_sale,
    account_code_purchase: product.account_code_purchase,
    supply_price: num(product.supply_price),
    version: product.version,
    type: {},
    supplier: relation(product.supplier_id ? store.suppliers.get(product.supplier_id) : undefined),
    brand: relation(product.brand_id ? store.brands.get(product.brand_id) : undefined),
    variant_options: options,
    categories: tags,
    images,
    has_variants: isVariant && product.variant_parent_id === null,
    variant_count: members,
    button_order: 0,
    price_including_tax: num(product.price_including_tax),
    price_excluding_tax: num(product.price_excluding_tax),
    loyalty_amount: product.loyalty_amount === null ? null : num(product.loyalty_amount),
    attributes: [],
    supplier_id: product.supplier_id,
    product_type_id: product.product_category_id,
    brand_id: product.brand_id,
    tag_ids: tags.map((tag) => tag.id),
    product_codes: product.product_codes,
    product_suppliers: product.product_suppliers,
    ...(product.is_composite ? { composite_bom: compositeBom(product) } : {}),
  }
}

/** [X2] names a composite's components `composite_bom: {componentProductId: quantity}`. */
function compositeBom(product: ProductRecord) {
  return Object.fromEntries(product.composite.map((c) => [c.product_id, c.quantity]))
}

export function renderInventory(record: InventoryRecord) {
  return {
    id: record.id,
    product_id: record.product_id,
    outlet_id: record.outlet_id,
    inventory_level: record.inventory_level,
    current_amount: record.inventory_level,
    reorder_point: record.reorder_point,
    reorder_amount: record.reorder_amount,
    version: record.version,
    deleted_at: record.deleted_at,
  }
}

export function renderTag(tag: NamedRecord) {
  return { id: tag.id, name: tag.name, version: tag.version, deleted_at: tag.deleted_at }
}

export function renderAttribute(attribute: NamedRecord) {
  return {
    id: attribute.id,
    name: attribute.name,
    created_at: attribute.created_at,
    updated_at: attribute.updated_at,
    deleted_at: attribute.deleted_at,
    version: attribute.version,
  }
}

export function renderOutlet(outlet: OutletRecord, store: PosStore) {
  const retailer = store.retailer

  return {
    id: outlet.id,
    name: outlet.name,
    default_tax_id: retailer.tax_id,
    currency: retailer.currency_code,
    currency_symbol: retailer.currency_symbol,
    display_prices: retailer.tax_exclusive ? 'exclusive' : 'inclusive',
    time_zone: outlet.time_zone,
    physical_address_1: outlet.physical_address_1,
    physical_address_2: '',
    physical_suburb: '',
    physical_city: outlet.physical_city,
    physical_postcode: outlet.physical_postcode,
    physical_state: outlet.physical_state,
    physical_country_id: outlet.physical_country_id,
    version: outlet.version,
    deleted_at: outlet.deleted_at,
    attributes: [],
  }
}

export function renderRetailer(store: PosStore, publicUrl: string) {
  const r = store.retailer

  // The spec types `timezone` as an object and `version` as a string, unlike every other
  // example; both are left out rather than guessed. Outlets carry their time_zone.
  return {
    id: r.id,
    name: r.name,
    domain_prefix: r.domain_prefix,
    store_url: publicUrl,
    account_status: 'active',
    account_type: 'pro',
    currency: { code: r.currency_code, symbol: r.currency_symbol },
    tax_exclusive: r.tax_exclusive,
    country: r.country,
    culture: r.culture,
    sku_sequence: { enabled: true, value: r.sku_sequence },
    loyalty: { enabled: false, ratio: 0 },
    store_credit: false,
    gift_cards: { enabled: false, never_enabled: true },
    created_at: r.created_at,
    activated_at: r.created_at,
  }
}
