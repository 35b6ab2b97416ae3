/**
 * A whole world for integration tests: both simulators on free ports, and the BFF built in
 * process on a fresh SQLite file, with its upload worker running. Tests drive the BFF through
 * inject() with a session opened from the eCom simulator's own payload, and check what lands on
 * either side through the simulators' APIs, as a merchant's other tools would.
 */
import { createHmac } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PosSimulatorOptions } from '../../simulators/pos/pos-simulator'
import { buildApp } from '../app'
import { createSecretBox } from '../auth/crypto'
import { loadConfig } from '../config'
import { createCatchUpWorker, type CatchUpWorkerOptions } from '../jobs/catch-up-worker'
import { createUploadWorker } from '../jobs/upload-worker'
import { createLogger, type Logger } from '../logger'
import { createConnections } from '../services/connections'
import type { AppContext } from '../services/context'
import { posWebhookPath } from '../services/ongoing/pos-subscriptions'
import { openDatabase } from '../store/db'
import { STORE_ID, startSimulators } from './simulators'

export { OTHER_STORE_ID, STORE_ID } from './simulators'
export const POS_TOKEN = 'pos-test-token'
export const ECOM_TOKEN = 'secret_test'
const CLIENT_SECRET = 'test_client_secret_0123456789'

export interface TestWorldOptions {
  env?: Record<string, string>
  ongoing?: CatchUpWorkerOptions
  /** False: no POS_TOKEN, so every store connects its Retail POS over OAuth. Default true. */
  hasPersonalToken?: boolean
  pos?: Partial<PosSimulatorOptions>
  /** The BFF's logger (default: silent). */
  logger?: Logger
}

export async function startTestWorld(options: TestWorldOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'pos-ecom-sync-test-'))
  const sims = await startSimulators({
    dir,
    posToken: POS_TOKEN,
    ecomToken: ECOM_TOKEN,
    otherTokenSuffix: '_other',
    otherStoreName: 'Other Store',
    ...(options.pos ? { pos: options.pos } : {}),
    clientSecret: CLIENT_SECRET,
  })
  const { pos, ecom, posUrl, ecomUrl } = sims

  const config = loadConfig({
    DATA_DIR: dir,
    POS_API_URL: posUrl,
    ...(options.hasPersonalToken === false ? {} : { POS_TOKEN }),
    ECOM_API_URL: `${ecomUrl}/api/v3`,
    ECOM_CLIENT_SECRET: CLIENT_SECRET,
    LOG_LEVEL: 'silent',
    UPSTREAM_TIMEOUT_MS: '3000',
    // The simulators here run without rate limits; pace 100× faster than the real APIs.
    RATE_LIMIT_TIME_SCALE: '0.01',
    // Catch-ups run at start-up and when a test asks (world.ongoing.catchUpNow()), not on a clock.
    CATCH_UP_INTERVAL_MS: '600000',
    ...options.env,
  })
  const log = options.logger ?? createLogger(config.logLevel)
  const db = await openDatabase(config.databaseUrl ?? config.databaseFile)
  const ctx = {
    config: { ...config, frameAncestors: [ecomUrl] },
    db,
    box: createSecretBox(config.secretKey),
    log,
  } as AppContext
  ctx.connections = createConnections(ctx)
  ctx.worker = createUploadWorker(ctx)
  const ongoing = createCatchUpWorker(ctx, options.ongoing)
  ctx.ongoing = ongoing
  const app = await buildApp({ ctx, logger: log })
  ctx.worker.start()
  ongoing.start()

  async function posApi<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${posUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${POS_TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`POS ${method} ${path}: ${res.status} ${text}`)

    return (text ? JSON.parse(text) : null) as T
  }

  async function ecomApi<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    storeId = STORE_ID,
  ): Promise<T> {
    const token = storeId === STORE_ID ? ECOM_TOKEN : `${ECOM_TOKEN}_other`
    const res = await fetch(`${ecomUrl}/api/v3/${storeId}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`eCom ${method} ${path}: ${res.status} ${text}`)

    return (text ? JSON.parse(text) : null) as T
  }

  /** Opens the app as eCom's admin would for a store; returns the session cookie header. */
  async function openSession(storeId = STORE_ID) {
    const res = await fetch(`${ecomUrl}/_sim/payload?storeId=${storeId}`)
    const { payload } = (await res.json()) as { payload: string }
    const answer = await app.inject({ method: 'POST', url: '/api/session', payload: { payload } })
    if (answer.statusCode !== 200) throw new Error(`session: ${answer.statusCode} ${answer.body}`)
    const cookie = answer.cookies.find((c) => c.name === 'lls_session')
    if (!cookie) throw new Error('no session cookie')

    return `lls_session=${cookie.value}`
  }

  /** Starts an upload and waits until it has finished; returns the run. */
  async function upload(cookie: string, body: unknown, timeoutMs = 60_000) {
    const started = await app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { cookie },
      payload: body as object,
    })
    if (started.statusCode !== 201)
      throw new Error(`start run: ${started.statusCode} ${started.body}`)
    const { id } = started.json() as { id: string }

    return waitForRun(cookie, id, timeoutMs)
  }

  async function waitForRun(cookie: string, id: string, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs
    const seen = new Set<string>()
    for (;;) {
      const res = await app.inject({ method: 'GET', url: `/api/runs/${id}`, headers: { cookie } })
      const run = res.json() as RunView
      seen.add(run.status)
      if (!['queued', 'running', 'waiting'].includes(run.status)) return { ...run, seen: [...seen] }
      if (Date.now() > deadline) throw new Error(`run ${id} did not finish: ${res.body}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  /**
   * Delivers a Retail POS webhook as X-Series does: form-encoded, the payload as JSON, to the
   * address the app subscribed the store with.
   */
  async function postPosWebhook(type: string, payload: unknown, storeId = STORE_ID) {
    const form = new URLSearchParams({
      type,
      payload: JSON.stringify(payload),
      domain_prefix: 'test-shop',
      environment: 'production',
    })

    return app.inject({
      method: 'POST',
      url: posWebhookPath(ctx, storeId, type),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    })
  }

  /** Delivers an eCom webhook as Ecwid does, signed with the app's client secret unless told. */
  async function postEcomWebhook(
    event: { eventId: string; eventCreated: number; eventType: string; [field: string]: unknown },
    options: { signature?: string | null } = {},
  ) {
    const signed = createHmac('sha256', CLIENT_SECRET)
      .update(`${event.eventCreated}.${event.eventId}`)
      .digest('base64')
    const signature = options.signature === undefined ? signed : options.signature

    return app.inject({
      method: 'POST',
      url: `/api/webhooks/ecom?eventtype=${encodeURIComponent(event.eventType)}`,
      headers: {
        'content-type': 'application/json; charset=UTF-8',
        ...(signature === null ? {} : { 'x-ecwid-webhook-signature': signature }),
      },
      payload: JSON.stringify({ storeId: STORE_ID, ...event }),
    })
  }

  async function items(cookie: string, runId: string) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/runs/${runId}/items?pageSize=100`,
      headers: { cookie },
    })

    return (res.json() as { items: ItemView[] }).items
  }

  return {
    app,
    ctx,
    posUrl,
    ecomUrl,
    pos,
    ecom,
    posApi,
    ecomApi,
    openSession,
    upload,
    waitForRun,
    items,
    ongoing,
    postPosWebhook,
    postEcomWebhook,
    async stop() {
      await ctx.worker.stop()
      await ongoing.stop()
      await app.close()
      await db.destroy()
      await sims.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export interface RunView {
  id: string
  /** Every status the run was seen in while it was followed. */
  seen?: string[]
  status: string
  message: string | null
  counts: {
    total: number
    created: number
    linked: number
    failed: number
    refused: number
    pending: number
  }
}

export interface ItemView {
  sourceId: string
  name: string
  sku: string
  status: string
  targetId: string | null
  reasons: string[]
}

export type TestWorld = Awaited<ReturnType<typeof startTestWorld>>
