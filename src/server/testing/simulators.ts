/**
 * Both simulators on free ports for a test, started empty, with two eCom stores: the one tests
 * work in and another that must never see its data. test-world.ts (the BFF in process) and
 * process-world.ts (the BFF as child processes) both start them here.
 */
import { join } from 'node:path'
import { buildEcomSimulator } from '../../simulators/ecom/ecom-simulator'
import { buildPosSimulator, type PosSimulatorOptions } from '../../simulators/pos/pos-simulator'

export const STORE_ID = 1003
export const OTHER_STORE_ID = 1004

export interface SimulatorsOptions {
  /** Where both keep their files. */
  dir: string
  posToken: string
  /** The first store's token; the other store's is this with `otherTokenSuffix`. */
  ecomToken: string
  otherTokenSuffix: string
  otherStoreName: string
  clientSecret: string
  /** Settings of the POS simulator beyond the defaults (its OAuth app, say). */
  pos?: Partial<PosSimulatorOptions>
  /** eCom's rate limit (on, at the published limit, unless told). */
  ecomRateLimit?: { enabled: boolean; timeScale: number }
}

export async function startSimulators(options: SimulatorsOptions) {
  const pos = buildPosSimulator({
    dataFile: join(options.dir, 'pos.sqlite'),
    token: options.posToken,
    seed: 'none',
    publicUrl: 'http://localhost',
    ...options.pos,
  })
  const ecom = buildEcomSimulator({
    dataFile: join(options.dir, 'ecom.sqlite'),
    stores: [
      {
        storeId: STORE_ID,
        token: options.ecomToken,
        name: 'Test Store',
        currency: 'USD',
        pricesIncludeTax: false,
      },
      {
        storeId: OTHER_STORE_ID,
        token: `${options.ecomToken}${options.otherTokenSuffix}`,
        name: options.otherStoreName,
        currency: 'USD',
        pricesIncludeTax: false,
      },
    ],
    clientSecret: options.clientSecret,
    appUrl: 'http://localhost:0',
    seed: 'none',
    ...(options.ecomRateLimit ? { rateLimit: options.ecomRateLimit } : {}),
  })
  await pos.listen({ port: 0, host: '127.0.0.1' })
  await ecom.listen({ port: 0, host: '127.0.0.1' })
  const posUrl = `http://127.0.0.1:${(pos.server.address() as { port: number }).port}`
  const ecomUrl = `http://127.0.0.1:${(ecom.server.address() as { port: number }).port}`

  /** A simulator-only control route (/_sim/…): faults, settings, payloads. */
  async function control<T = unknown>(
    system: 'pos' | 'ecom',
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const res = await fetch(`${system === 'pos' ? posUrl : ecomUrl}${path}`, {
      method,
      headers: {
        // The POS simulator's control routes take its token, like its API.
        ...(system === 'pos' ? { authorization: `Bearer ${options.posToken}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${system} simulator ${method} ${path}: ${res.status} ${text}`)

    return (text ? JSON.parse(text) : null) as T
  }

  return {
    pos,
    ecom,
    posUrl,
    ecomUrl,
    control,
    async close() {
      await pos.close()
      await ecom.close()
    },
  }
}
