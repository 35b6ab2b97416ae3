/**
 * The Listed page's query at 50,000 links: one page, a search by name or SKU, and a state filter,
 * each timed against a 100 ms budget (the page also counts the matches). Run with
 * `npx tsx bench/links-list.ts`; it prints each time and its ratio to the budget.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../src/server/store/db'
import { listLinks } from '../src/server/store/link-store'
import { foldForSearch } from '../src/server/store/search-text'

const LINKS = 50_000
const BUDGET_MS = 100
const STATES = ['synced', 'synced', 'synced', 'pending', 'failed', 'deleted_in_pos'] as const

const dir = mkdtempSync(join(tmpdir(), 'bench-links-'))
const db = await openDatabase(join(dir, 'app.sqlite'))

const NAMES = ['Leaf Tee 🍃', 'Clay Mug', 'Wool Beanie', 'Oak Coaster']
const rows = Array.from({ length: LINKS }, (_, i) => link(i))

function link(i: number) {
  const name = `${NAMES[i % NAMES.length]} ${i}`
  const sku = `SKU-${String(i).padStart(6, '0')}`

  return {
    id: randomUUID(),
    store_id: 1003,
    pos_product_id: `pos-${i}`,
    ecom_product_id: String(100_000 + i),
    name,
    sku,
    name_folded: foldForSearch(name),
    sku_folded: foldForSearch(sku),
    variant_count: 2,
    state: STATES[i % STATES.length] ?? 'synced',
    last_error: null,
    created_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    updated_at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  }
}
for (let i = 0; i < rows.length; i += 500) {
  const chunk = rows.slice(i, i + 500)
  await db.insertInto('links').values(chunk).execute()
  await db
    .insertInto('variant_links')
    .values(
      chunk.flatMap((link) =>
        ['S', 'L'].map((size) => ({
          link_id: link.id,
          store_id: 1003,
          pos_product_id: `${link.pos_product_id}-${size}`,
          ecom_combination_id: null,
          sku: `${link.sku}-${size}`,
          sku_folded: foldForSearch(`${link.sku}-${size}`),
        })),
      ),
    )
    .execute()
}

async function time(label: string, filter: Parameters<typeof listLinks>[2]) {
  await listLinks(db, 1003, filter)
  const runs: number[] = []
  for (let i = 0; i < 5; i++) {
    const started = performance.now()
    await listLinks(db, 1003, filter)
    runs.push(performance.now() - started)
  }
  const median = runs.sort((a, b) => a - b)[2] ?? 0
  const ratio = median / BUDGET_MS
  process.stdout.write(
    `${label.padEnd(36)} ${median.toFixed(1).padStart(7)} ms  ${ratio.toFixed(2)}× the ${BUDGET_MS} ms budget\n`,
  )
}

process.stdout.write(`Linked products list, ${LINKS.toLocaleString('en')} links:\n`)
await time('first page', { q: '', offset: 0, limit: 25 })
await time('page 1,000', { q: '', offset: 25_000, limit: 25 })
await time('filter by state (failed)', { q: '', state: 'failed', offset: 0, limit: 25 })
await time('search by name ("beanie 4")', { q: 'beanie 4', offset: 0, limit: 25 })
await time('search by variant SKU ("SKU-004321-L")', { q: 'SKU-004321-L', offset: 0, limit: 25 })
await db.destroy()
rmSync(dir, { recursive: true, force: true })
