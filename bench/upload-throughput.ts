/**
 * Upload throughput, POS → eCom, against both simulators with their published limits on a
 * compressed clock. Loads 2,000 generated Retail POS families (about 6,000 variants, the same
 * every time) and runs "Upload all" through the BFF twice: with eCom batches (the default) and
 * one request per write (UPLOAD_BATCH_SIZE=0). For each it prints products per second, the
 * requests sent per product to each API, how close the busiest API came to its limit, and the
 * floor of requests per product.
 *
 * The simulators run in their own process (`src/launcher/simulators.ts`), so they do not share
 * the BFF's CPU. The default time scale, 0.2, gives eCom 50 requests/s: a limit the simulator
 * can serve on one core, so a run that is bound by the limit shows it. At 0.02 (500 requests/s)
 * the simulator's own speed binds first and the bench says that no API is the bottleneck.
 *
 *   npm run bench:upload [-- --families 2000 --scale 0.2 --modes batched,single]
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

import { globalRequestCounter } from '../src/connectors/shared/request-counter'
import { buildApp } from '../src/server/app'
import { createSecretBox } from '../src/server/auth/crypto'
import { loadConfig } from '../src/server/config'
import { createUploadWorker } from '../src/server/jobs/upload-worker'
import { createLogger } from '../src/server/logger'
import { createConnections } from '../src/server/services/connections'
import type { AppContext } from '../src/server/services/context'
import { openDatabase } from '../src/server/store/db'
import { BACK_OFFICE_HEADER } from '../src/simulators/pos/back-office'

const { values: args } = parseArgs({
  options: {
    families: { type: 'string', default: '2000' },
    scale: { type: 'string', default: '0.2' },
    modes: { type: 'string', default: 'batched,single' },
  },
})
const FAMILIES = Number(args.families)
const SCALE = Number(args.scale)
const POS_TOKEN = 'bench-pos-token'
const ECOM_TOKEN = 'secret_bench'
const STORE_ID = 1003
const CLIENT_SECRET = 'bench_client_secret_0123456789'
const ECOM_LIMIT = { requests: 600, windowMs: 60_000 }
const POS_LIMIT = { requests: 350, windowMs: 300_000 }
const SAMPLE_MS = 100

interface Generated {
  families: number
  variants: number
  images: number
  withOptions: number
}

/** A deterministic catalog: every fourth family a standard product, the others 3 or 4 sizes. */
async function loadPosCatalog(posUrl: string): Promise<Generated> {
  const send = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${posUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${POS_TOKEN}`,
        [BACK_OFFICE_HEADER]: '1',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`POS ${method} ${path}: ${res.status} ${await res.text()}`)

    return (await res.json()) as T
  }
  const outlet = (await send<{ data: { id: string }[] }>('GET', '/api/2.0/outlets')).data[0]?.id
  const size = (
    await send<{ data: { id: string } }>('POST', '/api/2.0/variant_attributes', { name: 'Size' })
  ).data.id
  const tags: string[] = []
  for (const name of ['Mugs', 'Tees', 'Totes', 'Caps', 'Socks', 'Prints', 'Pins', 'Books']) {
    const { data } = await send<{ data: string | { id: string } }>('POST', '/api/2.0/tags', {
      name,
    })
    tags.push(typeof data === 'string' ? data : data.id)
  }
  const sizes = ['S', 'M', 'L', 'XL']
  const stats: Generated = { families: 0, variants: 0, images: 0, withOptions: 0 }
  const body = (i: number) => {
    const common = {
      name: `Bench product ${String(i).padStart(5, '0')}`,
      description: `<p>Generated product ${i}</p>`,
      tag_ids: [tags[i % tags.length]],
      images: [{ type: 'url', location: `https://img.example.test/bench/${i}.jpg` }],
    }
    const stock = (n: number) => [{ outlet_id: outlet, current_amount: (i * 7 + n) % 13 }]
    if (i % 4 === 0) {
      return { ...common, sku: `B-${i}`, price_excluding_tax: 5 + (i % 50), inventory: stock(0) }
    }
    const count = i % 4 === 1 ? 3 : 4

    return {
      ...common,
      variants: sizes.slice(0, count).map((value, n) => ({
        sku: `B-${i}-${value}`,
        price_excluding_tax: 10 + (i % 40) + n,
        variant_definitions: [{ attribute_id: size, value }],
        inventory: stock(n),
      })),
    }
  }
  let next = 0
  const workers = Array.from({ length: 8 }, async () => {
    while (next < FAMILIES) {
      const item = body(next++)
      await send('POST', '/api/2.0/products', item)
      stats.families += 1
      stats.images += 1
      stats.variants += 'variants' in item ? item.variants.length : 1
      if ('variants' in item) stats.withOptions += 1
    }
  })
  await Promise.all(workers)

  return stats
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => resolve(port))
    })
  })
}

/** Both simulators in a child process, as `npm run simulators` starts them. */
async function startSimulators(dir: string) {
  const [posPort, ecomPort] = [await freePort(), await freePort()]
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '../src/launcher/simulators.ts')],
    {
      env: {
        ...process.env,
        DATA_DIR: dir,
        POS_SIM_PORT: String(posPort),
        ECOM_SIM_PORT: String(ecomPort),
        SIM_SEED: 'none',
        SIM_TIME_SCALE: String(SCALE),
        POS_SIM_TOKEN: POS_TOKEN,
        ECOM_SIM_TOKEN: ECOM_TOKEN,
        ECOM_SIM_STORE_ID: String(STORE_ID),
        ECOM_CLIENT_SECRET: CLIENT_SECRET,
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const posUrl = `http://localhost:${posPort}`
  const ecomUrl = `http://localhost:${ecomPort}`
  const deadline = Date.now() + 60_000
  for (;;) {
    const ready = await fetch(`${ecomUrl}/_sim/health`).then(
      (res) => res.ok,
      () => false,
    )
    if (ready) break
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error('simulators did not start')
    await new Promise((r) => setTimeout(r, 200))
  }

  return {
    posUrl,
    ecomUrl,
    async resetEcom() {
      const res = await fetch(`${ecomUrl}/_sim/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ seed: 'none' }),
      })
      if (!res.ok) throw new Error(`eCom reset: ${res.status}`)
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

interface Sample {
  at: number
  pos: number
  ecom: number
}

/** Requests per second over the span an API was in use (first to last request), per limit. */
function busyRate(samples: Sample[], key: 'pos' | 'ecom', limitPerSecond: number) {
  const first = samples.find((s) => s[key] > 0)
  const total = samples.at(-1)?.[key] ?? 0
  const last = samples.find((s) => s[key] === total)
  if (!first || !last || total < 2) return { rate: 0, ratio: 0, seconds: 0 }
  const start = samples[samples.indexOf(first) - 1] ?? first
  const seconds = Math.max(0.001, (last.at - start.at) / 1000)
  const rate = total / seconds

  return { rate, ratio: rate / limitPerSecond, seconds }
}

async function runMode(
  dir: string,
  sims: Awaited<ReturnType<typeof startSimulators>>,
  mode: string,
  catalog: Generated,
) {
  const { posUrl, ecomUrl } = sims
  await sims.resetEcom()
  const config = loadConfig({
    DATA_DIR: join(dir, `app-${mode}`),
    POS_API_URL: posUrl,
    POS_TOKEN,
    ECOM_API_URL: `${ecomUrl}/api/v3`,
    ECOM_CLIENT_SECRET: CLIENT_SECRET,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_TIME_SCALE: String(SCALE),
    UPLOAD_BATCH_SIZE: mode === 'batched' ? '100' : '0',
    // One request each, a few more lanes than the default 4 keep the limit busy while each
    // request waits on a loaded machine; batches take a lane per product of the batch.
    UPLOAD_CONCURRENCY: '8',
  })
  const log = createLogger(config.logLevel)
  const db = await openDatabase(config.databaseFile)
  const ctx = {
    config: { ...config, frameAncestors: [ecomUrl] },
    db,
    box: createSecretBox(config.secretKey),
    log,
  } as AppContext
  ctx.connections = createConnections(ctx)
  ctx.worker = createUploadWorker(ctx)
  const app = await buildApp({ ctx, logger: log })
  ctx.worker.start()

  const { payload } = (await (
    await fetch(`${ecomUrl}/_sim/payload?storeId=${STORE_ID}`)
  ).json()) as { payload: string }
  const session = await app.inject({ method: 'POST', url: '/api/session', payload: { payload } })
  const cookie = `lls_session=${session.cookies.find((c) => c.name === 'lls_session')?.value}`
  // The session's checks read both stores' settings; the count starts with the upload.
  globalRequestCounter.reset()
  const samples: Sample[] = [{ at: Date.now(), pos: 0, ecom: 0 }]
  const sampler = setInterval(
    () => samples.push({ at: Date.now(), ...globalRequestCounter.snapshot() }),
    SAMPLE_MS,
  )
  const started = Date.now()
  const res = await app.inject({
    method: 'POST',
    url: '/api/runs',
    headers: { cookie },
    payload: { direction: 'pos-to-ecom', selection: { kind: 'all' } },
  })
  const { id } = res.json() as { id: string }
  let run: { status: string; counts: Record<string, number> }
  for (;;) {
    run = (await app.inject({ method: 'GET', url: `/api/runs/${id}`, headers: { cookie } })).json()
    if (!['queued', 'running', 'waiting'].includes(run.status)) break
    await new Promise((r) => setTimeout(r, 100))
  }
  const seconds = (Date.now() - started) / 1000
  clearInterval(sampler)
  samples.push({ at: Date.now(), ...globalRequestCounter.snapshot() })
  const sent = globalRequestCounter.snapshot()

  await ctx.worker.stop()
  await app.close()
  await db.destroy()

  const ecomLimit = ECOM_LIMIT.requests / ((ECOM_LIMIT.windowMs * SCALE) / 1000)
  const posLimit = POS_LIMIT.requests / ((POS_LIMIT.windowMs * SCALE) / 1000)

  return {
    mode,
    status: run.status,
    counts: run.counts,
    seconds,
    productsPerSecond: catalog.families / seconds,
    ecomPerProduct: sent.ecom / catalog.families,
    posPerProduct: sent.pos / catalog.families,
    ecom: busyRate(samples, 'ecom', ecomLimit),
    pos: busyRate(samples, 'pos', posLimit),
  }
}

const fixed = (n: number, digits = 2) => n.toFixed(digits)

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-upload-'))
  const sims = await startSimulators(dir)
  const loadStarted = Date.now()
  const catalog = await loadPosCatalog(sims.posUrl)
  const ecomLimit = ECOM_LIMIT.requests / ((ECOM_LIMIT.windowMs * SCALE) / 1000)
  const posLimit = POS_LIMIT.requests / ((POS_LIMIT.windowMs * SCALE) / 1000)

  console.log(
    `upload-throughput: ${catalog.families} Retail POS families, ${catalog.variants} variants, ` +
      `${catalog.images} images (loaded in ${fixed((Date.now() - loadStarted) / 1000, 1)} s)`,
  )
  console.log(
    `time scale ${SCALE}: eCom limit ${fixed(ecomLimit, 1)} req/s (600 per 60 s), ` +
      `Retail POS limit ${fixed(posLimit, 1)} req/s (350 per 300 s)\n`,
  )

  const results = []
  try {
    for (const mode of args.modes.split(',')) results.push(await runMode(dir, sims, mode, catalog))
  } finally {
    await sims.stop()
  }
  rmSync(dir, { recursive: true, force: true })

  console.log(
    'mode     | status    | s     | products/s | eCom req/product | POS req/product | eCom rate/limit | POS rate/limit',
  )
  for (const r of results) {
    console.log(
      [
        r.mode.padEnd(8),
        r.status.padEnd(9),
        fixed(r.seconds, 1).padStart(5),
        fixed(r.productsPerSecond, 1).padStart(10),
        fixed(r.ecomPerProduct, 3).padStart(16),
        fixed(r.posPerProduct, 3).padStart(15),
        `${fixed(r.ecom.ratio)} (${fixed(r.ecom.rate, 0)}/s)`.padStart(15),
        `${fixed(r.pos.ratio)} (${fixed(r.pos.rate, 0)}/s)`.padStart(14),
      ].join(' | '),
    )
  }
  console.log()
  for (const r of results) {
    // An API binds a run only if it is busy for most of it: POS answers the index refresh in
    // a burst of a few requests at the start, which says nothing about its limit.
    const candidates = [
      { name: 'eCom', ...r.ecom },
      { name: 'Retail POS', ...r.pos },
    ].filter((api) => api.seconds >= r.seconds / 2)
    const busiest = candidates.sort((a, b) => b.ratio - a.ratio)[0] ?? { name: 'eCom', ...r.ecom }
    const verdict =
      busiest.ratio >= 0.5 && candidates.length > 0
        ? `${busiest.name} is the bottleneck: ${fixed(busiest.ratio)} of its limit over ${fixed(busiest.seconds, 1)} s (goal ≥ 0.90)`
        : `no API is the bottleneck (busiest: ${busiest.name} at ${fixed(busiest.ratio)} of its limit); the run is bound by the work on each side`
    console.log(`${r.mode}: ${verdict}; counts ${JSON.stringify(r.counts)}`)
  }

  const standard = catalog.families - catalog.withOptions
  const singleFloor = (catalog.families + catalog.images + catalog.withOptions) / catalog.families
  console.log(
    `\nfloor of eCom requests per product, one request per write: 1 create + 1 per image + 1 variant read per family ` +
      `= ${fixed(singleFloor, 3)} here (${standard} standard products, ${catalog.withOptions} families, ${catalog.images} images)`,
  )
  console.log(
    'floor with batches of 100: (1 submit + 1 status poll) for the creates and again for images and variant reads ' +
      `= 4/100 = 0.040 per product; the SKU index adds 1 per 100 eCom products, Retail POS is read from its local index ` +
      `(≈ ${fixed(((Math.ceil(catalog.variants / 1000) + 1) * 2 + 1) / catalog.families, 3)} per product to refresh it)`,
  )
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
