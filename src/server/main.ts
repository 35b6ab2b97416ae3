/**
 * Starts the BFF (HTTP, the ongoing sync's worker, and the upload worker unless
 * UPLOAD_WORKER=off) or an upload worker alone: opens the database, builds what the services
 * share, and closes all of it on SIGTERM or SIGINT.
 */
import { resolve } from 'node:path'
import { buildApp } from './app'
import { createSecretBox } from './auth/crypto'
import type { AppConfig } from './config'
import { createCatchUpWorker } from './jobs/catch-up-worker'
import { createUploadWorker, idleWorker } from './jobs/upload-worker'
import { createLogger } from './logger'
import { createConnections } from './services/connections'
import type { AppContext } from './services/context'
import { describeDatabase, openDatabase } from './store/db'
import { countConnectedStores } from './store/pos-connection-store'

async function openContext(config: AppConfig, withWorker: boolean): Promise<AppContext> {
  const log = createLogger(config.logLevel)
  const location = config.databaseUrl ?? config.databaseFile
  const db = await openDatabase(location)
  log.info({ database: describeDatabase(location) }, 'database ready')
  const ctx = {
    config: { ...config, frameAncestors: config.ecomAdminOrigins },
    db,
    box: createSecretBox(config.secretKey),
    log,
  } as AppContext
  ctx.connections = createConnections(ctx)
  ctx.worker = withWorker ? createUploadWorker(ctx) : idleWorker()

  return ctx
}

export async function startBff(config: AppConfig) {
  const ctx = await openContext(config, config.worker.enabled)
  const ongoing = createCatchUpWorker(ctx)
  ctx.ongoing = ongoing
  const webRoot = resolve(import.meta.dirname, '../../dist/web')
  const app = await buildApp({ ctx, logger: ctx.log, webRoot })
  await app.listen({ port: config.port, host: 'localhost' })
  ctx.worker.start()
  ongoing.start()

  return {
    url: config.appUrl,
    /** Stores whose Retail POS is connected over OAuth (kept in the database across restarts). */
    connectedPosStores: () => countConnectedStores(ctx.db),
    async close() {
      await ctx.worker.stop()
      await ongoing.stop()
      await app.close()
      await ctx.db.destroy()
    },
  }
}

/** A process that only works uploads (`npm run worker`); any number may share one database. */
export async function startWorker(config: AppConfig) {
  const ctx = await openContext(config, true)
  ctx.worker.start()

  return {
    async close() {
      await ctx.worker.stop()
      await ctx.db.destroy()
    },
  }
}
