/**
 * How names, SKUs, option values and tags are cleaned and compared (cases C3, C11, C12).
 *
 * Padding is only ever cut at the ends, with String.prototype.trim: ASCII spaces, tabs and line
 * breaks, and Unicode white space, which includes a no-break space (U+00A0), U+2028 and a stray
 * BOM. A no-break space at an end counts as padding: it arrives from copy-paste out of web pages
 * and Word, is invisible in both admins, and nobody can type it into a search box. Every character
 * inside the text is kept as it is, no-break spaces and emoji included.
 */

export function cleanText(value: string | null | undefined): string {
  return (value ?? '').trim()
}

/**
 * The SKU as it is compared when linking: trimmed, case kept, inner spaces kept. '' for a blank
 * SKU, which never matches anything (see sameSku). Case is kept because a wrong link moves stock
 * and prices onto another product unnoticed, while a missed link shows up as a duplicate.
 */
export function skuKey(sku: string | null | undefined): string {
  return cleanText(sku)
}

/** True when both SKUs are the same non-blank SKU. */
export function sameSku(a: string | null | undefined, b: string | null | undefined): boolean {
  const key = skuKey(a)

  return key !== '' && key === skuKey(b)
}

/**
 * Uniqueness of SKUs inside one product ignores case: X-Series searches SKUs in lower case, so
 * two variants that differ only in case could not be told apart there.
 */
export function skuUniquenessKey(sku: string): string {
  return skuKey(sku).toLowerCase()
}

/** Tags and categories are one when trimmed, composed (NFC) and case-folded: "Mugs" is "mugs ". */
export function tagKey(name: string | null | undefined): string {
  return cleanText(name).normalize('NFC').toLowerCase()
}

/** Option names match across members and variations the same way tags do. */
export const optionNameKey = tagKey

/** Trimmed, non-blank names in their first spelling, later duplicates (by key) dropped. */
export function uniqueNames(
  names: readonly (string | null | undefined)[],
  keyOf: (name: string) => string = tagKey,
): string[] {
  const seen = new Set<string>()
  const kept: string[] = []

  for (const raw of names) {
    const name = cleanText(raw)
    const key = keyOf(name)

    if (name === '' || seen.has(key)) continue
    seen.add(key)
    kept.push(name)
  }

  return kept
}
