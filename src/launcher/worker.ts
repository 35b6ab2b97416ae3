/**
 * `npm run worker`: works uploads without serving HTTP. Start as many as the work needs, each
 * with the same DATABASE_URL (PostgreSQL) as the BFF processes: they share the runs, and no item
 * is worked by two of them at once.
 */
import { loadConfig } from '../server/config'
import { startWorker } from '../server/main'
import { onShutdown } from './shutdown'

const config = loadConfig()
if (!config.databaseUrl) {
  process.stdout.write(
    'Working uploads in the SQLite file of DATA_DIR; several processes share work safely only ' +
      'on PostgreSQL (DATABASE_URL=postgres://…).\n',
  )
}
const worker = await startWorker(config)
onShutdown(() => worker.close())
process.stdout.write(`pos-ecom-sync worker is ready (pid ${process.pid})\n`)
