/**
 * The item claim is what keeps two workers off one product. Here several connections (as several
 * processes would have) claim the items of one run at once, on SQLite and on PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { nowIso } from './store/clock'
import { openDatabase, type Db } from './store/db'
import { fenceOf, recordOutcome } from './store/item-fence'
import { addRunItems, claimItems, insertRun, takePlanLease } from './store/run-store'
import { createTestDatabase, postgresUnavailable } from './testing/postgres'

const noPostgres = await postgresUnavailable()
const CLAIMERS = 6
const ITEMS = 300

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function openShared(kind: 'SQLite' | 'PostgreSQL'): Promise<Db[]> {
  let location: string
  if (kind === 'PostgreSQL') {
    const database = await createTestDatabase()
    cleanups.push(() => database.drop())
    location = database.url
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'pos-ecom-sync-claims-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    location = join(dir, 'app.sqlite')
  }
  // One after the other: the first one migrates.
  const handles: Db[] = []
  for (let i = 0; i < CLAIMERS; i++) handles.push(await openDatabase(location, { poolSize: 2 }))
  cleanups.push(async () => {
    await Promise.all(handles.map((db) => db.destroy()))
  })

  return handles
}

async function seedRun(db: Db, items: number) {
  const now = nowIso()
  await db
    .insertInto('stores')
    .values({ store_id: 1, ecom_token: 'sealed', lang: 'en', created_at: now, updated_at: now })
    .execute()
  const run = await insertRun(db, {
    storeId: 1,
    direction: 'pos-to-ecom',
    selection: { kind: 'all' },
  })
  await addRunItems(
    db,
    { id: run.id, storeId: 1 },
    Array.from({ length: items }, (_, i) => ({
      sourceId: `p-${i}`,
      name: `P ${i}`,
      sku: `S-${i}`,
    })),
  )

  return run.id
}

describe.each([
  { kind: 'SQLite' as const, skip: null },
  { kind: 'PostgreSQL' as const, skip: noPostgres },
])('on $kind', ({ kind, skip }) => {
  const skipped = skip ? ` (skipped: ${skip})` : ''

  test.skipIf(skip)(
    `${CLAIMERS} workers claiming one run's ${ITEMS} items at once never take one item twice${skipped}`,
    async () => {
      const handles = await openShared(kind)
      const runId = await seedRun(handles[0] as Db, ITEMS)

      const taken = await Promise.all(
        handles.map(async (db, n) => {
          const mine: string[] = []
          for (;;) {
            const claimed = await claimItems(db, runId, `worker-${n}`, {
              limit: 2,
              leaseMs: 60_000,
            })
            if (claimed.length === 0) return mine
            mine.push(...claimed.map((item) => item.source_id))
          }
        }),
      )
      const all = taken.flat()

      expect(all).toHaveLength(ITEMS)
      expect(new Set(all).size).toBe(ITEMS)
      expect(taken.filter((mine) => mine.length > 0).length).toBeGreaterThan(1)
    },
  )

  test.skipIf(skip)(
    `an item whose lease ran out is taken over once, and the first worker's late outcome is not recorded${skipped}`,
    async () => {
      const [a, b, c] = (await openShared(kind)) as [Db, Db, Db]
      const runId = await seedRun(a, 1)
      const [item] = await claimItems(a, runId, 'dead-worker', { limit: 1, leaseMs: 1 })
      await new Promise((r) => setTimeout(r, 20))

      const [takenOver, again] = await Promise.all([
        claimItems(b, runId, 'worker-b', { limit: 1, leaseMs: 60_000 }),
        claimItems(c, runId, 'worker-c', { limit: 1, leaseMs: 60_000 }),
      ])
      const [holder, held] =
        takenOver.length > 0 ? ['worker-b', takenOver[0]] : ['worker-c', again[0]]
      const late = await recordOutcome(a, fenceOf(item!, 'dead-worker'), { status: 'created' })
      const recorded = await recordOutcome(b, fenceOf(held!, holder), { status: 'linked' })
      const row = await a.selectFrom('run_items').selectAll().executeTakeFirstOrThrow()

      expect(takenOver.length + again.length).toBe(1)
      expect(late).toBe(false)
      expect(recorded).toBe(true)
      expect(row).toMatchObject({ status: 'linked', attempts: 2, lease_owner: null })
    },
  )

  test.skipIf(skip)(`one process at a time plans a run${skipped}`, async () => {
    const handles = await openShared(kind)
    const runId = await seedRun(handles[0] as Db, 0)

    const held = await Promise.all(
      handles.map((db, n) => takePlanLease(db, runId, `worker-${n}`, 60_000)),
    )

    expect(held.filter(Boolean)).toHaveLength(1)
  })
})
