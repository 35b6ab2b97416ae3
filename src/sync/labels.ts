import type { CatalogProduct, CatalogVariant } from './model'

/** How a refusal or warning names a product: its name, else its SKU, else its id on its side. */
export function productLabel(p: CatalogProduct): string {
  if (p.name !== '') return `"${p.name}"`

  const [only] = p.variants
  const side = p.system === 'pos' ? 'Retail POS' : 'eCom'

  if (p.optionNames.length === 0 && only && only.sku !== '') return `product with SKU ${only.sku}`

  return `${side} product ${p.sourceId}`
}

/** How a variant is named: its SKU, else its option values ("Red / M"), else its id. */
export function variantLabel(v: CatalogVariant): string {
  if (v.sku !== '') return v.sku

  const values = v.optionValues.filter((value) => value !== '')

  return values.length > 0 ? values.join(' / ') : `#${v.sourceId}`
}

export function sourceSideName(p: CatalogProduct): string {
  return p.system === 'pos' ? 'Retail POS' : 'eCom'
}
