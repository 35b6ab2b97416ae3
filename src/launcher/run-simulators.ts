/**
 * Starts the Retail POS and eCom simulators, the stand-ins for the outside world, with what they
 * keep under DATA_DIR.
 */
import { resolve } from 'node:path'
import type { AppConfig } from '../server/config'
import { buildEcomSimulator } from '../simulators/ecom/ecom-simulator'
import { buildPosSimulator } from '../simulators/pos/pos-simulator'

export async function runSimulators(config: AppConfig) {
  const sim = config.simulators
  const posUrl = `http://localhost:${sim.posPort}`
  const ecomUrl = `http://localhost:${sim.ecomPort}`
  const pos = await buildPosSimulator({
    dataFile: resolve(config.dataDir, 'pos-simulator.sqlite'),
    token: sim.posToken,
    seed: sim.seed,
    publicUrl: posUrl,
    timeScale: sim.timeScale,
  })
  const ecom = await buildEcomSimulator({
    dataFile: resolve(config.dataDir, 'ecom-simulator.sqlite'),
    stores: [
      {
        storeId: sim.ecomStoreId,
        token: sim.ecomToken,
        name: 'Demo Outfitters Online',
        currency: 'USD',
        pricesIncludeTax: false,
      },
      {
        storeId: sim.ecomStoreId + 1,
        token: `${sim.ecomToken}_other`,
        name: 'Second Street Store',
        currency: 'USD',
        pricesIncludeTax: false,
      },
    ],
    clientSecret: config.ecom.clientSecret,
    appUrl: config.appUrl,
    // eCom calls the app's webhook URL for every store it is installed in; Retail POS gets no
    // subscription here, the app subscribes itself over /api/2.0/webhooks.
    webhookUrl: `${config.appUrl}/api/webhooks/ecom`,
    seed: sim.seed,
    rateLimit: { enabled: sim.timeScale > 0, timeScale: sim.timeScale || 1 },
  })
  await pos.listen({ port: sim.posPort, host: 'localhost' })
  await ecom.listen({ port: sim.ecomPort, host: 'localhost' })

  return {
    posUrl,
    ecomUrl,
    async close() {
      await Promise.all([pos.close(), ecom.close()])
    },
  }
}
