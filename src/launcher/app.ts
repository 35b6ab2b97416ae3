/** `npm run app`: the BFF alone, talking to simulators (or real APIs) that run elsewhere. */
import { loadConfig } from '../server/config'
import { startBff } from '../server/main'
import { onShutdown, printUrls } from './shutdown'

const config = loadConfig()
const app = await startBff(config)
onShutdown(() => app.close())
printUrls(config, {
  app: true,
  simulators: false,
  connectedPosStores: await app.connectedPosStores(),
})
