/**
 * A throwaway PostgreSQL database per test file, on the server TEST_DATABASE_URL names (by
 * default the local one CI runs). Tests on PostgreSQL are skipped, saying why, when it is not
 * reachable.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'

const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'

export interface TestDatabase {
  url: string
  drop(): Promise<void>
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 2_000 })
  await client.connect()
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export async function postgresUnavailable(): Promise<string | null> {
  try {
    await admin((client) => client.query('select 1'))

    return null
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)

    return `PostgreSQL is not reachable at ${SERVER_URL} (${reason}); set TEST_DATABASE_URL`
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `pes_test_${randomBytes(6).toString('hex')}`
  await admin((client) => client.query(`create database ${name}`))
  const url = new URL(SERVER_URL)
  url.pathname = `/${name}`

  return {
    url: url.toString(),
    async drop() {
      await admin((client) => client.query(`drop database if exists ${name} with (force)`))
    },
  }
}
