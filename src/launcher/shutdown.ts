import type { AppConfig } from '../server/config'

export function onShutdown(close: () => Promise<void>) {
  let closing = false
  const handler = (signal: string) => {
    if (closing) return
    closing = true
    process.stdout.write(`${signal}: stopping…\n`)
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`could not stop cleanly: ${String(error)}\n`)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', handler)
  process.on('SIGINT', handler)
}

export function printUrls(
  config: AppConfig,
  parts: { app: boolean; simulators: boolean; connectedPosStores?: number },
) {
  const sim = config.simulators
  const lines = ['', 'pos-ecom-sync is ready:']
  if (parts.simulators) {
    lines.push(
      `  eCom admin (the app inside it): http://localhost:${sim.ecomPort}/`,
      `  eCom simulator API:             http://localhost:${sim.ecomPort}/api/v3/${sim.ecomStoreId}  (Bearer ${sim.ecomToken})`,
      `  Retail POS simulator API:       http://localhost:${sim.posPort}/api/2.0  (Bearer ${sim.posToken})`,
    )
  }
  if (parts.app) lines.push(`  App (BFF + SPA):                ${config.appUrl}/`)
  if (parts.app && !config.pos.token) {
    const connected = parts.connectedPosStores ?? 0
    lines.push(
      connected === 0
        ? '  Retail POS: not connected yet; in the app select Connect Retail POS, then Allow'
        : `  Retail POS: connected for ${connected === 1 ? '1 store' : `${connected} stores`} (kept from an earlier start); another store selects Connect Retail POS in the app`,
    )
  }
  lines.push(`  Data: ${config.dataDir}`, '')
  process.stdout.write(lines.join('\n') + '\n')
}
