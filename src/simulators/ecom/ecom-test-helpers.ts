/** Builds an eCom simulator on a temp file and calls it in-process; for the simulator's tests. */
import type { FastifyInstance } from 'fastify'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildEcomSimulator, type EcomSimulatorOptions } from './ecom-simulator'

export const TEST_CLIENT_SECRET = 'demo_client_secret_0123456789'
export const MAIN_TOKEN = 'secret_demo'
export const OTHER_TOKEN = 'secret_other'

export function tempDataFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'ecom-sim-')), 'ecom.sqlite')
}

export function testOptions(overrides: Partial<EcomSimulatorOptions> = {}): EcomSimulatorOptions {
  return {
    dataFile: tempDataFile(),
    stores: [
      {
        storeId: 1003,
        token: MAIN_TOKEN,
        name: 'Demo Outfitters Online',
        currency: 'USD',
        pricesIncludeTax: false,
      },
      {
        storeId: 1004,
        token: OTHER_TOKEN,
        name: 'Other Store',
        currency: 'USD',
        pricesIncludeTax: false,
      },
    ],
    clientSecret: TEST_CLIENT_SECRET,
    appUrl: 'http://localhost:3000',
    seed: 'none',
    rateLimit: { enabled: false, timeScale: 1 },
    ...overrides,
  }
}

export interface ApiResponse {
  status: number
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read vendor JSON
  headers: Record<string, unknown>
}

export interface TestSimulator {
  app: FastifyInstance
  api(method: string, path: string, body?: unknown, token?: string): Promise<ApiResponse>
}

export function createTestSimulator(overrides: Partial<EcomSimulatorOptions> = {}): TestSimulator {
  const app = buildEcomSimulator(testOptions(overrides))

  return {
    app,
    async api(method, path, body, token = MAIN_TOKEN) {
      const url =
        path.startsWith('/api/') || path.startsWith('/_sim') ? path : `/api/v3/1003${path}`
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(body === undefined ? {} : { payload: body as object }),
      })
      const text = response.body

      return {
        status: response.statusCode,
        body: text === '' ? undefined : safeJson(text),
        headers: response.headers,
      }
    },
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export async function waitForBatch(sim: TestSimulator, ticket: string, storePath = '/api/v3/1003') {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await sim.api('GET', `${storePath}/batch?ticket=${ticket}`)
    if (response.body?.status === 'COMPLETED') return response.body
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`batch ${ticket} did not complete`)
}
