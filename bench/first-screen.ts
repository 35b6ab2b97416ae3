/**
 * Time to interactive of the first screen, and the weight of the JavaScript it needs.
 *
 * Starts the product as `npm start` does (both simulators, the BFF serving the built SPA), opens
 * the app in headless Chromium the way eCom's admin does (a fresh payload each time, a fresh
 * browser context so nothing is cached), and measures from navigation start until the
 * "Upload Lightspeed products to eCom" button is enabled. Prints the median against the 1 s goal,
 * and the gzipped size of the JavaScript the first screen loads against 250 KB.
 *
 * `npm run bench:web` (builds the SPA first). Figures depend on the machine's load; the load
 * average is printed with them.
 */
import { chromium } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import config from '../playwright.config'
import { repoRoot, startStack } from '../e2e/support/stack'

const LOADS = 7
const GOAL_MS = 1000
const BUDGET_BYTES = 250 * 1024
const BUTTON = 'Upload Lightspeed products to eCom'
/**
 * Runs in the page; a function rather than a string, which the app's content security policy
 * (no eval) would refuse. This file is type-checked without the DOM's types, hence the casts.
 */
function readyAt(label: string): number | false {
  const doc = (
    globalThis as unknown as {
      document: {
        querySelectorAll(s: string): Iterable<{ textContent: string | null; disabled: boolean }>
      }
    }
  ).document
  const button = [...doc.querySelectorAll('button')].find((b) => b.textContent === label)

  return button && !button.disabled ? performance.now() : false
}

function initialScripts() {
  const webRoot = resolve(repoRoot, 'dist/web')
  const html = readFileSync(resolve(webRoot, 'index.html'), 'utf8')
  const entries = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1] ?? '')

  return entries.map((src) => {
    const bytes = readFileSync(resolve(webRoot, `.${src}`))

    return { src, raw: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length }
  })
}

const scripts = initialScripts()
const stack = await startStack({ seed: 'demo' })
const browser = await chromium.launch({ ...config.use?.launchOptions, headless: true })
const times: number[] = []

try {
  for (let i = 0; i < LOADS; i++) {
    const res = await fetch(`${stack.ecomUrl}/_sim/payload?storeId=${stack.ecomStoreId}`)
    const { iframeUrl } = (await res.json()) as { iframeUrl: string }
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(iframeUrl, { waitUntil: 'commit' })
    // performance.now() counts from the navigation's start, in the page's own clock.
    const ready = await page.waitForFunction(readyAt, BUTTON, {
      polling: 'raf',
      timeout: 30_000,
    })
    times.push(Number(await ready.jsonValue()))
    await context.close()
  }
} finally {
  await browser.close()
  await stack.stop()
}

const sorted = [...times].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)] ?? 0
const gzipped = scripts.reduce((sum, s) => sum + s.gzipped, 0)
const raw = scripts.reduce((sum, s) => sum + s.raw, 0)
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const out = [
  `First screen ("${BUTTON}" enabled), ${LOADS} cold loads, load average ${loadavg()[0]?.toFixed(1)}:`,
  `  each:   ${times.map((t) => `${Math.round(t)} ms`).join(', ')}`,
  `  median: ${Math.round(median)} ms = ${(median / GOAL_MS).toFixed(2)}× the ${GOAL_MS} ms goal`,
  `Initial JavaScript (${scripts.map((s) => s.src).join(', ')}):`,
  `  ${kb(gzipped)} gzipped (${kb(raw)} minified) = ${(gzipped / BUDGET_BYTES).toFixed(2)}× the ${kb(BUDGET_BYTES)} budget`,
]
process.stdout.write(out.join('\n') + '\n')
