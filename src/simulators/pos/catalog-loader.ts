/**
 * Loads a Retail POS product export into a POS simulator through its HTTP API only (plus the
 * /_sim/outlets control route, since the API cannot create outlets): one POST per family, variant
 * attributes and tags created by name, composites after the products they are made of. A row the
 * simulator refuses is reported with its error and the load goes on.
 */
import {
  type CatalogFamily,
  type CatalogRow,
  readCatalogFile,
  type RejectedRow,
  rejection,
} from './catalog-rows'
import {
  familyPayload,
  type Lookups,
  optionNames,
  RowError,
  tagNames,
  numberCell,
} from './catalog-payloads'
import { type LoadClient, loadClient, type LoadTarget } from './load-client'

export type { RejectedRow } from './catalog-rows'
export type { LoadTarget } from './load-client'

export interface LoadReport {
  /** Data rows in the file: each is a product created, a composite's component, or rejected. */
  rows: number
  /** Rows naming a component of a composite that was created. */
  componentRows: number
  /** Families created: variant families, standard products and composites alike. */
  families: number
  /** Products created: every member of every family (a standard product is a family of one). */
  variants: number
  composites: number
  rejectedRows: RejectedRow[]
  file: string
  charset: string
  legacyRuns: number
  outlets: string[]
  tagsCreated: number
  attributesCreated: number
  ms: number
}

export async function loadPosCatalog(file: string, target: LoadTarget): Promise<LoadReport> {
  const started = Date.now()
  const catalog = await readCatalogFile(file)
  const client = loadClient(target)
  const report: LoadReport = {
    rows: catalog.rows,
    componentRows: 0,
    families: 0,
    variants: 0,
    composites: 0,
    rejectedRows: [...catalog.rejected],
    file,
    charset: catalog.charset,
    legacyRuns: catalog.legacyRuns,
    outlets: catalog.outletNames,
    tagsCreated: 0,
    attributesCreated: 0,
    ms: 0,
  }
  const lookups = await prepareLookups(client, catalog.families, catalog.outletNames, report)
  const [composites, plain] = partition(catalog.families, (f) => f.components.length > 0)

  for (const family of plain) await loadFamily(client, family, lookups, report)
  // Composites last: their components must exist first.
  for (const family of composites) await loadComposite(client, family, lookups, report)
  report.rejectedRows.sort((a, b) => a.row - b.row)
  report.ms = Date.now() - started

  return report
}

function partition<T>(items: T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))]
}

async function prepareLookups(
  client: LoadClient,
  families: CatalogFamily[],
  outletNames: string[],
  report: LoadReport,
): Promise<Lookups> {
  const existing = await client.all<{ id: string; name: string }>('/api/2.0/outlets')
  const missing = outletNames.filter((n) => !existing.some((o) => o.name === n))
  const outlets = await client.send<{ data: { id: string; name: string }[] }>(
    'PUT',
    '/_sim/outlets',
    {
      outlets: [
        ...existing.map(({ id, name }) => ({ id, name })),
        ...missing.map((name) => ({ name })),
      ],
    },
  )
  const retailer = await client.send<{ data: { tax_exclusive?: boolean } }>(
    'GET',
    '/api/2.0/retailer',
  )
  const rows = families.flatMap((f) => f.rows)
  const attributes = await namedIds(
    client,
    '/api/2.0/variant_attributes',
    rows.flatMap((row) => optionNames(row).map((o) => o.name)),
    (created) => (report.attributesCreated = created),
  )
  const tags = await namedIds(client, '/api/2.0/tags', rows.flatMap(tagNames), (created) => {
    report.tagsCreated = created
  })

  return {
    outlets: new Map(outlets.data.map((o) => [o.name, o.id])),
    attributes,
    tags,
    taxExclusive: retailer.data.tax_exclusive !== false,
  }
}

/** Ids by lowercased name; missing names are created, existing ones reused (case-insensitively). */
async function namedIds(
  client: LoadClient,
  path: string,
  names: string[],
  onCreated: (count: number) => void,
) {
  const known = await client.all<{ id: string; name: string }>(path)
  const ids = new Map(known.map((item) => [item.name.toLowerCase(), item.id]))
  let created = 0
  for (const name of names) {
    if (ids.has(name.toLowerCase())) continue
    const answer = await client.send<{ data: string | { id: string } }>('POST', path, { name })
    ids.set(name.toLowerCase(), typeof answer.data === 'string' ? answer.data : answer.data.id)
    created += 1
  }
  onCreated(created)

  return ids
}

const refusedBy = (error: string) => `Retail POS refused it: ${error}`

/**
 * One POST for the family. When the simulator names one variant (`variants[3]: …`), that row is
 * reported and the rest is sent again; any other refusal applies to every row of the family.
 */
async function loadFamily(
  client: LoadClient,
  family: CatalogFamily,
  lookups: Lookups,
  report: LoadReport,
) {
  const rows = [...family.rows]
  while (rows.length > 0) {
    let body: unknown
    try {
      body = familyPayload(family, rows, lookups)
    } catch (error) {
      if (!(error instanceof RowError)) throw error
      report.rejectedRows.push(...rows.map((row) => rejection(row, error.message)))

      return
    }
    const answer = await client.post('/api/2.0/products', body)
    if (answer.ok) {
      report.families += 1
      report.variants += answer.ids.length

      return
    }
    const named = /^variants\[(\d+)\]/.exec(answer.error)
    const index = named ? Number(named[1]) : -1
    const refused = index >= 0 && index < rows.length ? rows.splice(index, 1) : rows.splice(0)
    report.rejectedRows.push(...refused.map((row) => rejection(row, refusedBy(answer.error))))
  }
}

async function loadComposite(
  client: LoadClient,
  family: CatalogFamily,
  lookups: Lookups,
  report: LoadReport,
) {
  const [own, ...extra] = family.rows
  const reject = (rows: CatalogRow[], reason: string) =>
    report.rejectedRows.push(...rows.map((row) => rejection(row, reason)))
  reject(extra, 'a composite product cannot have variants')
  if (!own) {
    reject(family.components, 'the composite has no row of its own (name, price)')

    return
  }

  const composite: { product_id: string; quantity: number }[] = []
  for (const row of family.components) {
    const sku = row.cells.composite_sku ?? ''
    const found = await client.send<{ data: { id: string; handle: string }[] }>(
      'GET',
      `/api/2.0/products?sku=${encodeURIComponent(sku)}`,
    )
    const product = found.data.find((p) => p.handle === row.cells.composite_handle) ?? found.data[0]
    if (!product) {
      reject([own, ...family.components], `component sku ${sku} is not in Retail POS`)

      return
    }
    composite.push({ product_id: product.id, quantity: numberCell(row, 'composite_quantity') ?? 1 })
  }
  const answer = await client.post('/api/2.0/products', {
    ...familyPayload(family, [own], lookups),
    composite,
  })
  if (!answer.ok) {
    reject([own, ...family.components], refusedBy(answer.error))

    return
  }
  report.families += 1
  report.composites += 1
  report.variants += answer.ids.length
  report.componentRows += family.components.length
}

export function formatLoadReport(report: LoadReport): string {
  const byReason = new Map<string, number>()
  for (const row of report.rejectedRows)
    byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + 1)
  const lines = [
    `Retail POS catalog ${report.file} (${report.charset}, ${report.legacyRuns} legacy byte runs decoded)`,
    `  rows: ${report.rows}: ${report.variants} products created, ${report.componentRows} components of composites, ${report.rejectedRows.length} rejected`,
    `  families: ${report.families} (${report.composites} composite), products: ${report.variants}`,
    `  outlets: ${report.outlets.join(', ')}`,
    `  created ${report.tagsCreated} tags and ${report.attributesCreated} variant attributes`,
    `  rejected rows: ${report.rejectedRows.length}; ${report.ms} ms`,
    ...[...byReason].map(([reason, count]) => `    ${count} × ${reason}`),
    ...(report.rejectedRows.length > 0
      ? ['  (rows numbered as a spreadsheet shows them, the header being row 1)']
      : []),
    ...report.rejectedRows.map(
      (r) =>
        `    row ${r.row} (from line ${r.line} of the file) handle "${r.handle}" sku "${r.sku}": ${r.reason}`,
    ),
  ]

  return lines.join('\n')
}
