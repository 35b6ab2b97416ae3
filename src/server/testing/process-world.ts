/**
 * A world for tests that run the app as the real processes (`src/launcher/app.ts`,
 * `src/launcher/worker.ts`) and kill them: both simulators run in this test process, the app and
 * its workers are child processes on one database (a SQLite file under a temp DATA_DIR, or a
 * PostgreSQL URL). Tests talk to the app over HTTP as the SPA does.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { FaultRule } from '../../simulators/shared/faults'
import { STORE_ID, startSimulators } from './simulators'

export { STORE_ID } from './simulators'
export const POS_TOKEN = 'pos-process-token'
export const ECOM_TOKEN = 'secret_process_token'
const CLIENT_SECRET = 'process_client_secret_0123456789'
const REPO_ROOT = resolve(import.meta.dirname, '../../..')

export interface ChildApp {
  url: string
  pid: number
  output(): string
  /** Kills the process at once, as a crash or an OOM kill would. */
  kill(): Promise<void>
  /** SIGTERM, as a supervisor stopping it. */
  stop(): Promise<void>
  /** SIGSTOP: the process stands still, timers and all, as on a frozen machine. */
  freeze(): void
  /** SIGCONT after freeze(). */
  thaw(): void
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer()
    server.once('error', fail)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => done(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export async function startProcessWorld(options: { databaseUrl?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pos-ecom-sync-proc-'))
  const sims = await startSimulators({
    dir,
    posToken: POS_TOKEN,
    ecomToken: ECOM_TOKEN,
    otherTokenSuffix: '_b',
    otherStoreName: 'Store B',
    clientSecret: CLIENT_SECRET,
    // The app paces itself 100× faster than the published limits (RATE_LIMIT_TIME_SCALE below).
    ecomRateLimit: { enabled: false, timeScale: 1 },
  })
  const { posUrl, ecomUrl } = sims
  const children = new Set<ChildProcess>()
  // A test process that dies must not leave the app running.
  const killChildren = () => children.forEach((child) => child.kill('SIGKILL'))
  process.once('exit', killChildren)

  function baseEnv(extra: Record<string, string>) {
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      DATA_DIR: dir,
      POS_API_URL: posUrl,
      POS_TOKEN,
      ECOM_API_URL: `${ecomUrl}/api/v3`,
      ECOM_CLIENT_SECRET: CLIENT_SECRET,
      APP_SECRET_KEY: 'process-world-secret-key',
      LOG_LEVEL: 'info',
      UPSTREAM_TIMEOUT_MS: '5000',
      RATE_LIMIT_TIME_SCALE: '0.01',
      WORKER_LEASE_MS: '2000',
      WORKER_POLL_MS: '200',
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      ...extra,
    }
  }

  async function spawnChild(script: string, ready: string, env: Record<string, string>) {
    let log = ''
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    children.add(child)
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    exited.then(
      () => children.delete(child),
      () => undefined,
    )
    const started = Date.now()
    while (!log.includes(ready)) {
      if (child.exitCode !== null) throw new Error(`${script} exited early:\n${log}`)
      if (Date.now() - started > 20_000) throw new Error(`${script} did not start:\n${log}`)
      await new Promise((r) => setTimeout(r, 50))
    }

    return {
      pid: child.pid ?? 0,
      output: () => log,
      freeze: () => void child.kill('SIGSTOP'),
      thaw: () => void child.kill('SIGCONT'),
      async kill() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
        await exited
      },
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
        await exited
      },
    }
  }

  /** Starts the BFF (with its upload worker) as `npm run app` does. */
  async function startApp(env: Record<string, string> = {}): Promise<ChildApp> {
    const port = await freePort()
    const child = await spawnChild(
      'src/launcher/app.ts',
      'pos-ecom-sync is ready',
      baseEnv({ PORT: String(port), ...env }),
    )

    return { ...child, url: `http://localhost:${port}` }
  }

  /** Starts a worker alone, as `npm run worker` does. */
  async function startWorker(env: Record<string, string> = {}) {
    return spawnChild('src/launcher/worker.ts', 'worker is ready', baseEnv(env))
  }

  /** Opens the app for a store as eCom's admin would; returns the cookie header. */
  async function openSession(app: { url: string }, storeId = STORE_ID) {
    const { payload } = (await (
      await fetch(`${ecomUrl}/_sim/payload?storeId=${storeId}`)
    ).json()) as {
      payload: string
    }
    const res = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload }),
    })
    if (res.status !== 200) throw new Error(`session: ${res.status} ${await res.text()}`)
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? ''

    return cookie
  }

  async function call<T = unknown>(
    app: { url: string },
    cookie: string,
    method: string,
    path: string,
    body?: unknown,
  ) {
    const res = await fetch(`${app.url}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()

    return { status: res.status, text, json: () => JSON.parse(text) as T }
  }

  async function upstream<T = unknown>(
    base: string,
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)

    return (text ? JSON.parse(text) : null) as T
  }

  return {
    dir,
    posUrl,
    ecomUrl,
    startApp,
    startWorker,
    openSession,
    call,
    posApi: <T = unknown>(method: string, path: string, body?: unknown) =>
      upstream<T>(posUrl, POS_TOKEN, method, path, body),
    ecomApi: <T = unknown>(method: string, path: string, body?: unknown) =>
      upstream<T>(`${ecomUrl}/api/v3/${STORE_ID}`, ECOM_TOKEN, method, path, body),
    /** A simulator-only control route (/_sim/…) of either simulator. */
    control: sims.control,
    /** Switches a fault on in the eCom simulator (see simulators/shared/faults.ts). */
    async ecomFault(spec: object) {
      return sims.control<FaultRule>('ecom', 'POST', '/_sim/faults', spec)
    },
    /** Switches a fault on in either simulator. */
    async fault(system: 'pos' | 'ecom', spec: object) {
      return sims.control<FaultRule>(system, 'POST', '/_sim/faults', spec)
    },
    /** How often a simulator's fault rule has fired so far. */
    async faultFired(system: 'pos' | 'ecom', id: string) {
      const { items } = await sims.control<{ items: FaultRule[] }>(system, 'GET', '/_sim/faults')

      return items.find((rule) => rule.id === id)?.fired ?? 0
    },
    async stop() {
      process.off('exit', killChildren)
      killChildren()
      await sims.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export type ProcessWorld = Awaited<ReturnType<typeof startProcessWorld>>
