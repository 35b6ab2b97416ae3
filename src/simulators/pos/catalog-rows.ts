/**
 * Reads a Vend / X-Series product export into families: decoded (catalog-decode.ts), parsed with
 * csv-parse, rows grouped by `handle` (a family's rows are not adjacent; the first in file order
 * is the parent), composite component rows set apart, and unusable rows rejected with a reason.
 */
import { parse } from 'csv-parse/sync'
import { readFile } from 'node:fs/promises'
import { decodeCatalogBytes } from './catalog-decode'

export interface RejectedRow {
  /** The record's number, header = 1 (the CRLF line number: bare CRs inside cells do not count). */
  row: number
  /** The physical line the record starts on, counting bare CRs and LFs as editors do. */
  line: number
  handle: string
  sku: string
  reason: string
}

export interface CatalogRow {
  row: number
  line: number
  cells: Record<string, string>
}

export interface CatalogFamily {
  handle: string
  /** The family's own rows, parent first. */
  rows: CatalogRow[]
  /** Rows naming a composite_handle/composite_sku: components of this (composite) family. */
  components: CatalogRow[]
}

export interface CatalogFile {
  charset: string
  /** Data rows read (the header not counted). */
  rows: number
  legacyRuns: number
  repairedRuns: number
  outletNames: string[]
  families: CatalogFamily[]
  rejected: RejectedRow[]
}

const REQUIRED_COLUMNS = ['handle', 'sku', 'name']

export function rejection(row: CatalogRow, reason: string): RejectedRow {
  return {
    row: row.row,
    line: row.line,
    handle: row.cells.handle ?? '',
    sku: row.cells.sku ?? '',
    reason,
  }
}

export async function readCatalogFile(file: string): Promise<CatalogFile> {
  const decoded = decodeCatalogBytes(await readFile(file))
  const records = parseRecords(file, decoded.text)
  const [header, ...body] = records
  const columns = header?.record ?? []
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c))
  if (missing.length > 0)
    throw new Error(
      `${file}: not a Retail POS product export: it has no ${missing.join(', ')} column (its columns: ${columns.slice(0, 8).join(', ') || 'none'}${columns.length > 8 ? ', …' : ''})`,
    )

  let previousEnd = header?.info.lines ?? 1
  const rows = body.map(({ record, info }, i) => {
    const line = previousEnd + 1
    previousEnd = info.lines
    const cells = Object.fromEntries(columns.map((column, c) => [column, record[c] ?? '']))

    return { row: i + 2, line, cells }
  })
  const { families, rejected } = groupFamilies(rows)

  return {
    charset: decoded.charset,
    legacyRuns: decoded.legacyRuns,
    repairedRuns: decoded.repairedRuns,
    outletNames: columns.flatMap((c) => (c.startsWith('inventory_') ? [c.slice(10)] : [])),
    rows: rows.length,
    families,
    rejected,
  }
}

type ParsedRecord = { record: string[]; info: { lines: number } }

/** The file's CSV records; a file that is not CSV at all is refused saying what it looks like. */
function parseRecords(file: string, text: string): ParsedRecord[] {
  const start = text.trimStart()[0]

  if (start === '{' || start === '[') {
    throw new Error(
      `${file}: not a Retail POS product export: it is JSON, and an export is a CSV file (Catalog > Products > Export in Retail POS)`,
    )
  }

  try {
    return parse(text, { info: true }) as unknown as ParsedRecord[]
  } catch (error) {
    throw new Error(
      `${file}: not a Retail POS product export, it cannot be read as CSV (${(error as Error).message})`,
      { cause: error },
    )
  }
}

const isComponent = (row: CatalogRow) =>
  row.cells.composite_handle !== '' || row.cells.composite_sku !== ''

function emptyFields(row: CatalogRow, fields: string[]) {
  return fields.filter((field) => (row.cells[field] ?? '').trim() === '')
}

function listWords(words: string[]) {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

function groupFamilies(rows: CatalogRow[]) {
  const byHandle = new Map<string, CatalogFamily>()
  const rejected: RejectedRow[] = []
  for (const row of rows) {
    const component = isComponent(row)
    const empty = emptyFields(row, component ? ['handle', 'composite_sku'] : REQUIRED_COLUMNS)
    if (empty.length > 0) {
      const what = component ? 'a composite component row' : 'a product needs all three'
      rejected.push(rejection(row, `empty ${listWords(empty)} (${what})`))
      continue
    }
    const handle = row.cells.handle ?? ''
    let family = byHandle.get(handle)
    if (!family) {
      family = { handle, rows: [], components: [] }
      byHandle.set(handle, family)
    }
    if (component) family.components.push(row)
    else family.rows.push(row)
  }

  return { families: [...byHandle.values()], rejected }
}
