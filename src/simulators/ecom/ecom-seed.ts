/**
 * The demo eCom catalog, written for this project: an outdoor outfitter with categories, options
 * and variations, unicode, a disabled product, an unlimited-stock product, and products the upload
 * to Retail POS must refuse (variations without their own SKU, a variation with a blank option
 * value). It goes through the same writes as the API, except where noted.
 */
import type { EcomCatalog } from './ecom-catalog'
import { createCategory } from './ecom-categories'
import { setMainImage } from './ecom-images'
import { nowSeconds } from './ecom-model'
import { createProduct } from './ecom-products'

const IMAGE_BASE = 'https://images.ecom-simulator.invalid/demo'

function variations(sku: string, sizes: string[], colours: string[], stock: number[]) {
  let index = 0

  return colours.flatMap((colour) =>
    sizes.map((size) => ({
      options: [
        { name: 'Colour', value: colour },
        { name: 'Size', value: size },
      ],
      sku: `${sku}-${colour.slice(0, 3).toUpperCase()}-${size}`,
      quantity: stock[index++ % stock.length] ?? 0,
    })),
  )
}

function seedMainStore(catalog: EcomCatalog) {
  const apparel = createCategory(catalog, { name: 'Apparel', orderBy: 10 }).id
  const tees = createCategory(catalog, { name: 'T-Shirts', parentId: apparel, orderBy: 20 }).id
  const outerwear = createCategory(catalog, {
    name: 'Outerwear',
    parentId: apparel,
    orderBy: 30,
  }).id
  const camping = createCategory(catalog, { name: 'Camping Gear', orderBy: 40 }).id
  const kitchen = createCategory(catalog, {
    name: 'Camp Kitchen',
    parentId: camping,
    orderBy: 50,
  }).id
  const accessories = createCategory(catalog, { name: 'Accessories', orderBy: 60 }).id
  const clearance = createCategory(catalog, { name: 'Clearance', enabled: false, orderBy: 70 }).id

  const tee = createProduct(catalog, {
    name: 'Trailhead Merino Tee',
    sku: 'DO-TEE-MER',
    price: 42,
    quantity: 0,
    description: '<p>Soft 150 g/m² merino that stays fresh on long days.</p>',
    categoryIds: [tees],
    weight: 0.2,
    combinations: variations(
      'DO-TEE-MER',
      ['S', 'M', 'L'],
      ['Forest', 'Slate'],
      [4, 9, 6, 0, 3, 5],
    ),
  }).id
  setMainImage(catalog, tee, { externalUrl: `${IMAGE_BASE}/merino-tee.jpg` })

  createProduct(catalog, {
    name: 'Summit Rain Shell',
    sku: 'DO-SHELL',
    price: 149,
    compareToPrice: 179,
    quantity: 0,
    description: '<p>Three-layer waterproof shell with pit zips.</p>',
    categoryIds: [outerwear],
    combinations: [
      { options: [{ name: 'Size', value: 'M' }], sku: 'DO-SHELL-M', quantity: 7, price: 149 },
      { options: [{ name: 'Size', value: 'L' }], sku: 'DO-SHELL-L', quantity: 2, price: 154 },
      { options: [{ name: 'Size', value: 'XL' }], sku: 'DO-SHELL-XL', quantity: 0, price: 159 },
    ],
  })

  createProduct(catalog, {
    name: 'Café Crème Enamel Mug ☕',
    sku: 'DO-MUG-CREME',
    price: 16.5,
    quantity: 40,
    description: '<p>Émail sur acier, 350 ml. Größe: eine — rugged enough for the fire pit 🔥</p>',
    categoryIds: [kitchen],
    attributes: [{ name: 'Brand', value: 'Demo Outfitters', type: 'BRAND', show: 'DESCR' }],
  })

  createProduct(catalog, {
    name: 'Ørsted Knit Beanie',
    sku: 'DO-BEANIE',
    price: 24,
    unlimited: true,
    description: '<p>Made to order; never out of stock.</p>',
    categoryIds: [accessories],
  })

  createProduct(catalog, {
    name: 'Headlamp 300 lm',
    sku: 'DO-LAMP-300',
    price: 39.95,
    quantity: 0,
    description: '<p>USB-C rechargeable, red night mode.</p>',
    categoryIds: [camping, accessories],
  })

  createProduct(catalog, {
    name: 'Trekking Poles (pair)',
    sku: 'DO-POLES',
    price: 89,
    quantity: 12,
    enabled: false,
    description: '<p>Carbon shafts, cork grips. Hidden from the storefront for now.</p>',
    categoryIds: [camping, clearance],
  })

  const tent = createProduct(catalog, {
    name: 'Ultralight 2P Tent',
    sku: 'DO-TENT-2P',
    price: 329.99,
    quantity: 5,
    weight: 1.35,
    description: '<p>Freestanding, 1.35 kg packed.</p>',
    categoryIds: [camping],
    attributes: [{ name: 'UPC', value: '0845123000017', type: 'UPC', show: 'DESCR' }],
  }).id
  setMainImage(catalog, tent, { externalUrl: `${IMAGE_BASE}/tent-2p.jpg` })

  createProduct(catalog, {
    name: 'Insulated Bottle 750 ml',
    sku: 'DO-BOTTLE-750',
    price: 29,
    quantity: 25,
    categoryIds: [kitchen, accessories],
    combinations: [
      { options: [{ name: 'Colour', value: 'Glacier' }], sku: 'DO-BOTTLE-750-GLA', quantity: 10 },
      { options: [{ name: 'Colour', value: 'Ember' }], sku: 'DO-BOTTLE-750-EMB', quantity: 15 },
    ],
  })

  // Refused on upload to POS: no variation has a SKU of its own, so they sell from one stock.
  createProduct(catalog, {
    name: 'Packable Down Vest',
    sku: 'DO-VEST',
    price: 119,
    quantity: 8,
    categoryIds: [outerwear],
    combinations: ['S', 'M', 'L'].map((size) => ({ options: [{ name: 'Size', value: size }] })),
  })

  // Refused on upload to POS: every variation repeats the product's SKU. The API would answer
  // 409, so this one is written directly, as a store with non-unique SKUs allowed has them.
  const socks = createProduct(catalog, {
    name: 'Camp Socks 3-Pack',
    sku: 'DO-SOCKS',
    price: 21,
    quantity: 30,
    categoryIds: [accessories],
    combinations: ['S/M', 'L/XL'].map((size) => ({ options: [{ name: 'Size', value: size }] })),
  }).id
  const stored = catalog.products.get(socks)
  if (stored) {
    const combinations = stored.combinations.map((c) => ({ ...c, sku: 'DO-SOCKS', quantity: 15 }))
    catalog.saveProduct(
      { ...stored, combinations, updateTimestamp: nowSeconds() },
      'product.updated',
    )
  }

  // Refused on upload to POS: one variation leaves Size blank.
  createProduct(catalog, {
    name: 'Organic V-Neck Tee',
    sku: 'DO-VNECK',
    price: 34,
    quantity: 0,
    categoryIds: [tees],
    combinations: [
      {
        options: [
          { name: 'Colour', value: 'Red' },
          { name: 'Size', value: '' },
        ],
        sku: 'DO-VN-RED',
        quantity: 6,
      },
      {
        options: [
          { name: 'Colour', value: 'Navy' },
          { name: 'Size', value: 'M' },
        ],
        sku: 'DO-VN-NAVY-M',
        quantity: 4,
      },
    ],
  })
}

/** A second store's small catalog, so isolation tests can tell the stores apart. */
function seedOtherStore(catalog: EcomCatalog) {
  const home = createCategory(catalog, { name: 'Home' }).id
  createProduct(catalog, {
    name: 'Ceramic Planter',
    sku: 'OT-PLANTER',
    price: 18,
    quantity: 14,
    categoryIds: [home],
  })
  createProduct(catalog, {
    name: 'Linen Table Runner',
    sku: 'OT-RUNNER',
    price: 32,
    quantity: 3,
    categoryIds: [home],
  })
}

/** Seeds a store once per data file; a restart or a store emptied by hand is left as it is. */
export function seedStore(catalog: EcomCatalog, isFirstStore: boolean) {
  if (catalog.getMeta('seeded') || !catalog.isEmpty()) return
  catalog.transaction(() => {
    if (isFirstStore) seedMainStore(catalog)
    else seedOtherStore(catalog)
    catalog.putMeta('seeded', { at: nowSeconds() })
  })
}
