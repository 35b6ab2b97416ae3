/**
 * Starts the product as a user would (`npm start`'s launcher) on free ports with a fresh DATA_DIR,
 * and stops it after the spec. Each spec gets its own world: both simulators and the app.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export interface Stack {
  appUrl: string
  posUrl: string
  ecomUrl: string
  posToken: string
  ecomToken: string
  ecomStoreId: number
  output: () => string
  stop: () => Promise<void>
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, () => {
      const address = server.address()
      server.close(() => done(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/** The POS simulator's personal token as `npm start` sets it up (POS_SIM_TOKEN's default). */
const POS_SIM_TOKEN = 'pos-demo-token'

export const repoRoot = resolve(import.meta.dirname, '../..')
export const sharedDir = resolve(repoRoot, '../shared')

export async function startStack(options: {
  seed: 'demo' | 'none'
  args?: string[]
  env?: Record<string, string>
  /**
   * True (the default): the app reaches the POS simulator with its personal token (POS_TOKEN), so
   * every store starts connected. False: as `npm start` runs, a store connects over OAuth.
   */
  hasPersonalToken?: boolean
}): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-ecom-sync-e2e-'))
  const [port, posPort, ecomPort] = [await freePort(), await freePort(), await freePort()]
  const { POS_TOKEN: _ignored, ...inherited } = process.env
  const env = {
    ...inherited,
    ...(options.hasPersonalToken === false ? {} : { POS_TOKEN: POS_SIM_TOKEN }),
    PORT: String(port),
    POS_SIM_PORT: String(posPort),
    ECOM_SIM_PORT: String(ecomPort),
    DATA_DIR: dataDir,
    SIM_SEED: options.seed,
    LOG_LEVEL: 'warn',
    ...options.env,
  }
  let log = ''
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/launcher/start.ts', ...(options.args ?? [])],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))

  const ready = 'pos-ecom-sync is ready'
  const started = Date.now()
  while (!log.includes(ready)) {
    if (child.exitCode !== null) throw new Error(`the product exited early:\n${log}`)
    if (Date.now() - started > 120_000)
      throw new Error(`the product did not start in time:\n${log}`)
    await new Promise((r) => setTimeout(r, 100))
  }

  return {
    appUrl: `http://localhost:${port}`,
    posUrl: `http://localhost:${posPort}`,
    ecomUrl: `http://localhost:${ecomPort}`,
    posToken: POS_SIM_TOKEN,
    ecomToken: 'secret_demo',
    ecomStoreId: 1003,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await new Promise((r) => child.once('exit', r))
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
