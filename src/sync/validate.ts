import { productLabel, variantLabel } from './labels'
import type {
  CatalogProduct,
  CatalogVariant,
  Refusal,
  UploadDirection,
  UploadWarning,
} from './model'
import { isNegative } from './money'
import { skuUniquenessKey } from './text'

/** X-Series limits per family (API-FACTS §2.6); Ecwid takes at most 200 variations per request. */
export const MAX_OPTIONS = 3
export const MAX_VARIANTS = 200
/** The article's limit of tags ⇄ categories per product. */
export const MAX_TAGS = 75

/**
 * Every reason the product cannot be uploaded, all at once, so the merchant fixes it in one go.
 * The article asks eCom → POS for a name and a SKU on each product and a unique SKU on each
 * variant. Retail POS → eCom, a standard product without a SKU is not a refusal (case C3): it is
 * created, never linked, and eCom gives it a SKU of its own; the link is kept by id afterwards.
 * A variant without a SKU is refused both ways: eCom gives a variation none, and a variation
 * without one sells from the whole product's stock, not its own (decision 010). SKUs that are
 * shared stay a refusal both ways. Limits count options and variants, never characters.
 */
export function validateForUpload(p: CatalogProduct, direction: UploadDirection): Refusal[] {
  const label = productLabel(p)
  const source = direction === 'pos-to-ecom' ? 'Retail POS' : 'eCom'
  const refusals: Refusal[] = []
  const refuse = (field: string, problem: string) =>
    refusals.push({ field, message: `${label}: ${problem}` })

  if (p.name === '') refuse('name', `a name is required; add one in ${source}`)
  if (p.isComposite) refuse('composite', 'composite products are not supported')
  if (p.optionNames.length > MAX_OPTIONS) {
    refuse(
      'options',
      `it has ${p.optionNames.length} options (${p.optionNames.join(', ')}); at most ${MAX_OPTIONS} are supported`,
    )
  }
  if (p.variants.length > MAX_VARIANTS) {
    refuse(
      'variants',
      `it has ${p.variants.length} variants; at most ${MAX_VARIANTS} are supported`,
    )
  }
  if (p.variants.length === 0) refuse('variants', 'it has no variant to upload')

  p.optionNames.forEach((name, i) => {
    if (name === '') refuse('options', `option ${i + 1} has no name`)
  })

  const skuProblem =
    p.optionNames.length === 0
      ? direction === 'pos-to-ecom'
        ? null
        : standardSkuProblem(p, source)
      : variantSkuProblem(p, direction)

  if (skuProblem) refuse('sku', skuProblem)

  for (const v of p.variants) {
    p.optionNames.forEach((name, i) => {
      if (name !== '' && v.optionValues[i] === '') {
        refuse('options', `variant ${variantLabel(v)} has no value for ${name}`)
      }
    })
  }

  for (const problem of sameOptionsProblems(p)) refuse('variants', problem)
  for (const problem of priceProblems(p)) refuse('price', problem)

  return refusals
}

function standardSkuProblem(p: CatalogProduct, source: string): string | null {
  return p.variants.some((v) => v.sku === '') ? `SKU required; add one in ${source}` : null
}

/**
 * Case C10: one message that lists every variant without a SKU or sharing one. Retail POS → eCom
 * it also says why a missing one matters there: eCom would sell that variant from the product's
 * stock (decision 010).
 */
function variantSkuProblem(p: CatalogProduct, direction: UploadDirection): string | null {
  const missing = p.variants.filter((v) => v.sku === '')
  const groups = new Map<string, CatalogVariant[]>()

  for (const v of p.variants.filter((v) => v.sku !== '')) {
    const key = skuUniquenessKey(v.sku)

    groups.set(key, [...(groups.get(key) ?? []), v])
  }

  const shared = [...groups.values()].filter((group) => group.length > 1)
  const parts = [
    ...(missing.length > 0 ? [`no SKU: ${listOf(missing.map(optionsLabel))}`] : []),
    ...shared.map((group) => {
      const sku = group[0]?.sku ?? ''

      return `SKU ${sku} shared by ${listOf(group.map(optionsLabel))}`
    }),
  ]

  if (parts.length === 0) return null

  const problem = `each variant needs its own unique SKU (${parts.join('; ')})`

  return direction === 'pos-to-ecom' && missing.length > 0
    ? `${problem}; add one in Retail POS: on eCom a variant without a SKU sells from the whole product's stock`
    : problem
}

/** Values that differ only by padding were merged on reading; two variants may now collide. */
function sameOptionsProblems(p: CatalogProduct): string[] {
  if (p.optionNames.length === 0) return []

  const groups = new Map<string, CatalogVariant[]>()

  for (const v of p.variants) {
    const key = v.optionValues.join('\u0000')

    groups.set(key, [...(groups.get(key) ?? []), v])
  }

  return [...groups.values()]
    .filter((group) => group.length > 1)
    .map((group) => {
      const values = p.optionNames.map((name, i) => `${name}: ${group[0]?.optionValues[i] ?? ''}`)

      return `variants ${listOf(group.map(variantLabel))} have the same options (${values.join(', ')})`
    })
}

function priceProblems(p: CatalogProduct): string[] {
  const isStandard = p.optionNames.length === 0

  return p.variants.flatMap((v) => {
    const prefix = isStandard ? '' : `variant ${variantLabel(v)}: `

    if (v.price !== null) return isNegative(v.price) ? [`${prefix}price ${v.price} is below 0`] : []
    if (v.rawPrice === undefined || v.rawPrice === null || v.rawPrice === '') {
      return [`${prefix}a price is required`]
    }

    return [`${prefix}price ${quote(v.rawPrice)} is not a number`]
  })
}

/** The first 75 tags, in the source's order: the rest stay behind, with a warning. */
export function tagsForUpload(p: CatalogProduct): string[] {
  return p.tags.slice(0, MAX_TAGS)
}

/** What the merchant should know about an upload that still goes ahead. */
export function uploadWarnings(p: CatalogProduct, direction: UploadDirection): UploadWarning[] {
  const warnings = [...(p.warnings ?? [])]
  const left = p.tags.slice(MAX_TAGS)
  const [from, to] = direction === 'pos-to-ecom' ? ['tags', 'categories'] : ['categories', 'tags']

  // Only a standard product gets here without a SKU: eCom generates a product's SKU when it is
  // left out, never a variation's (a variant without one is refused above).
  const isStandard = p.optionNames.length === 0

  if (direction === 'pos-to-ecom' && isStandard && p.variants.some((v) => v.sku === '')) {
    warnings.push({
      field: 'sku',
      message: `${productLabel(p)}: it has no SKU in Retail POS, so eCom gave it one of its own; add a SKU in Retail POS to find it by SKU`,
    })
  }
  if (left.length > 0) {
    warnings.push({
      field: 'tags',
      message: `${productLabel(p)}: it has ${p.tags.length} ${from}; only the first ${MAX_TAGS} become ${to} (left out: ${left.join(', ')})`,
    })
  }

  return warnings
}

function optionsLabel(v: CatalogVariant): string {
  const values = v.optionValues.filter((value) => value !== '')

  return values.length > 0 ? values.join(' / ') : `#${v.sourceId}`
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join('')

  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`
}

function quote(raw: unknown): string {
  if (typeof raw === 'string') return `"${raw}"`
  if (typeof raw === 'number') return String(raw)

  return JSON.stringify(raw) ?? String(raw)
}
