/**
 * The BFF's HTTP API, shared by the SPA (which parses every response with these schemas) and the
 * server (which validates every request with them and shapes every answer to them).
 */
import { z } from 'zod'

export const API_PREFIX = '/api'

export const sideSchema = z.enum(['pos', 'ecom'])
export type Side = z.infer<typeof sideSchema>

export const directionSchema = z.enum(['pos-to-ecom', 'ecom-to-pos'])
export type Direction = z.infer<typeof directionSchema>

export function sourceSideOf(direction: Direction): Side {
  return direction === 'pos-to-ecom' ? 'pos' : 'ecom'
}

export const apiErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
})
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>

// --- session -------------------------------------------------------------------------------

export const createSessionBodySchema = z.object({ payload: z.string().min(1).max(4096) })

export const connectedStoreSchema = z.object({
  name: z.string(),
  currency: z.string(),
  /** true when prices are entered without tax. */
  taxExclusive: z.boolean(),
})
export type ConnectedStore = z.infer<typeof connectedStoreSchema>

// --- the store's Retail POS connection ------------------------------------------------------

export const posConnectionStatusSchema = z.enum(['connected', 'not_connected', 'needs_reconnect'])

/** How the app reaches the store's Retail POS; never a token. */
export const posConnectionSchema = z.object({
  status: posConnectionStatusSchema,
  /** The store's own connection (OAuth), or the personal token the app was set up with. */
  method: z.enum(['oauth', 'personal_token']).nullable(),
  /** The Retail POS store's domain prefix ({prefix}.retail.lightspeed.app). */
  domainPrefix: z.string().nullable(),
  connectedAt: z.string().nullable(),
  /** What happened and what to do, in plain words, when the merchant has to act. */
  message: z.string().nullable(),
})
export type PosConnection = z.infer<typeof posConnectionSchema>

/** GET /pos-connection: the connection and the Retail POS store it reaches. */
export const posConnectionViewSchema = posConnectionSchema.extend({
  store: connectedStoreSchema.nullable(),
})
export type PosConnectionView = z.infer<typeof posConnectionViewSchema>

/** POST /pos-connection/connect: where the merchant allows the app, in a window of its own. */
export const posConnectStartSchema = z.object({ authorizeUrl: z.string().url() })
export type PosConnectStart = z.infer<typeof posConnectStartSchema>

/** What Retail POS sends the merchant back with (GET /pos-connection/callback). */
export const posConnectCallbackQuerySchema = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  domain_prefix: z.string().max(128).optional(),
  error: z.string().max(256).optional(),
})

/** The message the callback window posts to the app that opened it. */
export const posConnectMessageSchema = z.object({
  type: z.literal('pos-connection'),
  outcome: z.enum(['connected', 'denied', 'refused', 'failed']),
  message: z.string().nullable(),
})
export type PosConnectMessage = z.infer<typeof posConnectMessageSchema>

// --- the store's settings: where its Retail POS stock and eCom sales go -------------------

/** Whose value applies: the store's own choice on the Settings screen, or the app's default. */
export const settingSourceSchema = z.enum(['store', 'app'])

const posChoiceSchema = z.object({ id: z.string(), name: z.string() })
export type PosChoice = z.infer<typeof posChoiceSchema>

/** GET /store-settings: each setting as it applies now, with the Retail POS store's options. */
export const storeSettingsSchema = z.object({
  outlets: z.array(posChoiceSchema),
  paymentTypes: z.array(posChoiceSchema),
  /** The outlet that serves the online store: eCom sales and uploaded eCom stock go there. */
  onlineOutlet: z.object({
    id: z.string().nullable(),
    source: settingSourceSchema,
    problem: z.string().nullable(),
  }),
  /** The outlets whose stock eCom sells; 'all' counts every outlet, also ones added later. */
  stockOutlets: z.object({
    ids: z.union([z.literal('all'), z.array(z.string())]),
    source: settingSourceSchema,
    problem: z.string().nullable(),
  }),
  /** The payment type eCom sales are paid with in Retail POS. */
  ecomPaymentType: z.object({
    id: z.string().nullable(),
    source: settingSourceSchema,
    problem: z.string().nullable(),
  }),
  updatedAt: z.string().nullable(),
})
export type StoreSettings = z.infer<typeof storeSettingsSchema>

const posIdSchema = z.string().trim().min(1).max(128)

/** PUT /store-settings: the store's choices, whole; null follows the app's default. */
export const saveStoreSettingsBodySchema = z
  .object({
    onlineOutletId: posIdSchema.nullable(),
    stockOutletIds: z
      .union([
        z.literal('all'),
        z
          .array(posIdSchema)
          .min(1, 'must name at least one outlet (eCom would show every product out of stock)')
          .max(500),
      ])
      .nullable(),
    ecomPaymentTypeId: posIdSchema.nullable(),
  })
  .strict()
export type SaveStoreSettingsBody = z.infer<typeof saveStoreSettingsBodySchema>

export const storeSettingsSavedSchema = z.object({
  settings: storeSettingsSchema,
  /** Linked products whose eCom stock is counted again because the outlets counted changed. */
  recounting: z.number().int(),
})
export type StoreSettingsSaved = z.infer<typeof storeSettingsSavedSchema>

export const sessionSchema = z.object({
  storeId: z.number().int(),
  lang: z.string(),
  ecom: connectedStoreSchema.nullable(),
  pos: connectedStoreSchema.nullable(),
  posConnection: posConnectionSchema,
  /** What blocks an upload right now (tax mode or currency differ, a side does not answer). */
  blockers: z.array(z.object({ code: z.string(), message: z.string() })),
  /** What is wrong with the store's Settings now (a chosen outlet or payment type gone). */
  settingsProblems: z.array(z.string()),
})
export type Session = z.infer<typeof sessionSchema>

// --- paging --------------------------------------------------------------------------------

export const pageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
})

function pageOf<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
}

// --- the picker: products of the source side ------------------------------------------------

export const sourceProductsQuerySchema = pageQuerySchema.extend({
  side: sideSchema,
  q: z.string().trim().max(200).default(''),
})
export type SourceProductsQuery = z.infer<typeof sourceProductsQuerySchema>

export const sourceProductSchema = z.object({
  sourceId: z.string(),
  name: z.string(),
  sku: z.string(),
  variantCount: z.number().int(),
  /** Decimal string of the lowest variant price, or null when none is set. */
  price: z.string().nullable(),
  /** Units in stock summed over variants; null when not tracked. */
  stock: z.number().nullable(),
  imageUrl: z.string().nullable(),
})
export type SourceProduct = z.infer<typeof sourceProductSchema>

export const sourceProductPageSchema = pageOf(sourceProductSchema)
export type SourceProductPage = z.infer<typeof sourceProductPageSchema>

// --- runs ----------------------------------------------------------------------------------

export const startRunBodySchema = z.object({
  direction: directionSchema,
  selection: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('ids'), ids: z.array(z.string().min(1).max(64)).min(1).max(5000) }),
  ]),
})
export type StartRunBody = z.infer<typeof startRunBodySchema>

export const runStatusSchema = z.enum([
  'queued',
  'running',
  'waiting',
  'completed',
  'completed_with_errors',
  'failed',
  'cancelled',
])
export type RunStatus = z.infer<typeof runStatusSchema>

export const runCountsSchema = z.object({
  total: z.number().int(),
  created: z.number().int(),
  linked: z.number().int(),
  failed: z.number().int(),
  refused: z.number().int(),
  pending: z.number().int(),
})
export type RunCounts = z.infer<typeof runCountsSchema>

/** How fast an active run goes: products finished per minute over the last minute. */
export const runPaceSchema = z.object({
  perMinute: z.number().nonnegative(),
  /** Estimated seconds until every item is done; null while nothing has finished lately. */
  secondsLeft: z.number().int().nonnegative().nullable(),
})
export type RunPace = z.infer<typeof runPaceSchema>

export const runSchema = z.object({
  id: z.string(),
  direction: directionSchema,
  status: runStatusSchema,
  counts: runCountsSchema,
  /** Plain words about the run as a whole (why it waits or stopped). */
  message: z.string().nullable(),
  /** When the run waits on a rate limit: until when (ISO). */
  waitingUntil: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Only on a single active run (GET /runs/:id); null while it is too early to tell. */
  pace: runPaceSchema.nullable().optional(),
})
export type Run = z.infer<typeof runSchema>

export const runPageSchema = pageOf(runSchema)
export type RunPage = z.infer<typeof runPageSchema>

export const itemStatusSchema = z.enum([
  'pending',
  'running',
  'created',
  'linked',
  'failed',
  'refused',
])
export type ItemStatus = z.infer<typeof itemStatusSchema>

export const runItemSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  name: z.string(),
  sku: z.string(),
  status: itemStatusSchema,
  targetId: z.string().nullable(),
  /** Reasons in plain words; for refused items every reason at once. */
  reasons: z.array(z.string()),
  updatedAt: z.string(),
})
export type RunItem = z.infer<typeof runItemSchema>

export const runItemsQuerySchema = pageQuerySchema.extend({
  status: itemStatusSchema.optional(),
})
export type RunItemsQuery = z.infer<typeof runItemsQuerySchema>

export const runItemPageSchema = pageOf(runItemSchema)
export type RunItemPage = z.infer<typeof runItemPageSchema>

// --- before and after a run: preview, retry, cancel, export ----------------------------------

/** At most this many refused products are listed in a preview; the count covers them all. */
export const PREVIEW_REFUSED_LIMIT = 100

export const previewRefusalSchema = z.object({
  sourceId: z.string(),
  name: z.string(),
  sku: z.string(),
  reasons: z.array(z.string()),
})
export type PreviewRefusal = z.infer<typeof previewRefusalSchema>

/** What an upload would do, computed before anything is written (POST /runs/preview). */
export const runPreviewSchema = z.object({
  direction: directionSchema,
  total: z.number().int(),
  create: z.number().int(),
  link: z.number().int(),
  refuse: z.number().int(),
  /** The refused products with every reason, at most PREVIEW_REFUSED_LIMIT of them. */
  refused: z.array(previewRefusalSchema),
})
export type RunPreview = z.infer<typeof runPreviewSchema>

export const retryRunBodySchema = z.object({
  /** The failed items to retry; without it, every failed item of the run. */
  itemIds: z.array(z.string().min(1).max(64)).min(1).max(1000).optional(),
})
export type RetryRunBody = z.infer<typeof retryRunBodySchema>

/** The details of a 409 RUN_OVERLAPS: the active run that already has these products. */
export const runOverlapDetailsSchema = z.object({ runId: z.string() })
export const RUN_OVERLAPS = 'RUN_OVERLAPS'

// --- linked products -----------------------------------------------------------------------

export const linkStateSchema = z.enum(['synced', 'pending', 'failed', 'deleted_in_pos'])
export type LinkState = z.infer<typeof linkStateSchema>

export const linksQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(200).default(''),
  state: linkStateSchema.optional(),
})
export type LinksQuery = z.infer<typeof linksQuerySchema>

export const linkSchema = z.object({
  id: z.string(),
  name: z.string(),
  sku: z.string(),
  posProductId: z.string(),
  ecomProductId: z.string(),
  variantCount: z.number().int(),
  state: linkStateSchema,
  lastError: z.string().nullable(),
  updatedAt: z.string(),
})
export type Link = z.infer<typeof linkSchema>

export const linkPageSchema = pageOf(linkSchema)
export type LinkPage = z.infer<typeof linkPageSchema>

// --- support: one product across runs ---------------------------------------------------------

export const supportQuerySchema = z.object({ q: z.string().trim().min(1).max(200) })
export type SupportQuery = z.infer<typeof supportQuerySchema>

export const supportItemSchema = z.object({
  itemId: z.string(),
  runId: z.string(),
  direction: directionSchema,
  status: itemStatusSchema,
  reasons: z.array(z.string()),
  /** The upstream's own answer, for support (never a token); null when there was none. */
  detail: z.string().nullable(),
  sourceId: z.string(),
  targetId: z.string().nullable(),
  updatedAt: z.string(),
})
export type SupportItem = z.infer<typeof supportItemSchema>

/**
 * Something that happened to a product outside its uploads' latest outcomes: a change in Retail
 * POS written to eCom (or not), an eCom order recorded in Retail POS, a failure a retry replaced.
 */
export const supportEventSchema = z.object({
  eventId: z.string(),
  at: z.string(),
  origin: z.enum(['pos-change', 'ecom-order', 'earlier-attempt']),
  direction: directionSchema,
  /** The upload of an earlier attempt. */
  runId: z.string().nullable(),
  outcome: z.enum(['done', 'failed', 'notice']),
  summary: z.string(),
  /** The upstream's answer when it failed, for support. */
  detail: z.string().nullable(),
})
export type SupportEvent = z.infer<typeof supportEventSchema>

export const supportProductSchema = z.object({
  name: z.string(),
  sku: z.string(),
  posProductId: z.string().nullable(),
  ecomProductId: z.string().nullable(),
  link: linkSchema.nullable(),
  /** Every run item that touched the product, newest first. */
  history: z.array(supportItemSchema),
  /** Its latest failed or refused items, newest first, with the upstream detail. */
  lastErrors: z.array(supportItemSchema),
  /** What happened to it besides its uploads' latest outcomes, newest first. */
  events: z.array(supportEventSchema),
})
export type SupportProduct = z.infer<typeof supportProductSchema>

/** At most this many products answer one support search. */
export const SUPPORT_PRODUCT_LIMIT = 20

export const supportSearchSchema = z.object({
  items: z.array(supportProductSchema),
  /** True when more products matched than are listed: narrow the search. */
  isTruncated: z.boolean(),
})
export type SupportSearch = z.infer<typeof supportSearchSchema>

/** Paths of the BFF, used by the SPA's client and by the MSW handlers so they cannot drift. */
export const apiPaths = {
  session: `${API_PREFIX}/session`,
  posConnection: `${API_PREFIX}/pos-connection`,
  posConnect: `${API_PREFIX}/pos-connection/connect`,
  posDisconnect: `${API_PREFIX}/pos-connection/disconnect`,
  posConnectCallback: `${API_PREFIX}/pos-connection/callback`,
  storeSettings: `${API_PREFIX}/store-settings`,
  sourceProducts: `${API_PREFIX}/source-products`,
  runs: `${API_PREFIX}/runs`,
  run: (id: string) => `${API_PREFIX}/runs/${encodeURIComponent(id)}`,
  runItems: (id: string) => `${API_PREFIX}/runs/${encodeURIComponent(id)}/items`,
  runPreview: `${API_PREFIX}/runs/preview`,
  runRetry: (id: string) => `${API_PREFIX}/runs/${encodeURIComponent(id)}/retry`,
  runCancel: (id: string) => `${API_PREFIX}/runs/${encodeURIComponent(id)}/cancel`,
  runExport: (id: string) => `${API_PREFIX}/runs/${encodeURIComponent(id)}/export.csv`,
  links: `${API_PREFIX}/links`,
  supportProducts: `${API_PREFIX}/support/products`,
} as const
