/**
 * The demo store "Demo Outfitters", written for this project: standard products and families
 * with one to three attributes, tags, images, accented, CJK and emoji text, stock at two outlets
 * (one level negative, one product untracked), plus products a sync must refuse: a composite, a
 * variant without a SKU, and two variants sharing one SKU. The last two cannot be made through the
 * API (it generates missing SKUs and refuses duplicates), so they are written after creation, as
 * an old import would have left them.
 */
import { randomUUID } from 'node:crypto'
import { createNamed, setOutlets } from './named-records'
import { timestamp } from './pos-model'
import type { PosStore } from './pos-store'
import { createProducts } from './product-create'
import { deleteProduct } from './product-family'
import { saveProduct } from './product-write'

interface DemoVariant {
  sku: string
  values: string[]
  /** Stock at Main Street, then Harbor Pop-up. */
  stock: [number, number]
}

interface DemoProduct {
  name: string
  description: string
  tags: string[]
  price: number
  supply: number
  sku?: string
  stock?: [number, number]
  attributes?: string[]
  variants?: DemoVariant[]
  isActive?: boolean
  tracksInventory?: boolean
  brand?: string
  supplier?: string
}

const sizes = (prefix: string, values: string[], stock: [number, number][]) =>
  values.map((value, i) => ({
    sku: `${prefix}-${value.replace(/\W+/g, '')}`,
    values: [value],
    stock: stock[i] ?? [0, 0],
  }))

const DEMO_PRODUCTS: DemoProduct[] = [
  {
    name: 'Trail Hoodie',
    description:
      '<p>Brushed-back fleece, a kangaroo pocket and a hood that stays put on windy ridges.</p>',
    tags: ['Apparel', '新作'],
    price: 59,
    supply: 24.5,
    brand: 'Trailhead Goods',
    attributes: ['Color', 'Size'],
    variants: [
      { sku: 'DO-HOOD-FOR-S', values: ['Forest', 'S'], stock: [8, 2] },
      { sku: 'DO-HOOD-FOR-M', values: ['Forest', 'M'], stock: [5, -2] },
      { sku: 'DO-HOOD-FOR-L', values: ['Forest', 'L'], stock: [3, 1] },
      { sku: 'DO-HOOD-CHA-S', values: ['Charcoal', 'S'], stock: [4, 0] },
      { sku: 'DO-HOOD-CHA-M', values: ['Charcoal', 'M'], stock: [6, 3] },
      { sku: 'DO-HOOD-CHA-L', values: ['Charcoal', 'L'], stock: [2, 1] },
    ],
  },
  {
    name: 'Merino Beanie',
    description: '<p>Fine merino rib knit. Warm, soft, and it does not itch.</p>',
    tags: ['Accessories', 'Apparel'],
    price: 24,
    supply: 9.75,
    brand: 'Trailhead Goods',
    attributes: ['Color'],
    variants: sizes(
      'DO-BEAN',
      ['Oatmeal', 'Navy', 'Rust'],
      [
        [12, 4],
        [9, 2],
        [0, 5],
      ],
    ),
  },
  {
    name: 'Café Crème Mug ☕',
    description:
      '<p>Grès émaillé, 350 ml. Lavable au lave-vaisselle — parfait pour un café crème.</p>',
    tags: ['Home', 'Café'],
    price: 14.5,
    supply: 5.2,
    sku: 'DO-MUG-CREME',
    stock: [20, 6],
  },
  {
    name: 'Tōkyō Canvas Tote 東京',
    description: '<p>丈夫な帆布のトートバッグ。A sturdy canvas tote with an inside pocket.</p>',
    tags: ['Accessories', '新作'],
    price: 32,
    supply: 11,
    sku: 'DO-TOTE-TOKYO',
    stock: [7, 0],
  },
  {
    name: 'Rainbow Crew Socks 🌈',
    description: '<p>Stripes in every colour 🌈 — 80 % combed cotton.</p>',
    tags: ['Apparel', 'Gifts'],
    price: 12.99,
    supply: 3.1,
    attributes: ['Size'],
    variants: sizes(
      'DO-SOCK',
      ['S–M', 'L–XL'],
      [
        [30, 10],
        [25, 8],
      ],
    ),
  },
  {
    name: 'Linen Button Shirt',
    description: '<p>Relaxed cut, mother-of-pearl buttons. Gets softer with every wash.</p>',
    tags: ['Apparel'],
    price: 78,
    supply: 31.25,
    supplier: 'Northwind Textiles',
    attributes: ['Color', 'Size', 'Material'],
    variants: ['White', 'Sand'].flatMap((color) =>
      ['M', 'L'].flatMap((size) =>
        ['Linen', 'Linen–Cotton'].map((material, i) => ({
          sku: `DO-SHIRT-${color.slice(0, 3).toUpperCase()}-${size}-${i === 0 ? 'LIN' : 'MIX'}`,
          values: [color, size, material],
          stock: [size === 'M' ? 3 : 2, i] as [number, number],
        })),
      ),
    ),
  },
  {
    name: 'Ñandú Wool Scarf',
    description: '<p>Tejida a mano en Perú. Hand-woven, 180 × 30 cm.</p>',
    tags: ['Accessories', 'Sale'],
    price: 45.9,
    supply: 18,
    sku: 'DO-SCARF-NANDU',
    stock: [4, 1],
  },
  {
    name: 'Enamel Camp Mug',
    description: '<p>Steel with a chip-resistant enamel coat. Campfire-safe.</p>',
    tags: ['Home', 'Café'],
    price: 16,
    supply: 6,
    sku: 'DO-MUG-CAMP',
    stock: [15, 5],
  },
  {
    name: 'Gift Wrapping',
    description: '<p>Recycled paper, twine and a handwritten card.</p>',
    tags: ['Gifts'],
    price: 4.5,
    supply: 0.8,
    sku: 'DO-GIFTWRAP',
    tracksInventory: false,
  },
  {
    name: 'Leather Card Wallet',
    description: '<p>Vegetable-tanned leather, four card slots, ages beautifully.</p>',
    tags: ['Accessories'],
    price: 38,
    supply: 14.4,
    supplier: 'Northwind Textiles',
    attributes: ['Color'],
    variants: sizes(
      'DO-WALLET',
      ['Tan', 'Black', 'Oxblood'],
      [
        [6, 2],
        [5, 0],
        [1, 1],
      ],
    ),
  },
  {
    name: 'Sunset Poster (A2)',
    description: '<p>Giclée print on 200 g matte paper, 42 × 59.4 cm. Frame not included.</p>',
    tags: ['Home'],
    price: 24.99,
    supply: 7.5,
    sku: 'DO-POSTER-SUNSET',
    stock: [10, 0],
  },
  {
    name: 'Water Bottle 750 ml',
    description: '<p>Double-walled steel: cold for 24 h, hot for 12 h.</p>',
    tags: ['Accessories'],
    price: 27.5,
    supply: 10.2,
    attributes: ['Color'],
    variants: sizes(
      'DO-BOTTLE',
      ['Sage', 'Sand'],
      [
        [11, 3],
        [8, 4],
      ],
    ),
  },
  {
    name: 'Kids Rain Jacket',
    description: '<p>Taped seams and reflective piping. Back next spring.</p>',
    tags: ['Apparel', 'Sale'],
    price: 49,
    supply: 19,
    isActive: false,
    attributes: ['Size'],
    variants: sizes(
      'DO-RAINKID',
      ['4', '6', '8'],
      [
        [2, 0],
        [0, 0],
        [1, 0],
      ],
    ),
  },
  {
    name: 'Old Logo Tee',
    description: '<p>The 2019 logo. Retired.</p>',
    tags: ['Apparel'],
    price: 19,
    supply: 6,
    sku: 'DO-TEE-OLDLOGO',
    stock: [0, 0],
  },
  {
    name: 'Mystery Tee',
    description: '<p>A surprise print in every bag.</p>',
    tags: ['Apparel'],
    price: 22,
    supply: 7,
    attributes: ['Size'],
    variants: sizes(
      'DO-MYSTERY',
      ['S', 'M', 'L'],
      [
        [5, 1],
        [4, 1],
        [3, 1],
      ],
    ),
  },
  {
    name: 'Twin Pack Bandana',
    description: '<p>Two cotton bandanas, one pattern.</p>',
    tags: ['Accessories'],
    price: 15,
    supply: 4,
    attributes: ['Color'],
    variants: sizes(
      'DO-BANDANA',
      ['Red', 'Blue'],
      [
        [6, 2],
        [6, 2],
      ],
    ),
  },
]

/** Fills an empty store: the demo catalog, or (seed 'none') just the one outlet a store has. */
export function seedStore(store: PosStore, seed: 'demo' | 'none') {
  if (seed === 'demo') seedDemoCatalog(store)
  else setOutlets(store, [{ name: 'Main Outlet' }])
}

export function seedDemoCatalog(store: PosStore) {
  const outlets = setOutlets(store, [
    { name: 'Main Street', physical_city: 'New York', physical_state: 'NY' },
    { name: 'Harbor Pop-up', physical_city: 'Brooklyn', physical_state: 'NY' },
  ])
  const idsOf = (collection: Parameters<typeof createNamed>[1], names: string[], label: string) =>
    new Map(names.map((name) => [name, createNamed(store, collection, name, label).id]))
  const attributes = idsOf(store.attributes, ['Color', 'Size', 'Material'], 'variant attribute')
  const tagNames = [...new Set(DEMO_PRODUCTS.flatMap((p) => p.tags))]
  const tags = idsOf(store.tags, tagNames, 'tag')
  const brands = idsOf(store.brands, ['Trailhead Goods'], 'brand')
  const suppliers = idsOf(store.suppliers, ['Northwind Textiles'], 'supplier')
  const stock = ([main, harbor]: [number, number]) =>
    outlets.map((outlet, i) => ({ outlet_id: outlet.id, current_amount: i === 0 ? main : harbor }))
  const familyIds = new Map<string, string[]>()

  for (const demo of DEMO_PRODUCTS) {
    const variants = demo.variants?.map((variant) => ({
      sku: variant.sku,
      price_excluding_tax: demo.price,
      supply_price: demo.supply,
      inventory: stock(variant.stock),
      variant_definitions: variant.values.map((value, i) => ({
        attribute_id: attributes.get(demo.attributes?.[i] ?? '') ?? '',
        value,
      })),
    }))
    const ids = createProducts(store, {
      name: demo.name,
      description: demo.description,
      tag_ids: demo.tags.map((tag) => tags.get(tag)),
      is_active: demo.isActive ?? true,
      has_inventory: demo.tracksInventory ?? true,
      brand_id: demo.brand ? brands.get(demo.brand) : undefined,
      supplier_id: demo.supplier ? suppliers.get(demo.supplier) : undefined,
      ...(variants
        ? { variants }
        : {
            sku: demo.sku,
            price_excluding_tax: demo.price,
            supply_price: demo.supply,
            inventory: stock(demo.stock ?? [0, 0]),
          }),
    })
    familyIds.set(demo.name, ids)
  }
  addDemoImages(store, familyIds)
  addRefusedCases(store, familyIds)
}

// Images point at the simulator's own /images route (a path, so a new publicUrl still works).
function addDemoImages(store: PosStore, familyIds: Map<string, string[]>) {
  const now = timestamp()
  for (const ids of familyIds.values()) {
    for (const id of ids) {
      const product = store.products.get(id)
      if (!product) continue
      const path = `/images/demo/${product.handle}`
      const image = { id: randomUUID(), path, version: store.nextVersion() }
      saveProduct(store, { ...product, images: [image] }, now)
    }
  }
}

function addRefusedCases(store: PosStore, familyIds: Map<string, string[]>) {
  const now = timestamp()
  const product = (name: string, index: number) => {
    const id = familyIds.get(name)?.[index]

    return id ? store.products.get(id) : undefined
  }
  const camp = product('Enamel Camp Mug', 0)
  const navy = product('Merino Beanie', 1)
  if (camp && navy) {
    createProducts(store, {
      name: 'Weekend Kit',
      description: '<p>A camp mug and a navy beanie, bundled.</p>',
      sku: 'DO-KIT-WEEKEND',
      price_excluding_tax: 36,
      composite: [
        { product_id: camp.id, quantity: 1 },
        { product_id: navy.id, quantity: 1 },
      ],
    })
  }
  const noSku = product('Mystery Tee', 1)
  if (noSku) saveProduct(store, { ...noSku, sku: '' }, now)
  const [red, blue] = [product('Twin Pack Bandana', 0), product('Twin Pack Bandana', 1)]
  if (red && blue) saveProduct(store, { ...blue, sku: red.sku }, now)
  const retired = product('Old Logo Tee', 0)
  if (retired) deleteProduct(store, retired.id)
}
