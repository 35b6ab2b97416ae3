/**
 * Starts the BFF: opens the database, builds the app, listens, and starts the upload worker and
 * the ongoing sync's worker. Closes all of them on SIGTERM or SIGINT.
 */
import { resolve } from 'node:path'
import { buildApp } from './app'
import { createSecretBox } from './auth/crypto'
import type { AppConfig } from './config'
import { createCatchUpWorker } from './jobs/catch-up-worker'
import { createUploadWorker } from './jobs/upload-worker'
import { createLogger } from './logger'
import { createConnections } from './services/connections'
import type { AppContext } from './services/context'
import { openDatabase } from './store/db'

export async function startBff(config: AppConfig) {
  const log = createLogger(config.logLevel)
  const db = await openDatabase(config.databaseFile)
  const ctx = {
    config: { ...config, frameAncestors: [`http://localhost:${config.simulators.ecomPort}`] },
    db,
    box: createSecretBox(config.secretKey),
    log,
  } as AppContext
  ctx.connections = createConnections(ctx)
  ctx.worker = createUploadWorker(ctx)
  const ongoing = createCatchUpWorker(ctx)
  ctx.ongoing = ongoing
  const app = await buildApp({ ctx, logger: log, webRoot: resolve(import.meta.dirname, '../../dist/web') })
  await app.listen({ port: config.port, host: 'localhost' })
  ctx.worker.start()
  ongoing.start()

  return {
    url: config.appUrl,
    async close() {
      await ctx.worker.stop()
      await ongoing.stop()
      await app.close()
      await db.destroy()
    },
  }
}
