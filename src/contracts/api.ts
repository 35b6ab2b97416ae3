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

export const sessionSchema = z.object({
  storeId: z.number().int(),
  lang: z.string(),
  ecom: connectedStoreSchema.nullable(),
  pos: connectedStoreSchema.nullable(),
  /** What blocks an upload right now (tax mode or currency differ, a side does not answer). */
  blockers: z.array(z.object({ code: z.string(), message: z.string() })),
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

/** Paths of the BFF, used by the SPA's client and by the MSW handlers so they cannot drift. */
export const apiPaths = {
  session: `${API_PREFIX}/session`,
  sourceProducts: `${API_PREFIX}/source-products`,
  runs: `${API_PREFIX}/runs`,
  run: (id: string) => `${API_PREFIX}/runs/${encodeURIComponent(id)}`,
  runItems: (id: string) => `${API_PREFIX}/runs/${encodeURIComponent(id)}/items`,
  links: `${API_PREFIX}/links`,
} as const
