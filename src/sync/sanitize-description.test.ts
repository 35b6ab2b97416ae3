// eslint-disable-next-line no-restricted-imports -- only the test reads a file
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'

import { sanitizeDescription } from './sanitize-description'

// The Vend export is shared test input, never copied into the repository (catalogs/SOURCES.md).
const VEND_EXPORT = fileURLToPath(
  new URL('../../../shared/catalogs/vend-xseries-product-export.csv', import.meta.url),
)
const HAS_EXPORT = existsSync(VEND_EXPORT)

const APPLIQUE_ZIP = '0274a24e-fd3d-11e6-f3f1-1a2e5e0990c4'
const FABRIC_BELT = '060f02b1-c83d-11e6-e913-facc61f504cc'
const WORD_LEFTOVERS = [
  'mso',
  '<o:',
  '<w:',
  '<m:',
  'LsdException',
  '<xml',
  '<!--',
  'endif',
  '<style',
]

/** RFC 4180 records: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let isQuoted = false

  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]

    if (isQuoted && ch === '"' && text[i + 1] === '"') {
      field += '"'
      i += 1
    } else if (ch === '"') isQuoted = !isQuoted
    else if (!isQuoted && ch === ',') {
      row.push(field)
      field = ''
    } else if (!isQuoted && ch === '\n') {
      rows.push([...row, field.replace(/\r$/, '')])
      row = []
      field = ''
    } else field += ch
  }

  return field === '' && row.length === 0 ? rows : [...rows, [...row, field]]
}

function vendDescriptions(): [id: string, description: string][] {
  // The export is not valid UTF-8 (Mac-Roman bytes); decoding it is the importer's job, and the
  // rows used here are plain ASCII.
  const [header = [], ...rows] = parseCsv(new TextDecoder().decode(readFileSync(VEND_EXPORT)))
  const column = header.indexOf('description')

  return rows.map((row) => [row[0] ?? '', row[column] ?? ''])
}

describe.runIf(HAS_EXPORT)('descriptions of the Vend export', () => {
  const rows = HAS_EXPORT ? vendDescriptions() : []
  const descriptionOf = (id: string) => rows.find(([rowId]) => rowId === id)?.[1] ?? ''

  test('drop the MS-Word settings pasted into Harvard Applique Full Zip', () => {
    const raw = descriptionOf(APPLIQUE_ZIP)

    const clean = sanitizeDescription(raw)

    expect(raw).toContain('<!-- [if gte mso 9]><xml>')
    expect(WORD_LEFTOVERS.filter((leftover) => clean.includes(leftover))).toEqual([])
    expect(clean.replace(/<\/?p>|\s/g, '')).toBe('')
  })

  test('keep every character of the text that follows real Word markup', () => {
    const raw = descriptionOf(APPLIQUE_ZIP)
    const wordBlocks = raw.match(/<!--\s*\[if gte mso 9\]>[\s\S]*?<!\[endif\]-->/g) ?? []
    const text = '<p>Größe: M — 100 % Baumwolle 👕\u2028zip\u00a0front</p>'

    const clean = sanitizeDescription(`<p>${wordBlocks.join('')}</p>${text}`)

    expect(wordBlocks).toHaveLength(2)
    expect(clean).toBe(`<p></p>${text}`)
  })

  test('drop a style element with the Word CSS inside it and keep the rest as it was', () => {
    const raw = descriptionOf(FABRIC_BELT)
    const style = /<style type="text\/css">[\s\S]*?<\/style>/

    const clean = sanitizeDescription(raw)

    expect(raw).toMatch(/<style type="text\/css"><!--[\s\S]*mso-data-placement/)
    expect(clean).toBe(raw.replace(style, ''))
  })

  test('leave no script, style, comment or Word tag in any of the 1,217 rows', () => {
    const leftovers = rows
      .map(([id, raw]) => [id, sanitizeDescription(raw)] as const)
      .filter(([, clean]) => /<script|<style|<!--|<[owm]:|<xml/i.test(clean))

    expect(rows).toHaveLength(1217)
    expect(leftovers).toEqual([])
  })
})

// Shows in the report as skipped, with the reason, only when the export is not there.
if (!HAS_EXPORT) {
  test.skip('Vend export descriptions: ../shared/catalogs/vend-xseries-product-export.csv is absent', () => {})
}

describe('sanitizeDescription', () => {
  test('keeps normal markup: paragraphs, lists, links, images, tables and headings', () => {
    const html =
      '<h2>Care</h2><p><strong>Wash</strong> <em>cold</em><br />and <span>dry</span>.</p>' +
      '<ul><li>One</li></ul><ol><li>Two</li></ol>' +
      '<a href="https://shop.example/care">More</a><img src="https://cdn.example/a.jpg" />' +
      '<table><tbody><tr><th>Size</th><td>M</td></tr></tbody></table>'

    expect(sanitizeDescription(html)).toBe(html)
  })

  test('drops scripts and styles with their bodies, handlers and Word classes', () => {
    const html =
      '<p class="MsoNormal" style="mso-bidi-font-size:12pt">Hi<o:p></o:p></p>' +
      '<script>alert(1)</script><style>p { color: red }</style>' +
      '<img src="https://cdn.example/a.jpg" onerror="alert(2)" />' +
      '<a href="javascript:alert(3)">x</a>'

    expect(sanitizeDescription(html)).toBe(
      '<p>Hi</p><img src="https://cdn.example/a.jpg" /><a>x</a>',
    )
  })

  test('keeps the text of Word tags outside Word settings blocks', () => {
    const html = '<p><w:Sdt>Deep pockets</w:Sdt> and <o:p>a hood</o:p></p>'

    expect(sanitizeDescription(html)).toBe('<p>Deep pockets and a hood</p>')
  })

  test('writes &nbsp; out as the no-break space it stands for', () => {
    expect(sanitizeDescription('<p>100&nbsp;%</p>')).toBe('<p>100\u00a0%</p>')
  })
})
