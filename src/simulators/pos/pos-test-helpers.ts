/**
 * Test helpers for the POS simulator: a simulator on a temp SQLite file, requests with the token,
 * and the path of the shared real catalogs (absent outside the project's workspace).
 */
import type { FastifyInstance } from 'fastify'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildPosSimulator, type PosSimulatorOptions } from './pos-simulator'

export const TOKEN = 'test-token'

/** ../shared/catalogs relative to the repository root. */
export const SHARED_CATALOGS = fileURLToPath(
  new URL('../../../../shared/catalogs/', import.meta.url),
)
export const VEND_EXPORT = join(SHARED_CATALOGS, 'vend-xseries-product-export.csv')
export const hasVendExport = existsSync(VEND_EXPORT)

export interface TestSimulator {
  app: FastifyInstance
  dataFile: string
  get<T = Record<string, unknown>>(url: string): Promise<{ status: number; body: T }>
  send<T = Record<string, unknown>>(
    method: 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
  ): Promise<{ status: number; body: T }>
  reopen(): Promise<TestSimulator>
  close(): Promise<void>
}

export function tempDataFile(): { file: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'pos-sim-'))

  return {
    file: join(dir, 'pos.sqlite'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  }
}

export function openSimulator(
  options: Partial<PosSimulatorOptions> & { dataFile: string },
): TestSimulator {
  const settings: PosSimulatorOptions = {
    token: TOKEN,
    seed: 'none',
    publicUrl: 'http://pos.test',
    ...options,
  }
  const app = buildPosSimulator(settings)
  const headers = { authorization: `Bearer ${TOKEN}` }

  const sim: TestSimulator = {
    app,
    dataFile: options.dataFile,
    async get<T>(url: string) {
      const response = await app.inject({ method: 'GET', url, headers })

      return { status: response.statusCode, body: response.json<T>() }
    },
    async send<T>(method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
      const response = await app.inject({
        method,
        url,
        headers,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      })

      return { status: response.statusCode, body: response.json<T>() }
    },
    async reopen() {
      await app.close()

      return openSimulator(settings)
    },
    close: () => app.close(),
  }

  return sim
}

export interface ListPage<T> {
  data: T[]
  version: { min: number | null; max: number | null }
}

/** Follows the version cursor to the empty page, as a client does; returns every page. */
export async function allPages<T>(sim: TestSimulator, path: string, pageSize: number) {
  const pages: ListPage<T>[] = []
  let after = 0
  for (;;) {
    const separator = path.includes('?') ? '&' : '?'
    const { body } = await sim.get<ListPage<T>>(
      `${path}${separator}after=${after}&page_size=${pageSize}`,
    )
    pages.push(body)
    if (body.data.length === 0 || body.version.max === null) return pages
    after = body.version.max
  }
}
