/**
 * CLI: loads a Retail POS product export into a running POS simulator.
 *   npx tsx src/simulators/pos/load-pos-catalog.ts FILE [--url http://localhost:3001] [--token T]
 * Defaults come from POS_SIM_URL / POS_SIM_PORT and POS_SIM_TOKEN, as the launcher uses them.
 */
import { parseArgs } from 'node:util'
import { formatLoadReport, loadPosCatalog } from './catalog-loader'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { url: { type: 'string' }, token: { type: 'string' } },
})
const file = positionals[0]
if (!file) {
  process.stderr.write('usage: load-pos-catalog FILE [--url URL] [--token TOKEN]\n')
  process.exit(2)
}
const env = process.env
const baseUrl = values.url ?? env.POS_SIM_URL ?? `http://localhost:${env.POS_SIM_PORT ?? 3001}`
const token = values.token ?? env.POS_SIM_TOKEN ?? 'pos-demo-token'

try {
  const report = await loadPosCatalog(file, { baseUrl, token })
  process.stdout.write(`${formatLoadReport(report)}\n`)
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
