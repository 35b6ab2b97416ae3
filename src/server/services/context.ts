import type { AppConfig } from '../config'
import type { SecretBox } from '../auth/crypto'
import type { Logger } from '../logger'
import type { Db } from '../store/db'
import type { Connections } from './connections'

/** What the BFF's services share: built once in main.ts, or per test. */
export interface AppContext {
  config: AppConfig & { frameAncestors: string[] }
  db: Db
  box: SecretBox
  log: Logger
  connections: Connections
  worker: { wake(): void; start(): void; stop(): Promise<void> }
  /** The ongoing sync's worker (jobs/catch-up-worker.ts); webhooks wake it. */
  ongoing?: { wake(): void }
}
