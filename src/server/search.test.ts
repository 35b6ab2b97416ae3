/**
 * The screens' searches (picker, linked products, support) match names and SKUs whatever their
 * case, accents or width, on both databases, not only for ASCII letters; and a database made
 * before the folded columns existed is filled in by its migration.
 */
import Database from 'better-sqlite3'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely'
import { openDatabase } from './store/db'
import { migrations } from './store/migrations'
import type { Database as Schema } from './store/schema'
import { listLinks } from './store/link-store'
import { foldForSearch } from './store/search-text'
import { createTestDatabase, postgresUnavailable, type TestDatabase } from './testing/postgres'
import { startTestWorld, type TestWorld } from './testing/test-world'

const noPostgres = await postgresUnavailable()
const databases = [
  { name: 'SQLite', skip: null },
  { name: 'PostgreSQL', skip: noPostgres },
] as const

const products = [
  ['Crème Brûlée Candle', 'CANDLE-É1'],
  ['Straße Poster', 'POSTER-1'],
  ['ÉCHARPE EN LAINE', 'SCARF-1'],
  ['Ｆｕｌｌｗｉｄｔｈ Ｍｕｇ', 'ＭＵＧ-９'],
] as const

const searches = [
  ['CRÈME', 'Crème Brûlée Candle'],
  ['creme brulee', 'Crème Brûlée Candle'],
  ['candle-é1', 'Crème Brûlée Candle'],
  ['STRASSE', 'Straße Poster'],
  ['écharpe', 'ÉCHARPE EN LAINE'],
  ['echarpe en laine', 'ÉCHARPE EN LAINE'],
  ['fullwidth', 'Ｆｕｌｌｗｉｄｔｈ Ｍｕｇ'],
  ['mug-9', 'Ｆｕｌｌｗｉｄｔｈ Ｍｕｇ'],
] as const

describe.each(databases)('on $name', ({ name, skip }) => {
  let world: TestWorld
  let database: TestDatabase | undefined
  let cookie: string

  beforeAll(async () => {
    if (skip) return
    if (name === 'PostgreSQL') database = await createTestDatabase()
    world = await startTestWorld({ env: database ? { DATABASE_URL: database.url } : {} })
    cookie = await world.openSession()
    for (const [productName, sku] of products) {
      await world.posApi('POST', '/api/2.0/products', {
        name: productName,
        sku,
        price_excluding_tax: 10,
      })
    }
    await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
  })
  afterAll(async () => {
    await world?.stop()
    await database?.drop()
  })

  async function names(url: string) {
    const res = await world.app.inject({ method: 'GET', url, headers: { cookie } })
    expect(res.statusCode).toBe(200)

    return res.json<{ items: { name: string }[] }>().items.map((i) => i.name)
  }

  test.skipIf(skip).each(searches)(
    `"%s" finds %s in the picker, the linked products and support${skip ? ` (skipped: ${skip})` : ''}`,
    async (q, found) => {
      const query = encodeURIComponent(q)

      expect(await names(`/api/source-products?side=pos&q=${query}`)).toEqual([found])
      expect(await names(`/api/links?q=${query}`)).toEqual([found])
      expect(await names(`/api/support/products?q=${query}`)).toEqual([found])
    },
  )

  test.skipIf(skip)(
    `a LIKE wildcard in a search matches only that character${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      expect(await names(`/api/links?q=${encodeURIComponent('%')}`)).toEqual([])
      expect(await names(`/api/links?q=${encodeURIComponent('_')}`)).toEqual([])
    },
  )
})

test('folding keeps every character that has no simpler form', () => {
  expect(foldForSearch('Leaf Tee 🍃 👩‍👩‍👧')).toBe('leaf tee 🍃 👩‍👩‍👧')
  expect(foldForSearch('東京 Ｔｏｋｙｏ')).toBe('東京 tokyo')
  expect(foldForSearch('50%_off\\')).toBe('50%_off\\')
})

test('a database from before the folded columns gets them filled in by its migration', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'search-migration-'))
  const file = join(dir, 'app.sqlite')
  try {
    // A database as the version before the folded columns left it, with a link in it.
    const old = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new Database(file) }) })
    const migrator = new Migrator({ db: old, provider: { getMigrations: async () => migrations } })
    const migrated = await migrator.migrateTo('005-register-sales')
    expect(migrated.error).toBeUndefined()
    await sql`insert into links (id, store_id, pos_product_id, ecom_product_id, name, sku,
        variant_count, state, last_error, created_at, updated_at)
      values ('l1', 1003, 'p1', 'e1', 'Crème Brûlée Candle', 'CANDLE-1', 1, 'synced', null,
        '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`.execute(old)
    await old.destroy()

    const db = await openDatabase(file)
    const found = await listLinks(db, 1003, { q: 'CREME', offset: 0, limit: 10 })
    await db.destroy()

    expect(found.rows.map((r) => r.name)).toEqual(['Crème Brûlée Candle'])
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
