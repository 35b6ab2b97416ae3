import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openDatabase, type Db } from '../store/db'
import { addRunItems, insertRun } from '../store/run-store'
import { runPace } from './run-pace'

let dir: string
let db: Db
const NOW = Date.parse('2026-01-15T10:00:00.000Z')

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pace-'))
  db = await openDatabase(join(dir, 'app.sqlite'))
  await db
    .insertInto('stores')
    .values({ store_id: 1, ecom_token: 'x', lang: 'en', created_at: '', updated_at: '' })
    .execute()
})
afterEach(async () => {
  await db.destroy()
  rmSync(dir, { recursive: true, force: true })
})

/** A run with items finished the given seconds before NOW, and `pending` items left. */
async function runWith(finishedSecondsAgo: number[], pending: number) {
  const run = await insertRun(db, { storeId: 1, direction: 'pos-to-ecom', selection: {} })
  const total = finishedSecondsAgo.length + pending
  await addRunItems(
    db,
    { id: run.id, storeId: 1 },
    Array.from({ length: total }, (_, i) => ({ sourceId: `p${i}`, name: '', sku: '' })),
  )
  for (const [i, ago] of finishedSecondsAgo.entries()) {
    await db
      .updateTable('run_items')
      .set({ status: 'created', updated_at: new Date(NOW - ago * 1000).toISOString() })
      .where('run_id', '=', run.id)
      .where('source_id', '=', `p${i}`)
      .execute()
  }

  return { id: run.id, pending }
}

test('counts the products finished in the last minute and the time left at that rate', async () => {
  const run = await runWith([5, 10, 20, 30, 50, 90, 120], 10)

  const pace = await runPace(db, { ...run, createdAt: '2026-01-15T09:50:00.000Z' }, NOW)

  expect(pace).toEqual({ perMinute: 5, secondsLeft: 120 })
})

test('measures a run younger than a minute over its own age', async () => {
  const run = await runWith([1, 2, 3, 4, 5], 5)

  const pace = await runPace(db, { ...run, createdAt: '2026-01-15T09:59:50.000Z' }, NOW)

  expect(pace).toEqual({ perMinute: 30, secondsLeft: 10 })
})

test('says nothing while the run is only seconds old, and no time left while nothing finishes', async () => {
  const young = await runWith([1], 5)
  const stalled = await runWith([], 5)

  expect(await runPace(db, { ...young, createdAt: '2026-01-15T09:59:58.000Z' }, NOW)).toBeNull()
  expect(await runPace(db, { ...stalled, createdAt: '2026-01-15T09:00:00.000Z' }, NOW)).toEqual({
    perMinute: 0,
    secondsLeft: null,
  })
})
