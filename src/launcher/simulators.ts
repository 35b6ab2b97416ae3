/** `npm run simulators`: the Retail POS and eCom simulators alone, so the app can stop and start. */
import { loadConfig } from '../server/config'
import { runSimulators } from './run-simulators'
import { onShutdown, printUrls } from './shutdown'

const config = loadConfig()
const simulators = await runSimulators(config)
onShutdown(() => simulators.close())
printUrls(config, { app: false, simulators: true })
