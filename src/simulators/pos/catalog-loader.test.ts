import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { formatLoadReport, type LoadReport, loadPosCatalog } from './catalog-loader'
import {
  allPages,
  hasVendExport,
  openSimulator,
  SHARED_CATALOGS,
  tempDataFile,
  type TestSimulator,
  TOKEN,
  VEND_EXPORT,
} from './pos-test-helpers'

interface Product {
  id: string
  name: string
  handle: string
  sku: string
  description: string | null
  has_inventory: boolean
  is_composite: boolean
  composite_bom?: Record<string, number>
  variant_options: { name: string; value: string }[]
}

const SALEOR_JSON = join(SHARED_CATALOGS, 'saleor-populatedb_data.json')

// Outside the project's workspace the shared catalogs are absent; the title says why it skipped.
const title = hasVendExport
  ? 'loadPosCatalog with the Vend export'
  : `loadPosCatalog: SKIPPED, ${VEND_EXPORT} (../shared/catalogs) is not there`

describe.skipIf(!hasVendExport)(title, () => {
  let sim: TestSimulator
  let cleanup: () => void
  let report: LoadReport
  let products: Product[]

  beforeAll(async () => {
    const temp = tempDataFile()
    cleanup = temp.cleanup
    sim = openSimulator({ dataFile: temp.file, seed: 'none' })
    const baseUrl = await sim.app.listen({ port: 0, host: '127.0.0.1' })
    report = await loadPosCatalog(VEND_EXPORT, { baseUrl, token: TOKEN })
    products = (await allPages<Product>(sim, '/api/2.0/products', 1000)).flatMap((p) => p.data)
  }, 60_000)

  afterAll(async () => {
    await sim.close()
    cleanup()
  })

  test('loads 378 of the 382 families and reports every refused row with its reason', () => {
    const reasons = report.rejectedRows.map((r) => [r.row, r.handle, r.reason.slice(0, 40)])

    expect(report).toMatchObject({ families: 378, composites: 1, variants: 1200 })
    expect(products).toHaveLength(1200)
    expect(reasons).toEqual([
      ...[6, 7, 8, 9, 10].map((row) => [
        row,
        'HarvardZipperAppliqueHoodedSweatshirt',
        expect.any(String),
      ]),
      [49, 'MITWhitePen', expect.stringContaining('name "MIT Pen"')],
      [466, 'HarvardHSpinnerKeychain', expect.any(String)],
      [987, 'harvard-kennedy-school-of-government-t-shirt', expect.any(String)],
      ...[1077, 1078, 1079, 1080, 1081].map((row) => [
        row,
        '',
        'empty handle, sku and name (a product ne',
      ]),
      [1176, 'HarvardPandaBear', expect.any(String)],
    ])
    expect(formatLoadReport(report)).toContain('families: 378 (1 composite), products: 1200')
  })

  test('accounts for every row of the file: products, components of composites, rejected', () => {
    const text = formatLoadReport(report)

    expect(report.rows).toBe(1217)
    expect(report.variants + report.componentRows + report.rejectedRows.length).toBe(report.rows)
    expect(text).toContain(
      'rows: 1217: 1200 products created, 3 components of composites, 14 rejected',
    )
    expect(text).toContain('(rows numbered as a spreadsheet shows them, the header being row 1)')
    expect(text).toMatch(/row 49 \(from line \d+ of the file\) handle "MITWhitePen"/)
  })

  test('loads SmallBundle as one composite made of the products its rows name', async () => {
    const bundles = products.filter((p) => p.sku === '10682')
    const components = await Promise.all(
      Object.keys(bundles[0]?.composite_bom ?? {}).map(
        async (id) => (await sim.get<{ data: Product }>(`/api/2.0/products/${id}`)).body.data,
      ),
    )

    expect(bundles.map((p) => [p.name, p.handle, p.is_composite])).toEqual([
      ['Silver Bottle Small Bundle', 'SmallBundle', true],
    ])
    expect(components.map((c) => c.sku).sort()).toEqual(['10608', '264', '2718'])
  })

  test('keeps text as exported: padding, Word markup, decoded Mac-Roman bytes', () => {
    const text = products.map((p) => `${p.name}\n${p.description ?? ''}`).join('\n')

    expect(products.some((p) => p.name === ' MIT Crest Mug')).toBe(true)
    expect(products.some((p) => p.variant_options.some((o) => o.value === 'L '))).toBe(true)
    expect(products.some((p) => /mso-[a-z-]+:/.test(p.description ?? ''))).toBe(true)
    expect(text).toContain('•Official Harvard University Acessory')
    expect(text).not.toMatch(/\ufffd|Â|â€/)
  })

  test('makes "Title / Default" standard; keeps untracked items and negative stock', async () => {
    const stock = (
      await allPages<{ inventory_level: number }>(sim, '/api/2.0/inventory', 1000)
    ).flatMap((p) => p.data)

    const titleDefault = products.find((p) => p.handle === 'windflowumbrellas')

    expect(titleDefault?.variant_options).toEqual([])
    expect(products.filter((p) => !p.has_inventory && !p.is_composite).length).toBeGreaterThan(40)
    expect(stock.some((r) => r.inventory_level < 0)).toBe(true)
    expect(report.outlets).toEqual([
      'Basement',
      'Garage',
      'JFK',
      'Mt_Auburn',
      'Off-Site',
      'Quality_Graphics',
    ])
  })
})

describe('a file that is not a Retail POS product export', () => {
  let sim: TestSimulator
  let cleanup: () => void
  let baseUrl: string

  beforeAll(async () => {
    const temp = tempDataFile()
    cleanup = temp.cleanup
    sim = openSimulator({ dataFile: temp.file, seed: 'none' })
    baseUrl = await sim.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await sim.close()
    cleanup()
  })

  test.skipIf(!existsSync(SALEOR_JSON))(
    'a JSON catalog is refused in plain words, nothing loaded',
    async () => {
      await expect(loadPosCatalog(SALEOR_JSON, { baseUrl, token: TOKEN })).rejects.toThrow(
        'not a Retail POS product export: it is JSON, and an export is a CSV file',
      )
      expect((await allPages(sim, '/api/2.0/products', 100)).flatMap((p) => p.data)).toEqual([])
    },
  )

  test.each([
    [
      'a CSV of another shop system',
      'ID,Type,SKU,Name\n1,simple,W-1,Woo mug\n',
      'not a Retail POS product export: it has no handle, sku, name column (its columns: ID, Type, SKU, Name)',
    ],
    [
      'text with a stray quote',
      'handle,sku,name\nmug,M-1,Mug "big\n  "x,y\n',
      'not a Retail POS product export, it cannot be read as CSV (',
    ],
  ])('%s is refused saying why', async (_, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'catalog-'))
    const file = join(dir, 'export.csv')
    writeFileSync(file, text)

    await expect(loadPosCatalog(file, { baseUrl, token: TOKEN })).rejects.toThrow(message)
    rmSync(dir, { recursive: true })
  })
})
