import Database from 'better-sqlite3'
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { openDatabase } from './db'
import { listLinks } from './link-store'
import type { Database as Schema } from './schema'

let dir: string
let sqlite: Database.Database
let db: Kysely<Schema>
const queries: CompiledQuery[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'links-'))
  const file = join(dir, 'app.sqlite')
  await (await openDatabase(file)).destroy()
  sqlite = new Database(file)
  db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'query') queries.push(event.query)
    },
  })
})
afterAll(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

/** SQLite's plan for every statement listLinks ran, one line per step. */
async function plansOf(filter: Parameters<typeof listLinks>[2]) {
  queries.length = 0
  await listLinks(db, 1003, filter)

  return queries.map((query) =>
    sqlite
      .prepare(`explain query plan ${query.sql}`)
      .all(...(query.parameters as unknown[]))
      .map((row) => (row as { detail: string }).detail)
      .join('\n'),
  )
}

test('a search reads the variant SKUs once as a set, never once per link, and counts in the same read', async () => {
  const plans = await plansOf({ q: 'leaf', offset: 0, limit: 25 })

  expect(plans).toHaveLength(1)
  expect(plans[0]).toMatch(/LIST SUBQUERY/)
  expect(plans[0]).not.toMatch(/CORRELATED/)
})

test('the linked products list filters by state and pages by date through an index', async () => {
  const [page] = await plansOf({ q: '', state: 'failed', offset: 0, limit: 25 })

  expect(page).toMatch(/USING INDEX links_store_state_updated/)
})

test('the unfiltered list pages by date through an index', async () => {
  const [page] = await plansOf({ q: '', offset: 0, limit: 25 })

  expect(page).toMatch(/USING INDEX links_store_updated/)
})
