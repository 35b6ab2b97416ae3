/**
 * What the screens' searches compare: names and SKUs folded the same way on both sides of the
 * match, in JavaScript, so that SQLite and PostgreSQL find the same rows whatever their locale.
 * "CAFÉ", "Café" and "cafe" all match "café"; "STRASSE" matches "Straße"; emoji and every other
 * character stay as they are (case C12).
 */

/** The folded form: compatibility-decomposed, case-folded, without combining marks. */
export function foldForSearch(text: string): string {
  return (
    text
      .normalize('NFKD')
      // Upper then lower folds what lower alone keeps apart (ß and SS, final and medial sigma).
      .toUpperCase()
      .toLowerCase()
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
  )
}

/** A LIKE pattern (with `\` as the escape) matching the folded text that contains `q`. */
export function containsPattern(q: string): string {
  const folded = foldForSearch(q.trim())

  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
