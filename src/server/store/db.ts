/**
 * The one query layer (Kysely), over an embedded SQLite file by default or over PostgreSQL when
 * DATABASE_URL is set. Migrations are plain Kysely schema builder calls, so the same ones run on
 * both; the few queries that must differ (the item claim) ask `isPostgres`.
 */
import Database from 'better-sqlite3'
import {
  Kysely,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type Migration,
  type SqliteDatabase,
  type MigrationProvider,
} from 'kysely'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import pg from 'pg'
import { migrations } from './migrations/index'
import type { Database as Schema } from './schema'

export type Db = Kysely<Schema>

const INT8_OID = 20

/** True for a postgres:// or postgresql:// URL; anything else is a SQLite file path. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location)
}

/**
 * Opens the database at `location` (a SQLite file, ':memory:', or a postgres:// URL) and brings
 * its schema up to date. Several processes may open the same PostgreSQL database at once: the
 * migrator takes an advisory lock.
 */
export async function openDatabase(
  location: string,
  options: { poolSize?: number } = {},
): Promise<Db> {
  const db = isPostgresUrl(location)
    ? openPostgres(location, options.poolSize ?? 10)
    : openSqlite(location)
  try {
    await migrate(db)
  } catch (error) {
    await db.destroy()
    throw error
  }

  return db
}

function openSqlite(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  // In WAL mode NORMAL survives a crash of the process (kill -9) and costs no fsync per commit
  // (3 ms each, which capped uploads at a few dozen products a second); a power cut may lose the
  // last commits, which the SKU lookup before every create makes safe to redo.
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')

  return new Kysely<Schema>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  })
}

const STATEMENT_CACHE_SIZE = 500

/**
 * Kysely prepares every query anew; preparing costs more than running most of ours. The same SQL
 * text (parameters bound apart) reuses its prepared statement; the oldest are dropped past 500.
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>()

  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql)
      if (!statement) {
        statement = sqlite.prepare(sql)
        cache.set(sql, statement)
        if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
      }

      return statement
    },
  }
}

function openPostgres(url: string, max: number): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Versions and counts are bigint; every one of ours fits a JS number, and code compares them
    // as numbers on SQLite too.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client that loses its server must not take the process down; the next query
  // reconnects through the pool.
  pool.on('error', () => undefined)

  return new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) })
}

/** Whether `db` (or a transaction of it) talks to PostgreSQL. */
export function isPostgres(db: { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter
}

/** The database's location for logs: the file, or the URL without its password. */
export function describeDatabase(location: string): string {
  if (!isPostgresUrl(location)) return location
  const url = new URL(location)
  if (url.password) url.password = '***'

  return url.toString()
}

class InCodeMigrations implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations)
  }
}

async function migrate(db: Db) {
  const migrator = new Migrator({ db, provider: new InCodeMigrations() })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed`, { cause: error })
  }
}
