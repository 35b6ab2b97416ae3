/**
 * What a simulator keeps: collections of JSON documents in one SQLite file under DATA_DIR, so a
 * restart finds the simulated store as it was left. Writes are synchronous, so a request that was
 * answered has been stored.
 */
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'

export interface DocStore {
  get<T>(collection: string, id: string): T | undefined
  put<T>(collection: string, id: string, doc: T): void
  remove(collection: string, id: string): void
  all<T>(collection: string): T[]
  /** Runs fn in one transaction: all of its writes land, or none. */
  transaction<R>(fn: () => R): R
  /** A counter that only grows and survives restarts (X-Series versions, Ecwid ids). */
  nextSequence(name: string, start?: number): number
  close(): void
}

/** Opens (or creates) the store; ':memory:' keeps nothing, for unit tests. */
export function openDocStore(file: string): DocStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // A simulator may lose its last writes to a power cut, never to a crash of its own process.
  db.pragma('synchronous = NORMAL')
  db.exec(`
    CREATE TABLE IF NOT EXISTS docs (
      collection TEXT NOT NULL,
      id TEXT NOT NULL,
      body TEXT NOT NULL,
      seq INTEGER NOT NULL,
      PRIMARY KEY (collection, id)
    );
    CREATE INDEX IF NOT EXISTS docs_seq ON docs (seq);
    CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
  `)
  const getStmt = db.prepare('SELECT body FROM docs WHERE collection = ? AND id = ?')
  const putStmt = db.prepare(
    `INSERT INTO docs (collection, id, body, seq) VALUES (?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM docs))
     ON CONFLICT (collection, id) DO UPDATE SET body = excluded.body`,
  )
  const removeStmt = db.prepare('DELETE FROM docs WHERE collection = ? AND id = ?')
  const allStmt = db.prepare('SELECT body FROM docs WHERE collection = ? ORDER BY seq')
  const seqStmt = db.prepare(
    `INSERT INTO sequences (name, value) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
  )

  return {
    get<T>(collection: string, id: string) {
      const row = getStmt.get(collection, id) as { body: string } | undefined
      return row ? (JSON.parse(row.body) as T) : undefined
    },
    put(collection, id, doc) {
      putStmt.run(collection, id, JSON.stringify(doc))
    },
    remove(collection, id) {
      removeStmt.run(collection, id)
    },
    all<T>(collection: string) {
      return (allStmt.all(collection) as { body: string }[]).map((row) => JSON.parse(row.body) as T)
    },
    transaction(fn) {
      return db.transaction(fn)()
    },
    nextSequence(name, start = 1) {
      return (seqStmt.get(name, start) as { value: number }).value
    },
    close() {
      db.close()
    },
  }
}
