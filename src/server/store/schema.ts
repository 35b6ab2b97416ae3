/** Tables of the BFF's database, the same on SQLite and PostgreSQL. Times are ISO strings. */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface StoresTable {
  store_id: number
  /** eCom access token, encrypted at rest (crypto.ts). */
  ecom_token: string
  lang: string
  created_at: string
  updated_at: string
}

export interface SessionsTable {
  /** sha256 of the session secret; the secret itself lives only in the browser's cookie. */
  id: string
  store_id: number
  created_at: string
  expires_at: string
}

export interface RunsTable {
  id: string
  store_id: number
  direction: 'pos-to-ecom' | 'ecom-to-pos'
  /** JSON of the selection: {kind:'all'} or {kind:'ids', ids}. */
  selection: string
  status:
    | 'queued'
    | 'running'
    | 'waiting'
    | 'completed'
    | 'completed_with_errors'
    | 'failed'
    | 'cancelled'
  /** Set once every item of an "all" selection has been recorded. */
  planned: number
  message: string | null
  waiting_until: string | null
  created_at: string
  updated_at: string
  finished_at: string | null
  /** The process planning the run (expanding "Upload all") and until when it holds it. */
  lease_owner: string | null
  lease_until: string | null
}

export interface RunItemsTable {
  id: string
  run_id: string
  store_id: number
  /** Position in the run: items are worked in this order. */
  seq: number
  source_id: string
  name: string
  sku: string
  /** Name and SKU folded for search (search-text.ts). */
  name_folded: string
  sku_folded: string
  status: 'pending' | 'running' | 'created' | 'linked' | 'failed' | 'refused'
  target_id: string | null
  /** JSON array of plain-words reasons. */
  reasons: string
  /** Upstream detail for support (never a token). */
  detail: string | null
  attempts: number
  lease_owner: string | null
  lease_until: string | null
  updated_at: string
}

export interface LinksTable {
  id: string
  store_id: number
  pos_product_id: string
  ecom_product_id: string
  name: string
  sku: string
  /** Name and SKU folded for search (search-text.ts). */
  name_folded: string
  sku_folded: string
  variant_count: number
  state: 'synced' | 'pending' | 'failed' | 'deleted_in_pos'
  last_error: string | null
  created_at: string
  updated_at: string
}

export interface VariantLinksTable {
  link_id: string
  store_id: number
  pos_product_id: string
  /** eCom combination id; null for a standard product (the product itself). */
  ecom_combination_id: string | null
  sku: string
  /** The SKU folded for search (search-text.ts). */
  sku_folded: string
}

/** A local index of the POS catalog, kept current over the version cursor, for search and "all". */
export interface PosProductsTable {
  store_id: number
  id: string
  /** The family parent's id (the product's own id for a parent or a standard product). */
  family_id: string
  is_parent: number
  name: string
  sku: string
  /** Name and SKU folded for search (search-text.ts). */
  name_folded: string
  sku_folded: string
  price: string | null
  active: number
  deleted: number
  version: number
  /** The product as the POS API last returned it (JSON), so a run reads no product twice. */
  body: string
}

export interface PosInventoryTable {
  store_id: number
  product_id: string
  outlet_id: string
  level: number
}

export interface CursorsTable {
  store_id: number
  name: string
  value: number
  updated_at: string
}

/** Which runs hold a store's direction: a whole one ("all") or product by product ("ids"). */
export interface RunHoldsTable {
  store_id: number
  direction: RunsTable['direction']
  mode: 'all' | 'ids'
  run_id: string | null
}

/** A product of the source side held by one active run; released when the run ends. */
export interface RunClaimsTable {
  store_id: number
  direction: RunsTable['direction']
  source_id: string
  run_id: string
}

/** One upstream key's request budget, shared by every process (a token bucket). */
export interface RateBudgetsTable {
  key: string
  tokens: number
  refilled_at: number
  paused_until: number
}

/** One entry of a product's history for support (migration 007). */
export interface ProductEventsTable {
  id: string
  store_id: number
  link_id: string | null
  pos_product_id: string | null
  ecom_product_id: string | null
  at: string
  origin: 'pos-change' | 'ecom-order' | 'earlier-attempt'
  direction: 'pos-to-ecom' | 'ecom-to-pos'
  run_id: string | null
  outcome: 'done' | 'failed' | 'notice'
  /** What happened, in plain words. */
  summary: string
  /** The upstream's answer, for support (never a token). */
  detail: string | null
}

/** A store's own Retail POS connection over OAuth; no row: the personal token, if any, applies. */
export interface PosConnectionsTable {
  store_id: number
  status: 'connected' | 'needs_reconnect' | 'disconnected'
  domain_prefix: string | null
  /** The store's API host, where its tokens are refreshed too. */
  api_url: string | null
  /** Sealed (crypto.ts), as is the refresh token. */
  access_token: string | null
  refresh_token: string | null
  expires_at: string | null
  token_version: number
  /** The process refreshing the tokens now, and until when it may. */
  refresh_owner: string | null
  refresh_until: string | null
  problem: string | null
  /** The app session that connected (its id, a hash): eCom names no user to embedded apps. */
  connected_by: string | null
  connected_at: string | null
  updated_at: string
}

/** A connect started from the app and not yet finished: single use, expiring. */
export interface PosOAuthStatesTable {
  state_hash: string
  store_id: number
  session_id: string
  created_at: string
  expires_at: string
}

/**
 * A product a worker created for an item after it had lost the item's lease (it stalled): kept
 * until it is settled, either as the product the item is linked to or by deleting it again.
 */
export interface StaleCreatesTable {
  id: string
  item_id: string
  store_id: number
  direction: RunsTable['direction']
  source_id: string
  /** An eCom product id (Retail POS → eCom) or a Retail POS family id (eCom → Retail POS). */
  target_id: string
  created_at: string
  settled: 'kept' | 'deleted' | null
  settled_at: string | null
}

/** One SKU of the eCom catalog as one process read it for a run (page by page, oldest first). */
export interface EcomSnapshotsTable {
  snapshot_id: string
  run_id: string
  seq: number
  product_id: number
  /** skuKey of the SKU; '' when the product or variation has none. */
  sku: string
  /** The variation's id; 0 for the product's own SKU. */
  combination_id: number
}

/** What a store chose on the Settings screen; a null column follows the app's setting. */
export interface StoreSettingsTable {
  store_id: number
  online_outlet_id: string | null
  /** JSON array of outlet ids. */
  stock_outlet_ids: string | null
  ecom_payment_type_id: string | null
  /** JSON {id: name} of the chosen records, as they were named when saved. */
  names: string
  version: number
  updated_at: string
}

export interface Database {
  stores: StoresTable
  sessions: SessionsTable
  runs: RunsTable
  run_items: RunItemsTable
  links: LinksTable
  variant_links: VariantLinksTable
  pos_products: PosProductsTable
  pos_inventory: PosInventoryTable
  cursors: CursorsTable
  run_holds: RunHoldsTable
  run_claims: RunClaimsTable
  rate_budgets: RateBudgetsTable
  product_events: ProductEventsTable
  pos_connections: PosConnectionsTable
  pos_oauth_states: PosOAuthStatesTable
  stale_creates: StaleCreatesTable
  ecom_snapshots: EcomSnapshotsTable
  store_settings: StoreSettingsTable
}

export type RunRow = Selectable<RunsTable>
export type RunItemRow = Selectable<RunItemsTable>
export type NewRunItem = Insertable<RunItemsTable>
export type LinkRow = Selectable<LinksTable>
export type RunUpdate = Updateable<RunsTable>
export type PosConnectionRow = Selectable<PosConnectionsTable>
export type StoreSettingsRow = Selectable<StoreSettingsTable>
export type { Generated }
