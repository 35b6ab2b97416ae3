import type {
  Link,
  Run,
  RunItem,
  RunPreview,
  Session,
  StoreSettings,
  Side,
  SourceProduct,
  StartRunBody,
  SupportEvent,
  SupportSearch,
} from '../../../contracts/api'
import { sourceSideOf } from '../../../contracts/api'
import { buildLink } from '../builders/link'
import { buildRun, buildRunCounts, buildRunItem } from '../builders/run'
import { buildSession } from '../builders/session'
import { buildStoreSettings } from '../builders/store-settings'
import { buildCatalog } from '../builders/source-product'

export type RunRecord = {
  run: Run
  items: RunItem[]
  /** Runs started through the mock API move on by themselves each time they are read. */
  isSimulated: boolean
}

type Db = {
  session: Session
  products: Record<Side, SourceProduct[]>
  /** Why a product is refused when a simulated run reaches it. */
  refusals: Map<string, string[]>
  links: Link[]
  runs: RunRecord[]
  /** Support's history of products besides their uploads, by Retail POS id. */
  events: Map<string, SupportEvent[]>
  settings: StoreSettings
}

const ITEMS_PER_READ = 5

function seed(): Db {
  const pos = buildCatalog('pos')
  // The first ten eCom products share their SKU with Retail POS, so an upload links them.
  const ecom = buildCatalog('ecom').map((product, index) =>
    index < 10 ? { ...product, sku: pos[index]?.sku ?? product.sku } : product,
  )
  const links = pos.slice(10, 18).map((product, index) =>
    buildLink({
      name: product.name,
      sku: product.sku,
      posProductId: product.sourceId,
      variantCount: product.variantCount,
      state:
        index === 5
          ? 'failed'
          : index === 6
            ? 'pending'
            : index === 7
              ? 'deleted_in_pos'
              : 'synced',
      lastError: index === 5 ? 'eCom did not accept the price: it must be 0 or more.' : null,
    }),
  )

  return {
    session: buildSession(),
    products: { pos, ecom },
    refusals: new Map([
      ['pos-5', ['Composite products are not supported in eCom.']],
      [
        'ecom-6',
        [
          'The product has no SKU in eCom: add one, then upload it again.',
          'Two variants share the SKU EC-0006-M: give each variant its own SKU.',
        ],
      ],
    ]),
    links,
    runs: [],
    events: new Map(),
    settings: buildStoreSettings(),
  }
}

export const db: Db = seed()

export function resetDb() {
  Object.assign(db, seed())
}

export function matchesSearch(product: { name: string; sku: string }, q: string) {
  const needle = q.trim().toLowerCase()

  return (
    needle === '' ||
    product.name.toLowerCase().includes(needle) ||
    product.sku.toLowerCase().includes(needle)
  )
}

export function pageOf<T>(items: T[], page: number, pageSize: number) {
  const start = (page - 1) * pageSize

  return { items: items.slice(start, start + pageSize), total: items.length, page, pageSize }
}

export function addRun(run: Run, items: RunItem[], isSimulated = false) {
  const record = { run, items, isSimulated }
  db.runs.push(record)

  return record
}

export function findRun(id: string) {
  return db.runs.find((record) => record.run.id === id)
}

export function startRun(body: StartRunBody) {
  const side = sourceSideOf(body.direction)
  const catalog = db.products[side]
  const selection = body.selection
  const chosen =
    selection.kind === 'all'
      ? catalog
      : catalog.filter((product) => selection.ids.includes(product.sourceId))
  const items = chosen.map((product) =>
    buildRunItem({ sourceId: product.sourceId, name: product.name, sku: product.sku }),
  )
  const run = buildRun({
    direction: body.direction,
    createdAt: new Date().toISOString(),
    counts: buildRunCounts({ total: items.length, pending: items.length }),
  })

  return addRun(run, items, true)
}

function settle(record: RunRecord, item: RunItem): RunItem {
  const side = sourceSideOf(record.run.direction)
  const target = db.products[side === 'pos' ? 'ecom' : 'pos']
  const reasons = db.refusals.get(item.sourceId)
  const updatedAt = new Date().toISOString()

  if (reasons) return { ...item, status: 'refused', reasons, updatedAt }

  const twin = target.find((product) => product.sku === item.sku)
  const targetId = twin?.sourceId ?? `new-${item.sourceId}`
  db.links.push(buildLink({ name: item.name, sku: item.sku, posProductId: item.sourceId }))

  return { ...item, status: twin ? 'linked' : 'created', targetId, updatedAt }
}

function countsOf(items: RunItem[]) {
  const count = (status: RunItem['status']) => items.filter((i) => i.status === status).length

  return buildRunCounts({
    total: items.length,
    created: count('created'),
    linked: count('linked'),
    failed: count('failed'),
    refused: count('refused'),
    pending: count('pending') + count('running'),
  })
}

/** Moves a simulated run on: queued → running, then a few items per read, then finished. */
export function advanceRun(record: RunRecord) {
  if (!record.isSimulated || record.run.finishedAt) return

  if (record.run.status === 'queued') {
    record.run = { ...record.run, status: 'running' }

    return
  }

  let budget = ITEMS_PER_READ
  record.items = record.items.map((item) => {
    if (item.status !== 'pending' || budget === 0) return item
    budget -= 1

    return settle(record, item)
  })

  const counts = countsOf(record.items)
  const isDone = counts.pending === 0
  const hasErrors = counts.failed + counts.refused > 0
  const finishedStatus = hasErrors ? 'completed_with_errors' : 'completed'

  record.run = {
    ...record.run,
    counts,
    status: isDone ? finishedStatus : 'running',
    finishedAt: isDone ? new Date().toISOString() : null,
    pace: isDone ? null : { perMinute: 30, secondsLeft: counts.pending * 2 },
  }
}

const ACTIVE: ReadonlySet<Run['status']> = new Set(['queued', 'running', 'waiting'])

/** The active run of the same direction that already has one of these products, as the BFF refuses. */
export function findOverlap(body: StartRunBody) {
  const selection = body.selection
  const ids =
    selection.kind === 'all'
      ? db.products[sourceSideOf(body.direction)].map((p) => p.sourceId)
      : selection.ids

  return db.runs.find(
    (record) =>
      ACTIVE.has(record.run.status) &&
      record.run.direction === body.direction &&
      record.items.some((item) => ids.includes(item.sourceId)),
  )
}

/** What the BFF's preview answers for the mock catalog: refusals, SKU twins and links. */
export function previewRun(body: StartRunBody): RunPreview {
  const side = sourceSideOf(body.direction)
  const target = db.products[side === 'pos' ? 'ecom' : 'pos']
  const selection = body.selection
  const chosen =
    selection.kind === 'all'
      ? db.products[side]
      : db.products[side].filter((product) => selection.ids.includes(product.sourceId))
  const preview: RunPreview = {
    direction: body.direction,
    total: chosen.length,
    create: 0,
    link: 0,
    refuse: 0,
    refused: [],
  }

  for (const product of chosen) {
    const reasons = db.refusals.get(product.sourceId)
    if (reasons) {
      preview.refuse += 1
      preview.refused.push({
        sourceId: product.sourceId,
        name: product.name,
        sku: product.sku,
        reasons,
      })
    } else if (target.some((twin) => twin.sku === product.sku)) preview.link += 1
    else preview.create += 1
  }

  return preview
}

/** Failed items back to pending and the run back to running, as POST /runs/:id/retry does. */
export function retryRun(record: RunRecord, itemIds?: string[]) {
  const retried = record.items.filter(
    (item) => item.status === 'failed' && (itemIds === undefined || itemIds.includes(item.id)),
  )
  if (retried.length === 0) return 0

  record.items = record.items.map((item) =>
    retried.includes(item) ? { ...item, status: 'pending', reasons: [] } : item,
  )
  record.isSimulated = true
  record.run = {
    ...record.run,
    status: 'running',
    finishedAt: null,
    message: null,
    counts: countsOf(record.items),
  }

  return retried.length
}

export function cancelRun(record: RunRecord) {
  if (!ACTIVE.has(record.run.status)) return false

  record.run = {
    ...record.run,
    status: 'cancelled',
    finishedAt: new Date().toISOString(),
    message: 'Cancelled. Products not started were not sent.',
    pace: null,
  }

  return true
}

/** Support's search over the mock links and every run's items. */
export function searchSupport(q: string): SupportSearch {
  const items = db.runs.flatMap((record) =>
    record.items.filter((item) => matchesSearch(item, q)).map((item) => ({ record, item })),
  )
  const bySource = new Map<string, typeof items>()
  for (const entry of items) {
    bySource.set(entry.item.sourceId, [...(bySource.get(entry.item.sourceId) ?? []), entry])
  }
  const products = [...bySource.entries()].map(([sourceId, entries]) => {
    const latest = entries[0]?.item
    const link = db.links.find((l) => l.posProductId === sourceId) ?? null
    const history = entries.map(({ record, item }) => ({
      itemId: item.id,
      runId: record.run.id,
      direction: record.run.direction,
      status: item.status,
      reasons: item.reasons,
      detail: item.status === 'failed' ? '{"system":"ecom","status":400}' : null,
      sourceId: item.sourceId,
      targetId: item.targetId,
      updatedAt: item.updatedAt,
    }))

    return {
      name: latest?.name ?? '',
      sku: latest?.sku ?? '',
      posProductId: sourceId,
      ecomProductId: link?.ecomProductId ?? null,
      link,
      history,
      lastErrors: history.filter((h) => h.status === 'failed' || h.status === 'refused'),
      events: db.events.get(sourceId) ?? [],
    }
  })

  return { items: products, isTruncated: false }
}
