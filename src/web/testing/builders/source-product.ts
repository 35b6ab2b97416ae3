import type { Side, SourceProduct } from '../../../contracts/api'
import { nextId } from './sequence'

export function buildSourceProduct(overrides: Partial<SourceProduct> = {}): SourceProduct {
  const n = nextId()

  return {
    sourceId: `src-${n}`,
    name: `Product ${n}`,
    sku: `SKU-${n}`,
    variantCount: 1,
    price: '10.00',
    stock: 5,
    imageUrl: null,
    ...overrides,
  }
}

const NAMES = ['Canvas Tote', 'Linen Shirt', 'Wool Beanie', 'Clay Mug', 'Oak Coaster', 'Hemp Socks']

/** A catalog of 60 products per side, with an emoji name and an HTML-looking name among them. */
export function buildCatalog(side: Side, size = 60): SourceProduct[] {
  const prefix = side === 'pos' ? 'POS' : 'EC'

  return Array.from({ length: size }, (_, index) => {
    const n = index + 1
    const sku = `${prefix}-${String(n).padStart(4, '0')}`
    const base = {
      sourceId: `${side}-${n}`,
      sku,
      variantCount: (n % 3) + 1,
      price: `${(n * 1.5 + 4).toFixed(2)}`,
      stock: n % 7 === 0 ? null : n * 2,
    }

    if (n === 1) return buildSourceProduct({ ...base, name: 'Leaf Tee 🍃' })
    if (n === 2) return buildSourceProduct({ ...base, name: '<img src=x onerror=alert(1)>' })

    return buildSourceProduct({ ...base, name: `${NAMES[n % NAMES.length] ?? 'Item'} ${n}` })
  })
}
