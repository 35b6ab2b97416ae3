/**
 * The one query layer (Kysely) over an embedded SQLite file. Migrations are plain Kysely schema
 * builder calls, so the same ones will run on PostgreSQL.
 */
import Database from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect, type Migration, type MigrationProvider } from 'kysely'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrations } from './migrations/index'
import type { Database as Schema } from './schema'

export type Db = Kysely<Schema>

export async function openDatabase(file: string): Promise<Db> {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) })
  await migrate(db)

  return db
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
