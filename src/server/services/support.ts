/**
 * Support's view of one product across every run: found by SKU, name or id, it shows its link
 * (if any), every run item that touched it in either direction, and its last errors with what the
 * upstream answered. A product is the pair of its Retail POS and eCom ids when they are linked.
 */
import {
  SUPPORT_PRODUCT_LIMIT,
  type Direction,
  type Link,
  type SupportEvent,
  type SupportItem,
  type SupportProduct,
  type SupportSearch,
} from '../../contracts/api'
import { findLinksOf, listLinks } from '../store/link-store'
import { listProductEvents } from '../store/product-events-store'
import type { LinkRow, ProductEventsTable, RunItemRow } from '../store/schema'
import { listItemsBySources, searchItemsForSupport } from '../store/support-store'
import type { AppContext } from './context'

const MATCHED_ITEMS = 1000
const HISTORY_LIMIT = 50
const ERRORS_LIMIT = 5

type ItemRow = RunItemRow & { direction: Direction }

interface Found {
  posId: string | null
  ecomId: string | null
  link: LinkRow | null
  name: string
  sku: string
}

function toLinkView(row: LinkRow): Link {
  return {
    id: row.id,
    name: row.name,
    sku: row.sku,
    posProductId: row.pos_product_id,
    ecomProductId: row.ecom_product_id,
    variantCount: row.variant_count,
    state: row.state,
    lastError: row.last_error,
    updatedAt: row.updated_at,
  }
}

function toItemView(row: ItemRow): SupportItem {
  return {
    itemId: row.id,
    runId: row.run_id,
    direction: row.direction,
    status: row.status,
    reasons: JSON.parse(row.reasons) as string[],
    detail: row.detail,
    sourceId: row.source_id,
    targetId: row.target_id,
    updatedAt: row.updated_at,
  }
}

/** The Retail POS and eCom ids an item is about: its source, and its target once known. */
function idsOf(item: ItemRow) {
  return item.direction === 'pos-to-ecom'
    ? { posId: item.source_id, ecomId: item.target_id }
    : { posId: item.target_id, ecomId: item.source_id }
}

export async function searchSupportProducts(
  ctx: AppContext,
  storeId: number,
  q: string,
): Promise<SupportSearch> {
  const [linkPage, items] = await Promise.all([
    listLinks(ctx.db, storeId, { q, offset: 0, limit: SUPPORT_PRODUCT_LIMIT + 1 }),
    searchItemsForSupport(ctx.db, storeId, q, MATCHED_ITEMS),
  ])
  const itemIds = items.map(idsOf)
  const moreLinks = await findLinksOf(ctx.db, storeId, {
    pos: itemIds.flatMap((ids) => ids.posId ?? []),
    ecom: itemIds.flatMap((ids) => ids.ecomId ?? []),
  })

  // One entry per product: a link stands for both of its ids; an unlinked item for its source.
  const found: Found[] = []
  const byKey = new Map<string, Found>()
  const add = (entry: Found, keys: string[]) => {
    if (keys.some((key) => byKey.has(key))) return
    found.push(entry)
    for (const key of keys) byKey.set(key, entry)
  }
  for (const link of [...linkPage.rows, ...moreLinks]) {
    add(
      {
        posId: link.pos_product_id,
        ecomId: link.ecom_product_id,
        link,
        name: link.name,
        sku: link.sku,
      },
      [`pos:${link.pos_product_id}`, `ecom:${link.ecom_product_id}`],
    )
  }
  for (const item of items) {
    const ids = idsOf(item)
    const key =
      item.direction === 'pos-to-ecom' ? `pos:${item.source_id}` : `ecom:${item.source_id}`
    add({ ...ids, link: null, name: item.name, sku: item.sku }, [key])
  }

  const listed = found.slice(0, SUPPORT_PRODUCT_LIMIT)
  const [history, events] = await Promise.all([
    listItemsBySources(
      ctx.db,
      storeId,
      listed.flatMap((entry) => [entry.posId, entry.ecomId].flatMap((id) => id ?? [])),
    ),
    listProductEvents(
      ctx.db,
      storeId,
      {
        pos: listed.flatMap((entry) => entry.posId ?? []),
        ecom: listed.flatMap((entry) => entry.ecomId ?? []),
      },
      HISTORY_LIMIT * listed.length,
    ),
  ])

  return {
    items: listed.map((entry) => describe(entry, history, events)),
    isTruncated: found.length > SUPPORT_PRODUCT_LIMIT,
  }
}

function toEventView(row: ProductEventsTable): SupportEvent {
  return {
    eventId: row.id,
    at: row.at,
    origin: row.origin,
    direction: row.direction,
    runId: row.run_id,
    outcome: row.outcome,
    summary: row.summary,
    detail: row.detail,
  }
}

function describe(entry: Found, all: ItemRow[], allEvents: ProductEventsTable[]): SupportProduct {
  const mine = all.filter((item) =>
    item.direction === 'pos-to-ecom'
      ? item.source_id === entry.posId
      : item.source_id === entry.ecomId,
  )
  const named = mine.find((item) => item.name !== '')

  return {
    name: entry.name || named?.name || '',
    sku: entry.sku || named?.sku || '',
    posProductId: entry.posId,
    ecomProductId: entry.ecomId,
    link: entry.link ? toLinkView(entry.link) : null,
    history: mine.slice(0, HISTORY_LIMIT).map(toItemView),
    lastErrors: mine
      .filter((item) => item.status === 'failed' || item.status === 'refused')
      .slice(0, ERRORS_LIMIT)
      .map(toItemView),
    events: allEvents
      .filter(
        (event) =>
          (entry.posId !== null && event.pos_product_id === entry.posId) ||
          (entry.ecomId !== null && event.ecom_product_id === entry.ecomId),
      )
      .slice(0, HISTORY_LIMIT)
      .map(toEventView),
  }
}
