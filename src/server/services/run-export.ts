/**
 * A run's failed and refused products as a CSV file for a spreadsheet: name, SKU, outcome,
 * reasons, source id. UTF-8 with a byte order mark, so Excel shows "Leaf Tee 🍃" as written.
 */
import { Readable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { notFound } from '../errors'
import { findRun, listItemsAfter } from '../store/run-store'
import type { Db } from '../store/db'
import type { AppContext } from './context'

const BOM = '\uFEFF'
const PAGE = 500
const HEADER = ['Name', 'SKU', 'Outcome', 'Reasons', 'Source ID']
const OUTCOMES = { failed: 'Failed', refused: 'Refused' } as const

/** Formulas are written as text (a leading quote), so a product name never runs in Excel. */
function csvLines(rows: string[][]) {
  return stringify(rows, { escape_formulas: true, record_delimiter: 'windows' })
}

async function* exportLines(db: Db, runId: string) {
  yield BOM + csvLines([HEADER])
  let afterSeq = 0
  for (;;) {
    const items = await listItemsAfter(db, runId, {
      statuses: ['failed', 'refused'],
      afterSeq,
      limit: PAGE,
    })
    if (items.length === 0) return
    afterSeq = items[items.length - 1]?.seq ?? afterSeq
    yield csvLines(
      items.map((item) => [
        item.name,
        item.sku,
        OUTCOMES[item.status as keyof typeof OUTCOMES],
        (JSON.parse(item.reasons) as string[]).join('\n'),
        item.source_id,
      ]),
    )
  }
}

/** The file name and a stream of the CSV, read page by page so a big run is never held whole. */
export async function exportRunProblems(ctx: AppContext, storeId: number, runId: string) {
  const run = await findRun(ctx.db, storeId, runId)
  if (!run) throw notFound('This upload')
  const day = run.created_at.slice(0, 10)

  return {
    fileName: `upload-${day}-${run.id.slice(0, 8)}-problems.csv`,
    stream: Readable.from(exportLines(ctx.db, runId)),
  }
}
