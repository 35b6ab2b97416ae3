import type { z } from 'zod'

import type { Clock } from '../shared/clock'
import {
  type ConnectorLogger,
  createPacedRequester,
  type RequesterStats,
  type RetryPolicy,
  type WaitInfo,
} from '../shared/paced-requester'
import type { Pacer, RateLimit } from '../shared/pacer'
import { parseUpstream } from '../shared/parse-upstream'
import type { RequestCounter } from '../shared/request-counter'
import type { TokenSource } from '../shared/token-source'
import { CONNECTOR_CODES, isNotFound, UpstreamError } from '../shared/upstream-error'
import { readPosError } from './pos-errors'
import {
  type PosInventory,
  posCreateProductResponseSchema,
  posCreateTagResponseSchema,
  posCreateVariantAttributeResponseSchema,
  posCurrentUserResponseSchema,
  posInventoryPageSchema,
  type PosOutlet,
  posOutletPageSchema,
  posOutletResponseSchema,
  type PosOutletTax,
  posOutletTaxPageSchema,
  type PosPaymentType,
  posPaymentTypePageSchema,
  type PosProduct,
  type PosRegister,
  posRegisterPageSchema,
  type PosRegisterSale,
  posRegisterSaleResponseSchema,
  posProductPageSchema,
  posProductResponseSchema,
  type PosRetailer,
  posRetailerResponseSchema,
  type PosSale,
  posSalePageSchema,
  posSaleResponseSchema,
  posSearchResponseSchema,
  type PosTag,
  posTagPageSchema,
  type PosTax,
  type PosUser,
  posTaxPageSchema,
  type PosVariantAttribute,
  posVariantAttributePageSchema,
  type PosVersionRange,
  type PosWebhook,
  posWebhookListSchema,
  posWebhookResponseSchema,
} from './pos-schemas'

export interface PosClientOptions {
  /** The store's host, e.g. https://shop.retail.lightspeed.app or http://localhost:3001. */
  baseUrl: string
  /**
   * A personal token, or a provider of the store's rotating OAuth tokens (see pos-oauth.ts):
   * asked before every request, and once more after a 401 to resend with a fresh token.
   */
  token: TokenSource
  /** Registers on the store; the published limit is 300 × registers + 50 requests per 300 s. */
  registers?: number
  timeoutMs?: number
  logger?: ConnectorLogger
  onWait?: (info: WaitInfo) => void
  /** Overrides the published limit (tests, or a limit agreed with Lightspeed). */
  rateLimit?: RateLimit
  retry?: Partial<RetryPolicy>
  clock?: Clock
  pacer?: Pacer
  counter?: RequestCounter
  random?: () => number
  fetch?: typeof fetch
}

/** One page of an API 2.0 collection. `version.max` is the cursor (and sync watermark) to go on from. */
export interface PosPage<T> {
  data: T[]
  version: PosVersionRange
}

type PageSchema<T> = z.ZodType<{ data: T[]; version?: PosVersionRange }>

export interface PosCursorParams {
  /** Exclusive lower bound on `version`; 0 (the default) starts at the beginning. */
  after?: number
  pageSize?: number
  /** Include soft-deleted items (they carry `deleted_at`). */
  deleted?: boolean
  /** A collection's own filters, e.g. `outlet_id` on /outlet_taxes. */
  filters?: Record<string, string>
}

export interface PosRetailerSummary {
  name: string
  currencyCode: string | null
  /** True when prices are entered excluding tax; null when the retailer record does not say. */
  taxExclusive: boolean | null
  raw: PosRetailer
}

export interface PosFamily {
  parent: PosProduct
  /** The variants (empty for a standard product), excluding deleted ones. */
  children: PosProduct[]
}

export interface PosSearchParams {
  offset?: number
  /** At most 1000, and offset + pageSize at most 1000. */
  pageSize?: number
  /** Exact SKU; sent lowercased as the search endpoint requires. */
  sku?: string
  tagId?: string
  brandId?: string
  supplierId?: string
  variantParentId?: string
  orderBy?: string
  orderDirection?: 'asc' | 'desc'
  deleted?: boolean
}

export interface PosSearchPage {
  data: PosProduct[]
  offset: number
  pageSize: number
  /** True when the page came back full and the 1000-result window is not used up. */
  hasMore: boolean
}

export interface PosVariantDefinition {
  attribute_id: string
  value: string
}

export interface PosInventoryInput {
  outlet_id: string
  current_amount: number
  reorder_point?: number
  reorder_amount?: number
}

export interface PosVariantInput {
  sku?: string
  price_including_tax?: number
  price_excluding_tax?: number
  supply_price?: number
  is_active?: boolean
  variant_definitions: PosVariantDefinition[]
  inventory?: PosInventoryInput[]
  [field: string]: unknown
}

/** Body of POST /api/2.0/products: a standard product, or a family when `variants` is given. */
export interface PosProductCreateBody {
  name: string
  description?: string
  sku?: string
  is_active?: boolean
  price_including_tax?: number
  price_excluding_tax?: number
  tag_ids?: string[]
  inventory?: PosInventoryInput[]
  images?: {
    type: 'url' | 's3' | 'product-image' | 'sku-image'
    location: string
    index?: number
  }[]
  variants?: PosVariantInput[]
  [field: string]: unknown
}

/** Body of PUT /api/2.1/products/{id}: `common` applies to the whole family, `details` to this product. */
export interface PosProductUpdateBody {
  common?: {
    name?: string
    description?: string
    tag_ids?: string[]
    track_inventory?: boolean
    variant_attributes?: { attribute_id: string }[]
    [field: string]: unknown
  }
  details?: {
    is_active?: boolean
    price_including_tax?: number
    price_excluding_tax?: number
    product_codes?: { type: string; code: string }[]
    variant_attribute_values?: { attribute_id: string; attribute_value: string }[]
    inventory?: PosInventoryInput[]
    [field: string]: unknown
  }
}

/** One line of a register sale (Sales 101): unit price excluding tax, and the unit tax. */
export interface PosRegisterSaleLineInput {
  /** The line's own id, when an existing sale's line is sent again. */
  id?: string
  product_id: string
  /** Negative for a returned item. */
  quantity: number
  price: number
  tax: number
  tax_id: string
  status?: 'SAVED' | 'CONFIRMED' | 'VOIDED'
  [field: string]: unknown
}

/** One payment of a register sale (Sales 101): a payment type the store has, and the amount. */
export interface PosRegisterSalePaymentInput {
  retailer_payment_type_id: string
  register_id?: string
  amount: number
  /** "2016-05-05 23:35:34" in UTC; the time of the write when left out. */
  payment_date?: string
  [field: string]: unknown
}

/**
 * Body of POST /api/register_sales, the Postman collection's "Create or update a register sale"
 * and the Sales 101 guide's payload. `source_id` is what the 2.0 Sale calls the "External ID for
 * sales coming from other systems": how a sale is found again after an unknown outcome.
 */
export interface PosRegisterSaleBody {
  register_id: string
  user_id: string
  /** CLOSED for a completed sale, SAVED for a parked one. */
  status: string
  /** "2016-05-05 23:35:34" in UTC, as the guide sends it. */
  sale_date?: string
  note?: string
  source_id?: string
  customer_id?: string
  register_sale_products: PosRegisterSaleLineInput[]
  /** A completed sale's add up to its total (a return's are negative: the refund). */
  register_sale_payments?: PosRegisterSalePaymentInput[]
  [field: string]: unknown
}

export type PosWebhookType =
  | 'sale.update'
  | 'product.update'
  | 'customer.update'
  | 'inventory.update'
  | 'register_closure.create'
  | 'consignment.send'
  | 'consignment.receive'

const DEFAULT_PAGE_SIZE = 200
/** Sales are looked for a thousand at a time: the walk after an unknown outcome stays short. */
const SALES_WALK_PAGE_SIZE = 1000
const SEARCH_WINDOW = 1000
const RATE_WINDOW_MS = 300_000

export type PosClient = ReturnType<typeof createPosClient>

/** Client of the Retail POS (Lightspeed X-Series, Vend API 2.0/2.1) for one store. */
export function createPosClient(options: PosClientOptions) {
  const registers = Math.max(1, options.registers ?? 1)
  const http = createPacedRequester({
    system: 'pos',
    baseUrl: normalizeBaseUrl(options.baseUrl),
    token: options.token,
    rateLimit: options.rateLimit ?? { limit: 300 * registers + 50, windowMs: RATE_WINDOW_MS },
    readVendorError: readPosError,
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    onWait: options.onWait,
    retry: options.retry,
    clock: options.clock,
    pacer: options.pacer,
    counter: options.counter,
    random: options.random,
    fetch: options.fetch,
  })

  async function get<T>(
    path: string,
    schema: z.ZodType<T>,
    what: string,
    query?: Record<string, string | number | boolean | undefined>,
  ): Promise<T> {
    const res = await http.request({ method: 'GET', path, query })

    return parseUpstream('pos', schema, res.body, what, res.status)
  }

  async function orNull<T>(work: Promise<T>): Promise<T | null> {
    try {
      return await work
    } catch (error) {
      if (isNotFound(error)) return null
      throw error
    }
  }

  async function listPage<T extends { version?: number | null }>(
    path: string,
    schema: PageSchema<T>,
    what: string,
    params: PosCursorParams,
  ): Promise<PosPage<T>> {
    const page = await get(path, schema, what, {
      ...params.filters,
      after: params.after ?? 0,
      page_size: params.pageSize ?? DEFAULT_PAGE_SIZE,
      deleted: params.deleted || undefined,
    })

    return { data: page.data, version: page.version ?? null }
  }

  /**
   * Walks a collection along the version cursor: `after` = the previous page's `version.max`
   * until a page comes back empty. A collection that carries no versions is read as one page.
   * A page that does not move the cursor forward stops the walk with an UpstreamError
   * (CURSOR_STUCK) instead of reading the same page forever.
   */
  async function* iterateVersioned<T extends { version?: number | null }>(
    path: string,
    schema: PageSchema<T>,
    what: string,
    params: PosCursorParams,
  ): AsyncGenerator<PosPage<T>, void, undefined> {
    let after = params.after ?? 0

    for (;;) {
      const page = await listPage(path, schema, what, { ...params, after })

      if (page.data.length === 0) return

      const next = page.version?.max ?? maxVersion(page.data)

      if (next !== null && next <= after) {
        throw new UpstreamError({
          system: 'pos',
          status: 200,
          vendorCode: CONNECTOR_CODES.cursorStuck,
          message: `Retail POS sent the same page of ${what} again; reading stopped so it does not loop forever`,
          detail: `GET ${path} after=${after} answered version.max=${next}`,
          retryable: false,
          method: 'GET',
          path,
        })
      }

      yield page

      if (next === null) return
      after = next
    }
  }

  async function collect<T extends { version?: number | null }>(
    path: string,
    schema: PageSchema<T>,
    what: string,
    params: PosCursorParams = {},
  ): Promise<T[]> {
    const all: T[] = []

    for await (const page of iterateVersioned(path, schema, what, params)) all.push(...page.data)

    return all
  }

  async function getProduct(id: string): Promise<PosProduct | null> {
    const res = await orNull(
      get(`/api/2.0/products/${encodeURIComponent(id)}`, posProductResponseSchema, 'a product'),
    )

    return res?.data ?? null
  }

  async function listFamilyMembers(name: string): Promise<PosProduct[]> {
    const family = await get('/api/2.0/products', posProductPageSchema, 'a product family', {
      family_name: name,
    })

    return family.data
  }

  async function listWebhooks(): Promise<PosWebhook[]> {
    return (await get('/api/2.0/webhooks', posWebhookListSchema, 'webhooks')).data
  }

  async function createWebhook(input: {
    url: string
    type: PosWebhookType
    active?: boolean
  }): Promise<PosWebhook> {
    const res = await http.request({
      method: 'POST',
      path: '/api/2.0/webhooks',
      body: { url: input.url, type: input.type, active: input.active ?? true },
    })

    return parseUpstream('pos', posWebhookResponseSchema, res.body, 'a webhook', res.status).data
  }

  async function findSale(
    match: (sale: PosSale) => boolean,
    params: PosCursorParams,
  ): Promise<PosSale | null> {
    const walk = { pageSize: SALES_WALK_PAGE_SIZE, ...params }

    for await (const page of iterateVersioned('/api/2.0/sales', posSalePageSchema, 'sales', walk)) {
      const found = page.data.find((sale) => match(sale) && !sale.deleted_at)

      if (found) return found
    }

    return null
  }

  return {
    system: 'pos' as const,

    stats: (): RequesterStats => http.stats(),

    /** The store's name, currency and tax mode (GET /api/2.0/retailer). */
    async getRetailer(): Promise<PosRetailerSummary> {
      const { data } = await get(
        '/api/2.0/retailer',
        posRetailerResponseSchema,
        'the store details',
      )
      const currency = data.currency

      return {
        name: data.name ?? '',
        currencyCode: (typeof currency === 'string' ? currency : currency?.code) ?? null,
        taxExclusive: data.tax_exclusive ?? null,
        raw: data,
      }
    },

    /** Every outlet, all pages. */
    listOutlets: (): Promise<PosOutlet[]> =>
      collect('/api/2.0/outlets', posOutletPageSchema, 'outlets'),

    /** One outlet; null when it does not exist. */
    getOutlet: async (id: string): Promise<PosOutlet | null> =>
      (
        await orNull(
          get(`/api/2.0/outlets/${encodeURIComponent(id)}`, posOutletResponseSchema, 'an outlet'),
        )
      )?.data ?? null,

    /**
     * Every tax with its rates. A sale's line item names its tax; a tax-free item takes the tax
     * named "No Tax".
     */
    listTaxes: (): Promise<PosTax[]> => collect('/api/2.0/taxes', posTaxPageSchema, 'taxes'),

    /**
     * Products' own taxes per outlet (GET /api/2.0/outlet_taxes), where they differ from the
     * outlet's default; only one outlet's when `outletId` is given.
     */
    listOutletTaxes: (outletId?: string): Promise<PosOutletTax[]> =>
      collect('/api/2.0/outlet_taxes', posOutletTaxPageSchema, 'outlet taxes', {
        ...(outletId ? { filters: { outlet_id: outletId } } : {}),
      }),

    /** The payment types the merchant set up (GET /api/2.0/payment_types), deleted ones left out. */
    listPaymentTypes: (): Promise<PosPaymentType[]> =>
      collect('/api/2.0/payment_types', posPaymentTypePageSchema, 'payment types'),

    /** One page of products after a version (GET /api/2.0/products). */
    listProducts: (params: PosCursorParams = {}): Promise<PosPage<PosProduct>> =>
      listPage('/api/2.0/products', posProductPageSchema, 'products', params),

    /**
     * Every product after `after`, page by page, in ascending version order. Keep the last
     * yielded page's `version.max` as the watermark to resume from. Throws CURSOR_STUCK when
     * the upstream does not advance the cursor.
     */
    iterateProducts: (params: PosCursorParams = {}) =>
      iterateVersioned('/api/2.0/products', posProductPageSchema, 'products', params),

    /** One product or variant; null when it does not exist (404). */
    getProduct,

    /**
     * The family a product belongs to: its parent and the parent's variants. `id` may be the
     * parent or any variant. Reads the parent, then the family through the `family_name` list
     * filter (the whole family in one answer, since a name belongs to one family only), keeping
     * only the products whose `variant_parent_id` is the parent. Null when the product is gone.
     */
    async getFamily(id: string): Promise<PosFamily | null> {
      const product = await getProduct(id)

      if (!product) return null

      const parentId = product.variant_parent_id || product.id
      const parent = parentId === product.id ? product : await getProduct(parentId)

      if (!parent) return null
      if (!parent.has_variants && !product.variant_parent_id) return { parent, children: [] }

      const children = (await listFamilyMembers(parent.name ?? '')).filter(
        (item) => item.variant_parent_id === parent.id && !item.deleted_at,
      )

      return { parent, children }
    },

    /**
     * Every product named `name`: one family's parent and variants in one request, since only
     * members of one family share a name [X6]. Deleted ones included (they carry `deleted_at`).
     */
    listFamilyMembers,

    /** Stock of one product in each outlet; null when the product does not exist. */
    async getProductInventory(id: string): Promise<PosInventory[] | null> {
      const res = await orNull(
        get(
          `/api/2.0/products/${encodeURIComponent(id)}/inventory`,
          posInventoryPageSchema,
          'stock levels',
        ),
      )

      return res?.data ?? null
    },

    /** One page of inventory records after a version (GET /api/2.0/inventory). */
    listInventory: (params: PosCursorParams = {}): Promise<PosPage<PosInventory>> =>
      listPage('/api/2.0/inventory', posInventoryPageSchema, 'stock levels', params),

    /** Every inventory record after `after`, along the version cursor (see iterateProducts). */
    iterateInventory: (params: PosCursorParams = {}) =>
      iterateVersioned('/api/2.0/inventory', posInventoryPageSchema, 'stock levels', params),

    /**
     * Products whose SKU is exactly `sku` (trimmed), deleted ones left out. A blank SKU never
     * matches anything: it returns [] without asking the upstream.
     */
    async findProductsBySku(sku: string | null | undefined): Promise<PosProduct[]> {
      const wanted = (sku ?? '').trim()

      if (wanted === '') return []

      const page = await get('/api/2.0/products', posProductPageSchema, 'products', { sku: wanted })

      return page.data.filter((item) => !item.deleted_at)
    },

    /**
     * Creates a product, or a family with its variants, and returns the ids created. Not
     * idempotent: after an UpstreamError with `outcomeUnknown`, look the SKU up before retrying.
     */
    async createProduct(body: PosProductCreateBody): Promise<string[]> {
      const res = await http.request({ method: 'POST', path: '/api/2.0/products', body })
      const { data } = parseUpstream(
        'pos',
        posCreateProductResponseSchema,
        res.body,
        'ids',
        res.status,
      )

      return typeof data === 'string' ? [data] : data
    },

    /**
     * Deletes a product with its whole family (DELETE /api/2.0/products/{id}/all, a soft delete:
     * listed with `deleted_at` afterwards); false when it was already gone.
     */
    async deleteFamily(id: string): Promise<boolean> {
      const res = await orNull(
        http.request({ method: 'DELETE', path: `/api/2.0/products/${encodeURIComponent(id)}/all` }),
      )

      return res !== null
    },

    /**
     * Updates a product (PUT /api/2.1/products/{id}); `common` changes the whole family. An
     * absolute update, so it is resent after a timeout or a 5xx.
     */
    async updateProduct(id: string, body: PosProductUpdateBody): Promise<void> {
      await http.request({
        method: 'PUT',
        path: `/api/2.1/products/${encodeURIComponent(id)}`,
        body,
      })
    },

    /** Every tag (tags are what eCom calls categories). */
    listTags: (): Promise<PosTag[]> => collect('/api/2.0/tags', posTagPageSchema, 'tags'),

    /** Creates a tag and returns its id. Not idempotent: re-list tags after `outcomeUnknown`. */
    async createTag(name: string): Promise<string> {
      const res = await http.request({ method: 'POST', path: '/api/2.0/tags', body: { name } })
      const { data } = parseUpstream(
        'pos',
        posCreateTagResponseSchema,
        res.body,
        'a tag id',
        res.status,
      )

      return typeof data === 'string' ? data : data.id
    },

    /** Every variant attribute (Colour, Size…), deleted ones left out. */
    /**
     * Every live variant attribute. The spec's VariantAttributesListResponse is one list with no
     * version cursor, so it is read in one request, not paged.
     */
    async listVariantAttributes(): Promise<PosVariantAttribute[]> {
      const { data } = await get(
        '/api/2.0/variant_attributes',
        posVariantAttributePageSchema,
        'variant attributes',
      )

      return data.filter((item) => !item.deleted_at)
    },

    /** Creates a variant attribute. Not idempotent: re-list after `outcomeUnknown`. */
    async createVariantAttribute(name: string): Promise<PosVariantAttribute> {
      const res = await http.request({
        method: 'POST',
        path: '/api/2.0/variant_attributes',
        body: { name },
      })

      return parseUpstream(
        'pos',
        posCreateVariantAttributeResponseSchema,
        res.body,
        'a variant attribute',
        res.status,
      ).data
    },

    /**
     * Products through GET /api/2.0/search?type=products, with offset paging. The endpoint only
     * filters (SKU, tag, brand, supplier, variant parent); it has no free-text search. Only the
     * first 1000 results can be reached: a page past that window returns [] without a request.
     */
    async searchProducts(params: PosSearchParams = {}): Promise<PosSearchPage> {
      const offset = Math.max(0, params.offset ?? 0)
      const pageSize = Math.min(params.pageSize ?? 100, SEARCH_WINDOW - offset)

      if (pageSize <= 0) return { data: [], offset, pageSize: 0, hasMore: false }

      const res = await get('/api/2.0/search', posSearchResponseSchema, 'search results', {
        type: 'products',
        offset,
        page_size: pageSize,
        sku: params.sku?.trim().toLowerCase() || undefined,
        tag_id: params.tagId,
        brand_id: params.brandId,
        supplier_id: params.supplierId,
        variant_parent_id: params.variantParentId,
        order_by: params.orderBy,
        order_direction: params.orderDirection,
        deleted: params.deleted || undefined,
      })
      const hasMore = res.data.length >= pageSize && offset + pageSize < SEARCH_WINDOW

      return { data: res.data, offset, pageSize, hasMore }
    },

    /**
     * Records a sale (POST /api/register_sales), which moves the stock of its lines at the outlet
     * of its register. Not idempotent: after an UpstreamError with `outcomeUnknown`, look for the
     * sale by its `source_id` (findSaleBySourceId, from a cursor taken before) before recording
     * it again.
     */
    async createRegisterSale(body: PosRegisterSaleBody): Promise<PosRegisterSale> {
      const res = await http.request({ method: 'POST', path: '/api/register_sales', body })

      return parseUpstream('pos', posRegisterSaleResponseSchema, res.body, 'a sale', res.status)
        .register_sale
    },

    /**
     * Replaces an existing sale whole (POST /api/register_sales with its `id`): lines left out are
     * removed, and stock follows the difference. The same body sent twice changes nothing more,
     * so it is resent after a timeout.
     */
    async updateRegisterSale(id: string, body: PosRegisterSaleBody): Promise<PosRegisterSale> {
      const res = await http.request({
        method: 'POST',
        path: '/api/register_sales',
        body: { ...body, id },
        idempotent: true,
      })

      return parseUpstream('pos', posRegisterSaleResponseSchema, res.body, 'a sale', res.status)
        .register_sale
    },

    /**
     * Starts the return of a completed sale (PUT /api/2.0/sales/{id}/actions/return): answers a
     * parked (SAVED) sale whose lines are the sold ones negated and whose `return_for` is `id`;
     * completing it (updateRegisterSale, status CLOSED) puts the items back. Each call parks a new
     * return, so it is not resent: after `outcomeUnknown`, look for it with findReturnOf.
     */
    async returnSale(id: string): Promise<PosSale> {
      const res = await http.request({
        method: 'PUT',
        path: `/api/2.0/sales/${encodeURIComponent(id)}/actions/return`,
        idempotent: false,
      })

      return parseUpstream('pos', posSaleResponseSchema, res.body, 'a return', res.status).data
    },

    /** One sale; null when it does not exist (404). */
    getSale: async (id: string): Promise<PosSale | null> =>
      (
        await orNull(
          get(`/api/2.0/sales/${encodeURIComponent(id)}`, posSaleResponseSchema, 'a sale'),
        )
      )?.data ?? null,

    /** One page of sales after a version (GET /api/2.0/sales). */
    listSales: (params: PosCursorParams = {}): Promise<PosPage<PosSale>> =>
      listPage('/api/2.0/sales', posSalePageSchema, 'sales', params),

    /** Every sale after `after`, along the version cursor (see iterateProducts). */
    iterateSales: (params: PosCursorParams = {}) =>
      iterateVersioned('/api/2.0/sales', posSalePageSchema, 'sales', params),

    /**
     * The sale recorded with this `source_id`, read along the sales cursor from `after` (take
     * the cursor before recording, so the walk is short); null when there is none.
     */
    findSaleBySourceId: (sourceId: string, params: PosCursorParams = {}) =>
      findSale((sale) => sale.source_id === sourceId, params),

    /** A return of sale `saleId` (its `return_for`) recorded after `after`; null when none. */
    findReturnOf: (saleId: string, params: PosCursorParams = {}) =>
      findSale((sale) => sale.return_for === saleId, params),

    /** Every register, all pages, closed and deleted ones included. */
    listRegisters: (): Promise<PosRegister[]> =>
      collect('/api/2.0/registers', posRegisterPageSchema, 'registers'),

    /** The user the token acts as (GET /api/2.0/user): who a sale made by the app is made by. */
    async getCurrentUser(): Promise<PosUser> {
      const { data } = await get('/api/2.0/user', posCurrentUserResponseSchema, 'the user')

      return Array.isArray(data) ? (data[0] as PosUser) : data
    },

    /** The app's webhook subscriptions on this store (GET /api/2.0/webhooks, one list). */
    listWebhooks,

    /**
     * Subscribes `url` to one event type. X-Series answers 409 for a type and URL already
     * subscribed; ensureWebhook avoids that.
     */
    createWebhook,

    /**
     * The subscription of `url` to `type`, created when missing (a 409 from a concurrent create
     * is read as "already there").
     */
    async ensureWebhook(input: { url: string; type: PosWebhookType }): Promise<PosWebhook> {
      const find = async () =>
        (await listWebhooks()).find((w) => w.url === input.url && w.type === input.type)
      const existing = await find()

      if (existing) return existing

      try {
        return await createWebhook(input)
      } catch (error) {
        const again = error instanceof UpstreamError && error.status === 409 ? await find() : null

        if (again) return again
        throw error
      }
    },

    /** Removes a subscription; false when it was already gone. */
    async deleteWebhook(id: string): Promise<boolean> {
      const res = await orNull(
        http.request({ method: 'DELETE', path: `/api/2.0/webhooks/${encodeURIComponent(id)}` }),
      )

      return res !== null
    },
  }
}

function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/api(\/2\.[01])?$/, '')
}

function maxVersion(items: { version?: number | null }[]): number | null {
  let max: number | null = null

  for (const item of items) {
    if (typeof item.version === 'number' && (max === null || item.version > max)) max = item.version
  }

  return max
}
