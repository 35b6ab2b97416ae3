/**
 * Several processes on one database share each store's request budget at an API: together they
 * stay under the published limit, and a 429 one of them gets pauses them all.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { SharedPacer } from './services/shared-pacer'
import { openDatabase, type Db } from './store/db'
import { createTestDatabase, postgresUnavailable } from './testing/postgres'

const noPostgres = await postgresUnavailable()
const quiet = { warn: () => undefined }
/** 20 requests per 500 ms, 1 at once: 19 tokens come back every 500 ms. */
const LIMIT = { limit: 20, windowMs: 500, burst: 1 }

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function twoProcesses(kind: 'SQLite' | 'PostgreSQL'): Promise<[Db, Db]> {
  let location: string
  if (kind === 'PostgreSQL') {
    const database = await createTestDatabase()
    cleanups.push(() => database.drop())
    location = database.url
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'pos-ecom-sync-pacing-'))
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }))
    location = join(dir, 'app.sqlite')
  }
  const a = await openDatabase(location, { poolSize: 2 })
  const b = await openDatabase(location, { poolSize: 2 })
  cleanups.push(async () => {
    await Promise.all([a.destroy(), b.destroy()])
  })

  return [a, b]
}

describe.each([
  { kind: 'SQLite' as const, skip: null },
  { kind: 'PostgreSQL' as const, skip: noPostgres },
])('on $kind', ({ kind, skip }) => {
  const skipped = skip ? ` (skipped: ${skip})` : ''

  test.skipIf(skip)(
    `two processes calling one store together keep to its one limit${skipped}`,
    async () => {
      const [a, b] = await twoProcesses(kind)
      const pacers = [
        new SharedPacer(a, 'ecom|test|1', LIMIT, quiet),
        new SharedPacer(b, 'ecom|test|1', LIMIT, quiet),
      ]
      const started = Date.now()

      await Promise.all(
        pacers.map(async (pacer) => {
          for (let i = 0; i < 12; i++) await pacer.acquire()
        }),
      )
      const elapsed = Date.now() - started

      // 24 requests at 19 per 500 ms take 23 / 19 × 500 ≈ 605 ms; each alone would take ≈ 290 ms.
      expect(elapsed).toBeGreaterThanOrEqual(540)
    },
  )

  test.skipIf(skip)(
    `a 429 one process gets pauses the other until its Retry-After${skipped}`,
    async () => {
      const [a, b] = await twoProcesses(kind)
      const first = new SharedPacer(a, 'pos|test|1', LIMIT, quiet)
      const second = new SharedPacer(b, 'pos|test|1', LIMIT, quiet)
      await second.acquire()
      const waits: string[] = []

      first.pauseUntil(Date.now() + 400)
      await new Promise((r) => setTimeout(r, 20))
      const started = Date.now()
      await second.acquire((_, reason) => waits.push(reason))

      expect(Date.now() - started).toBeGreaterThanOrEqual(300)
      expect(waits).toContain('rate-limited')
    },
  )
})
