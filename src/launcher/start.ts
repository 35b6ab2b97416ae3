/**
 * `npm start`: the app and both simulators in one go, printing their URLs.
 * `npm start -- --pos-catalog FILE` also loads a Retail POS product export into the POS simulator.
 */
import { parseArgs } from 'node:util'
import { loadConfig } from '../server/config'
import { startBff } from '../server/main'
import { loadPosCatalog, formatLoadReport } from '../simulators/pos/catalog-loader'
import { runSimulators } from './run-simulators'
import { onShutdown, printUrls } from './shutdown'

const { values } = parseArgs({ options: { 'pos-catalog': { type: 'string' } } })
const config = loadConfig()
const simulators = await runSimulators(config)
const app = await startBff(config)
onShutdown(async () => {
  await app.close()
  await simulators.close()
})

const catalog = values['pos-catalog']
if (catalog) {
  process.stdout.write(`Loading the Retail POS catalog ${catalog} into the POS simulator…\n`)
  try {
    const report = await loadPosCatalog(catalog, {
      baseUrl: simulators.posUrl,
      token: config.simulators.posToken,
    })
    process.stdout.write(formatLoadReport(report) + '\n')
  } catch (error) {
    // The merchant asked for a catalog that is not there: say why, and stop rather than run
    // without it.
    process.stderr.write(`Could not load the Retail POS catalog. ${(error as Error).message}\n`)
    await app.close()
    await simulators.close()
    process.exit(1)
  }
}
printUrls(config, {
  app: true,
  simulators: true,
  connectedPosStores: await app.connectedPosStores(),
})
