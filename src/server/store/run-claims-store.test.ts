import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { openDatabase, type Db } from './db'
import {
  cancelActiveRun,
  claimSelection,
  releaseClaims,
  type ClaimResult,
} from './run-claims-store'
import { insertRun, updateRun } from './run-store'

let dir: string
let db: Db

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'claims-'))
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

class Refused extends Error {}

/** Starts a run as the service does: a refused claim rolls the whole transaction back. */
async function run(
  sourceIds: string[] | 'all',
  direction: 'pos-to-ecom' | 'ecom-to-pos' = 'pos-to-ecom',
) {
  let id = ''
  let result: ClaimResult = { ok: true }
  await db
    .transaction()
    .execute(async (trx) => {
      const row = await insertRun(trx, { storeId: 1, direction, selection: {} })
      id = row.id
      result = await claimSelection(trx, { storeId: 1, direction, runId: row.id, sourceIds })
      if (!result.ok) throw new Refused()
    })
    .catch((error: unknown) => {
      if (!(error instanceof Refused)) throw error
    })

  return { id, result }
}

test('an active run holds its products against any other run of the same store and direction', async () => {
  const first = await run(['a', 'b'])

  const overlapping = await run(['b', 'c'])
  const whole = await run('all')
  const apart = await run(['c'])
  const otherDirection = await run(['a'], 'ecom-to-pos')

  expect(first.result).toEqual({ ok: true })
  expect(overlapping.result).toEqual({ ok: false, runId: first.id })
  expect(whole.result).toEqual({ ok: false, runId: first.id })
  expect(apart.result).toEqual({ ok: true })
  expect(otherDirection.result).toEqual({ ok: true })
})

test('a run of every product holds the whole direction', async () => {
  const all = await run('all')

  expect((await run(['a'])).result).toEqual({ ok: false, runId: all.id })
  expect((await run('all')).result).toEqual({ ok: false, runId: all.id })
})

test('a run re-claims its own products (a retry) without conflict', async () => {
  const first = await run(['a', 'b'])

  const again = await claimSelection(db, {
    storeId: 1,
    direction: 'pos-to-ecom',
    runId: first.id,
    sourceIds: ['b'],
  })

  expect(again).toEqual({ ok: true })
})

test('products are free again once the run is released, cancelled, or has ended', async () => {
  const released = await run(['a'])
  await releaseClaims(db, released.id)
  const cancelled = await run(['a'])
  await cancelActiveRun(db, cancelled.id, 'Cancelled')
  const ended = await run(['a'])
  await updateRun(db, ended.id, { status: 'completed' })

  const whole = await run('all')

  expect(cancelled.result).toEqual({ ok: true })
  expect(ended.result).toEqual({ ok: true })
  expect(whole.result).toEqual({ ok: true })
})

test('the database refuses a second claim of one product, whatever the code checked before', async () => {
  const first = await run(['a'])

  const insert = db
    .insertInto('run_claims')
    .values({ store_id: 1, direction: 'pos-to-ecom', source_id: 'a', run_id: 'another' })
    .execute()

  await expect(insert).rejects.toThrow(/UNIQUE constraint failed/)
  expect(first.result).toEqual({ ok: true })
})
