/**
 * `npm run bench:scale`: uploads a generated Retail POS catalog to eCom ("Upload all") with the
 * simulators' rate limits off (SIM_TIME_SCALE=0), once per catalog size, each in a fresh world,
 * and prints products per second, the BFF's CPU seconds per 1,000 products and its peak memory
 * (RSS), and how the peak at the largest size compares with the smallest. Memory must stay flat:
 * an upload streams the catalog page by page and never holds it whole.
 *
 *   npm run bench:scale                        # 5,000 and 50,000 products
 *   npm run bench:scale -- --sizes 2000,20000  # other sizes
 *   DATABASE_URL=postgres://… npm run bench:scale  # the BFF on PostgreSQL (the database is reset)
 *
 * The simulators run in their own process and the BFF in another, as `npm run simulators` and
 * `npm run app` start them, so the figures are the BFF's alone. Memory is measured the same way at
 * every size: once the BFF is ready, a full garbage collection (bench/memory-probe.ts, loaded into
 * the BFF only here) gives its baseline, the kernel's high-water mark of its resident memory is
 * reset to it (/proc/<pid>/clear_refs), and the peak is that mark when the upload ends. Once 90 %
 * of the products are done, another collection shows the heap the upload holds: it must not grow
 * with the catalog. The peak also holds the garbage V8 lets pile up before a full collection,
 * which keeps growing until V8 runs its first full collection, tens of seconds into an upload.
 *
 *   npm run bench:scale -- --heap-every 10      # also a collection every 10 s, printing the heap
 *                                               # (to find what grows; it lowers the peak)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { openDocStore } from '../src/simulators/shared/doc-store'
import { seedStore } from '../src/simulators/pos/demo-catalog'
import { PosStore } from '../src/simulators/pos/pos-store'
import { createProducts } from '../src/simulators/pos/product-create'

const REPO_ROOT = resolve(import.meta.dirname, '..')
const CLOCK_TICKS_PER_SECOND = 100
/** Peak memory at the largest size may be at most this many times the smallest's. */
const FLAT_MEMORY_CEILING = 1.5
/** The heap held during the upload at the largest size may be at most this many times the smallest's. */
const FLAT_HEAP_CEILING = 1.2

interface Figures {
  products: number
  seconds: number
  cpuSeconds: number
  simCpuSeconds: number
  /** Resident memory after a full collection once the BFF is ready. */
  baselineRssMb: number
  /** The highest resident memory from that baseline to the end of the upload. */
  peakRssMb: number
  /** The heap in use after a full collection once 90 % of the products are done: what it holds. */
  liveHeapMb: number
  counts: Record<string, number>
}

interface ProbeReading {
  collected: boolean
  rss: number
  heapUsed: number
}

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '5000,50000' },
    'heap-every': { type: 'string' },
  },
})
const heapEverySeconds = Number(values['heap-every'] ?? 0)
const sizes = (values.sizes ?? '')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0)

function say(line: string) {
  process.stdout.write(`${line}\n`)
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

/** Writes `count` standard products straight into the POS simulator's file, before it starts. */
function seedPosCatalog(dataDir: string, count: number) {
  const docs = openDocStore(join(dataDir, 'pos-simulator.sqlite'))
  const store = new PosStore(docs)
  store.transaction(() => seedStore(store, 'none'))
  const outlet = store.outlets.values().next().value?.id ?? ''
  for (let from = 0; from < count; from += 1000) {
    store.transaction(() => {
      for (let i = from; i < Math.min(count, from + 1000); i++) {
        createProducts(store, {
          name: `Scale product ${String(i).padStart(6, '0')}`,
          sku: `SCALE-${String(i).padStart(6, '0')}`,
          description: '<p>A product of the scale benchmark, with a short description.</p>',
          price_excluding_tax: 10 + (i % 500) / 100,
          inventory: [{ outlet_id: outlet, current_amount: i % 7 }],
        })
      }
    })
  }
  store.close()
}

const children = new Set<ChildProcess>()
// Stopping the benchmark (Ctrl-C) stops what it started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    children.forEach((child) => child.kill('SIGKILL'))
    process.exit(1)
  })
}

function startChild(
  script: string,
  env: Record<string, string>,
  ready: string,
  nodeArgs: string[] = [],
) {
  let log = ''
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, script], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  child.once('exit', () => children.delete(child))
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()))

  return new Promise<{ child: ChildProcess; log: () => string }>((done, fail) => {
    const timer = setInterval(() => {
      if (log.includes(ready)) {
        clearInterval(timer)
        done({ child, log: () => log })
      } else if (child.exitCode !== null) {
        clearInterval(timer)
        fail(new Error(`${script} exited:\n${log}`))
      }
    }, 50)
  })
}

function stop(child: ChildProcess) {
  return new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done()
    child.once('exit', () => done())
    child.kill('SIGTERM')
  })
}

/** CPU seconds (user + system) the process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []

  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
}

/** A field of /proc/<pid>/status in MB: VmRSS (resident now) or VmHWM (its high-water mark). */
function statusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)

  return kb / 1024
}

/** Resident memory by kind (anonymous: heaps; file: code; shared memory: SQLite's WAL index). */
function residentParts(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')

  return ['VmRSS', 'RssAnon', 'RssFile', 'RssShmem']
    .map((field) => {
      const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)

      return `${field} ${(kb / 1024).toFixed(0)} MB`
    })
    .join(', ')
}

/** Resets the process's high-water mark of resident memory to what it holds now. */
function resetPeakRss(pid: number) {
  writeFileSync(`/proc/${pid}/clear_refs`, '5')
}

/** Asks the BFF's memory probe for a full collection; resolves with its reading after it. */
async function collect(child: ChildProcess, log: () => string): Promise<ProbeReading> {
  const seen = log().split('memory-probe ').length
  child.kill('SIGUSR2')
  for (;;) {
    await new Promise((r) => setTimeout(r, 20))
    const parts = log().split('memory-probe ')
    const line = parts.length > seen ? parts[seen]?.split('\n')[0] : undefined
    if (line) {
      const reading = JSON.parse(line) as ProbeReading
      if (!reading.collected) throw new Error('the BFF was started without --expose-gc')

      return reading
    }
  }
}

const mb = (bytes: number) => bytes / 1024 / 1024

async function resetPostgres(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('drop schema public cascade; create schema public')
  await client.end()
}

async function measure(count: number): Promise<Figures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pos-ecom-sync-bench-'))
  const [port, posPort, ecomPort] = [await freePort(), await freePort(), await freePort()]
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    POS_SIM_PORT: String(posPort),
    ECOM_SIM_PORT: String(ecomPort),
    SIM_SEED: 'none',
    // The simulator's personal token (POS_SIM_TOKEN's default): the store starts connected.
    POS_TOKEN: 'pos-demo-token',
    SIM_TIME_SCALE: '0',
    // The simulators enforce no limits; pacing that is 10,000× faster is no pacing at all.
    RATE_LIMIT_TIME_SCALE: '0.0001',
    UPLOAD_CONCURRENCY: '8',
    LOG_LEVEL: 'warn',
  }
  if (process.env.DATABASE_URL) await resetPostgres(process.env.DATABASE_URL)
  let started = Date.now()
  seedPosCatalog(dataDir, count)
  say(`  ${count} products written to the POS simulator in ${(Date.now() - started) / 1000} s`)
  const sims = await startChild('src/launcher/simulators.ts', env, 'is ready')
  const app = await startChild('src/launcher/app.ts', env, 'is ready', [
    '--expose-gc',
    '--import',
    './bench/memory-probe.ts',
  ])
  const pid = app.child.pid ?? 0
  let sampling: NodeJS.Timeout | undefined

  try {
    const appUrl = `http://localhost:${port}`
    const opened = await fetch(`http://localhost:${ecomPort}/_sim/payload?storeId=1003`)
    const { payload } = (await opened.json()) as { payload: string }
    const session = await fetch(`${appUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload }),
    })
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    await collect(app.child, app.log)
    const baselineRssMb = statusMb(pid, 'VmRSS')
    resetPeakRss(pid)
    say(`  BFF baseline after a full collection: ${baselineRssMb.toFixed(0)} MB resident`)
    if (heapEverySeconds > 0) {
      sampling = setInterval(() => {
        const before = residentParts(pid)
        collect(app.child, app.log).then(
          (r) =>
            say(
              `  before a collection ${before}; after it: heap ${mb(r.heapUsed).toFixed(1)} MB, ` +
                `resident ${mb(r.rss).toFixed(0)} MB`,
            ),
          () => undefined,
        )
      }, heapEverySeconds * 1000)
    }
    const cpuBefore = cpuSeconds(pid)
    const simCpuBefore = cpuSeconds(sims.child.pid ?? 0)
    started = Date.now()
    const run = await fetch(`${appUrl}/api/runs`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ direction: 'pos-to-ecom', selection: { kind: 'all' } }),
    })
    const { id } = (await run.json()) as { id: string }
    let last = ''
    let liveHeapMb: number | null = null
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000))
      const res = await fetch(`${appUrl}/api/runs/${id}`, { headers: { cookie } })
      const view = (await res.json()) as { status: string; counts: Record<string, number> }
      const line = `  ${view.status}: ${JSON.stringify(view.counts)}`
      if (
        Math.floor((Date.now() - started) / 10_000) !==
          Math.floor((Date.now() - started - 1000) / 10_000) &&
        line !== last
      ) {
        say(line)
        last = line
      }
      const done = count - (view.counts.pending ?? count)
      if (liveHeapMb === null && done >= count * 0.9) {
        liveHeapMb = mb((await collect(app.child, app.log)).heapUsed)
      }
      if (!['queued', 'running', 'waiting'].includes(view.status)) {
        clearInterval(sampling)
        return {
          products: count,
          seconds: (Date.now() - started) / 1000,
          cpuSeconds: cpuSeconds(pid) - cpuBefore,
          simCpuSeconds: cpuSeconds(sims.child.pid ?? 0) - simCpuBefore,
          baselineRssMb,
          peakRssMb: statusMb(pid, 'VmHWM'),
          liveHeapMb: liveHeapMb ?? mb((await collect(app.child, app.log)).heapUsed),
          counts: view.counts,
        }
      }
    }
  } finally {
    clearInterval(sampling)
    await stop(app.child)
    await stop(sims.child)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

say(`pos-ecom-sync scale benchmark: Upload all, Retail POS to eCom, simulators without limits`)
say(`database: ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'SQLite'}`)
const results: Figures[] = []
for (const size of sizes) {
  say(`\n${size} products`)
  const figures = await measure(size)
  results.push(figures)
  say(
    `  done in ${figures.seconds.toFixed(1)} s: ${(figures.products / figures.seconds).toFixed(0)} products/s, ` +
      `${((figures.cpuSeconds * 1000) / figures.products).toFixed(2)} CPU s per 1,000 products, ` +
      `peak RSS ${figures.peakRssMb.toFixed(0)} MB (baseline ${figures.baselineRssMb.toFixed(0)} MB), ` +
      `heap held at 90 % ${figures.liveHeapMb.toFixed(1)} MB; ${JSON.stringify(figures.counts)}`,
  )
  say(
    `  (the simulators used ${((figures.simCpuSeconds * 1000) / figures.products).toFixed(2)} CPU s per 1,000 products)`,
  )
}
const smallest = results[0]
const largest = results[results.length - 1]
if (smallest && largest && smallest !== largest) {
  const ratio = largest.peakRssMb / smallest.peakRssMb
  say(
    `\npeak RSS ${largest.products} / ${smallest.products} products: ${ratio.toFixed(2)} ` +
      `(${largest.peakRssMb.toFixed(0)} MB / ${smallest.peakRssMb.toFixed(0)} MB; ` +
      `flat is at most ${FLAT_MEMORY_CEILING}) ${ratio <= FLAT_MEMORY_CEILING ? 'OK' : 'NOT FLAT'}`,
  )
  const growth = largest.peakRssMb - largest.baselineRssMb
  const smallGrowth = smallest.peakRssMb - smallest.baselineRssMb
  say(`peak above the baseline: ${growth.toFixed(0)} MB / ${smallGrowth.toFixed(0)} MB`)
  const heapRatio = largest.liveHeapMb / smallest.liveHeapMb
  say(
    `heap held during the upload ${largest.products} / ${smallest.products} products: ` +
      `${heapRatio.toFixed(2)} (${largest.liveHeapMb.toFixed(1)} MB / ${smallest.liveHeapMb.toFixed(1)} MB; ` +
      `flat is at most ${FLAT_HEAP_CEILING}) ${heapRatio <= FLAT_HEAP_CEILING ? 'OK' : 'NOT FLAT'}`,
  )
  const cpuRatio = largest.cpuSeconds / largest.products / (smallest.cpuSeconds / smallest.products)
  say(`CPU per product ${largest.products} / ${smallest.products}: ${cpuRatio.toFixed(2)}`)
}
