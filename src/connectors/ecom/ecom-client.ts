import { randomUUID } from 'node:crypto'

import type { z } from 'zod'

import { type Clock, systemClock } from '../shared/clock'
import {
  type ConnectorLogger,
  createPacedRequester,
  type QueryValue,
  type RequesterStats,
  type RetryPolicy,
  type WaitInfo,
} from '../shared/paced-requester'
import type { Pacer, RateLimit } from '../shared/pacer'
import { parseUpstream } from '../shared/parse-upstream'
import { bodyExcerpt } from '../shared/redact'
import type { RequestCounter } from '../shared/request-counter'
import type { TokenSource } from '../shared/token-source'
import {
  CONNECTOR_CODES,
  describeStatus,
  isNotFound,
  UpstreamError,
} from '../shared/upstream-error'
import { readEcomError } from './ecom-errors'
import {
  ecomBatchStatusSchema,
  ecomBatchTicketSchema,
  type EcomCategory,
  ecomCategorySchema,
  ecomCategorySearchSchema,
  type EcomCombination,
  ecomCombinationListSchema,
  ecomCombinationSchema,
  type EcomDeletedItem,
  ecomDeletedSearchSchema,
  ecomDeleteResponseSchema,
  ecomIdResponseSchema,
  type EcomLatestStats,
  ecomLatestStatsSchema,
  type EcomOrder,
  ecomOrderSchema,
  ecomOrderSearchSchema,
  type EcomProduct,
  ecomProductSchema,
  ecomProductSearchSchema,
  type EcomProfileRaw,
  ecomProfileSchema,
  ecomUpdateResponseSchema,
} from './ecom-schemas'

export interface EcomClientOptions {
  /** The API root without the store id, e.g. https://app.ecwid.com/api/v3 or http://localhost:3002/api/v3. */
  baseUrl: string
  storeId: number | string
  token: TokenSource
  timeoutMs?: number
  logger?: ConnectorLogger
  onWait?: (info: WaitInfo) => void
  /** Overrides the published 600 requests per minute per token. */
  rateLimit?: RateLimit
  retry?: Partial<RetryPolicy>
  clock?: Clock
  pacer?: Pacer
  counter?: RequestCounter
  random?: () => number
  fetch?: typeof fetch
}

export interface EcomPage<T> {
  /** All matches, not only this page. */
  total: number
  count: number
  offset: number
  limit: number
  items: T[]
}

export type EcomSortBy =
  | 'RELEVANCE'
  | 'DEFINED_BY_STORE_OWNER'
  | 'ADDED_TIME_DESC'
  | 'ADDED_TIME_ASC'
  | 'NAME_ASC'
  | 'NAME_DESC'
  | 'PRICE_ASC'
  | 'PRICE_DESC'
  | 'UPDATED_TIME_ASC'
  | 'UPDATED_TIME_DESC'

export interface EcomSearchParams {
  /** Full-text over name, description, SKU, options, categories; quote it for an exact match. */
  keyword?: string
  offset?: number
  /** At most 100. */
  limit?: number
  sortBy?: EcomSortBy
  enabled?: boolean
  productIds?: number[]
  externalReferenceId?: string
  /** Unix seconds. */
  updatedFrom?: number
}

export interface EcomOrderSearchParams {
  /** Order ids (as webhooks give them in `data.orderId`). */
  ids?: (string | number)[]
  /** e.g. PAID, AWAITING_PAYMENT; several are joined with commas. */
  paymentStatus?: string[]
  fulfillmentStatus?: string[]
  /** Unix seconds. */
  createdFrom?: number
  updatedFrom?: number
  offset?: number
  /** At most 100. */
  limit?: number
}

export interface EcomProfile {
  storeName: string
  /** ISO 4217 code, e.g. USD; null when the profile does not say. */
  currency: string | null
  currencyPrecision: number | null
  /** True when catalog prices include tax; null when the profile does not say. */
  pricesIncludeTax: boolean | null
  raw: EcomProfileRaw
}

/** Fields of a product create or update; an update sends only what changes. */
export interface EcomProductInput {
  name?: string
  sku?: string
  description?: string
  price?: number
  quantity?: number
  unlimited?: boolean
  enabled?: boolean
  categoryIds?: number[]
  externalReferenceId?: string
  options?: {
    type: 'SELECT' | 'RADIO' | 'CHECKBOX' | 'SIZE'
    name: string
    choices: { text: string; priceModifier?: number; priceModifierType?: 'ABSOLUTE' | 'PERCENT' }[]
    defaultChoice?: number
    required?: boolean
  }[]
  /** At most 200 per request. */
  combinations?: EcomCombinationInput[]
  [field: string]: unknown
}

export interface EcomCombinationInput {
  options?: { name: string; value: string }[]
  sku?: string
  price?: number
  quantity?: number
  unlimited?: boolean
  [field: string]: unknown
}

export interface EcomBatchRequest {
  /** Echoed back in the results; defaults to the request's index. */
  id?: string
  /** Relative to the store, e.g. /products/123 (the /api/v3/{storeId} prefix is added by eCom). */
  path: string
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
}

export interface EcomBatchSubmitOptions {
  /** Default false: one refused request does not stop the others. */
  stopOnFirstFailure?: boolean
  allowParallelMode?: boolean
  /**
   * eCom remembers a batch by this key for an hour. Default: a fresh UUID. To resend a submit
   * that failed with `outcomeUnknown`, pass the same key again.
   */
  deduplicationKey?: string
}

export type EcomBatchState = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED'

export interface EcomBatchResult {
  id: string
  /** COMPLETED, FAILED or NOT_EXECUTED. */
  status: string
  httpStatusCode: number | null
  /** The parsed response body of that request. */
  body: unknown
  /** Set when the request did not succeed: the same error a direct call would have thrown. */
  error: UpstreamError | null
}

export interface EcomBatchStatus {
  ticket: string
  status: string
  totalRequests: number | null
  completedRequests: number | null
  results: EcomBatchResult[]
}

export interface EcomRunBatchOptions extends EcomBatchSubmitOptions {
  pollIntervalMs?: number
  /** Gives up (BATCH_INCOMPLETE) when a batch is not COMPLETED after this long. Default 10 min. */
  maxWaitMs?: number
}

const MAX_PAGE = 100
const MAX_BATCH = 500
const RATE_LIMIT: RateLimit = { limit: 600, windowMs: 60_000 }

export type EcomClient = ReturnType<typeof createEcomClient>

/** Client of eCom (Lightspeed E-Series, Ecwid REST API v3) for one store. */
export function createEcomClient(options: EcomClientOptions) {
  const clock = options.clock ?? systemClock
  const baseUrl = `${options.baseUrl.replace(/\/+$/, '')}/${encodeURIComponent(String(options.storeId))}`
  const http = createPacedRequester({
    system: 'ecom',
    baseUrl,
    token: options.token,
    rateLimit: options.rateLimit ?? RATE_LIMIT,
    readVendorError: readEcomError,
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    onWait: options.onWait,
    retry: options.retry,
    clock,
    pacer: options.pacer,
    counter: options.counter,
    random: options.random,
    fetch: options.fetch,
  })

  async function call<T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: z.ZodType<T>,
    what: string,
    extra: { query?: Record<string, QueryValue>; body?: unknown; idempotent?: boolean } = {},
  ): Promise<T> {
    const res = await http.request({ method, path, ...extra })

    return parseUpstream('ecom', schema, res.body, what, res.status)
  }

  async function orNull<T>(work: Promise<T>): Promise<T | null> {
    try {
      return await work
    } catch (error) {
      if (isNotFound(error)) return null
      throw error
    }
  }

  function searchProducts(params: EcomSearchParams = {}): Promise<EcomPage<EcomProduct>> {
    return call('GET', '/products', ecomProductSearchSchema, 'products', {
      query: {
        keyword: params.keyword || undefined,
        offset: Math.max(0, params.offset ?? 0),
        limit: clampLimit(params.limit),
        sortBy: params.sortBy,
        enabled: params.enabled,
        productId: params.productIds?.length ? params.productIds.join(',') : undefined,
        externalReferenceId: params.externalReferenceId,
        updatedFrom: params.updatedFrom,
      },
    })
  }

  /**
   * Walks offset pages (0, 100, 200, …) until offset reaches `total`. Stops early on an empty
   * page, which happens when items are deleted during the walk.
   */
  async function* iteratePages<T>(
    fetchPage: (offset: number) => Promise<EcomPage<T>>,
  ): AsyncGenerator<EcomPage<T>, void, undefined> {
    let offset = 0

    for (;;) {
      const page = await fetchPage(offset)

      if (page.items.length === 0) return

      yield page
      offset += page.items.length

      if (offset >= page.total) return
    }
  }

  async function listCategoriesPage(offset: number): Promise<EcomPage<EcomCategory>> {
    return call('GET', '/categories', ecomCategorySearchSchema, 'categories', {
      query: { offset, limit: MAX_PAGE, hidden_categories: true },
    })
  }

  async function submitBatch(
    requests: EcomBatchRequest[],
    submit: EcomBatchSubmitOptions = {},
  ): Promise<string> {
    if (requests.length === 0 || requests.length > MAX_BATCH) {
      throw new RangeError(`A batch takes 1 to ${MAX_BATCH} requests, not ${requests.length}`)
    }

    const body = requests.map((req, index) => ({
      id: req.id ?? String(index),
      path: req.path,
      method: req.method,
      body: req.body ?? '',
    }))
    const { ticket } = await call('POST', '/batch', ecomBatchTicketSchema, 'a batch ticket', {
      body,
      query: {
        stopOnFirstFailure: submit.stopOnFirstFailure ?? false,
        allowParallelMode: submit.allowParallelMode || undefined,
        deduplicationKey: submit.deduplicationKey ?? randomUUID(),
      },
    })

    return ticket
  }

  async function getBatch(ticket: string): Promise<EcomBatchStatus> {
    const raw = await call('GET', '/batch', ecomBatchStatusSchema, 'a batch status', {
      query: { ticket, escapedJson: true },
    })
    const results = (raw.responses ?? []).map((item): EcomBatchResult => {
      const body = readBatchBody(item.httpBody, item.escapedHttpBody)
      const status = item.httpStatusCode ?? null
      const ok = item.status === 'COMPLETED' && (status === null || status < 400)

      return {
        id: String(item.id ?? ''),
        status: item.status,
        httpStatusCode: status,
        body,
        error: ok ? null : batchItemError(item.status, status, body),
      }
    })

    return {
      ticket,
      status: raw.status,
      totalRequests: raw.totalRequests ?? null,
      completedRequests: raw.completedRequests ?? null,
      results,
    }
  }

  function searchOrders(params: EcomOrderSearchParams = {}): Promise<EcomPage<EcomOrder>> {
    return call('GET', '/orders', ecomOrderSearchSchema, 'orders', {
      query: {
        ids: params.ids?.length ? params.ids.join(',') : undefined,
        paymentStatus: params.paymentStatus?.join(',') || undefined,
        fulfillmentStatus: params.fulfillmentStatus?.join(',') || undefined,
        createdFrom: params.createdFrom,
        updatedFrom: params.updatedFrom,
        offset: Math.max(0, params.offset ?? 0),
        limit: clampLimit(params.limit),
      },
    })
  }

  function listDeletedProducts(
    params: { fromDate?: number; toDate?: number; offset?: number } = {},
  ): Promise<EcomPage<EcomDeletedItem>> {
    return call('GET', '/products/deleted', ecomDeletedSearchSchema, 'deleted products', {
      query: {
        from_date: params.fromDate,
        to_date: params.toDate,
        offset: Math.max(0, params.offset ?? 0),
        limit: MAX_PAGE,
      },
    })
  }

  return {
    system: 'ecom' as const,

    stats: (): RequesterStats => http.stats(),

    /** Store name, currency and whether prices include tax (GET /profile). */
    async getProfile(): Promise<EcomProfile> {
      const raw = await call('GET', '/profile', ecomProfileSchema, 'the store profile')

      return {
        storeName: raw.settings?.storeName ?? '',
        currency: raw.formatsAndUnits?.currency ?? null,
        currencyPrecision: raw.formatsAndUnits?.currencyPrecision ?? null,
        pricesIncludeTax: raw.taxSettings?.pricesIncludeTax ?? null,
        raw,
      }
    },

    /** One page of GET /products (limit at most 100). */
    searchProducts,

    /** Every product matching `params`, page by page (offset paging until `total`). */
    iterateProducts: (params: Omit<EcomSearchParams, 'offset'> = {}) =>
      iteratePages((offset) => searchProducts({ ...params, offset, limit: MAX_PAGE })),

    /** One product; null when it does not exist (404). */
    getProduct: (id: number): Promise<EcomProduct | null> =>
      orNull(call('GET', `/products/${id}`, ecomProductSchema, 'a product')),

    /**
     * Products whose SKU, or one of whose variants' SKU, is exactly `sku` (trimmed). A blank
     * SKU never matches anything: it returns [] without asking the upstream.
     */
    async findProductsBySku(sku: string | null | undefined): Promise<EcomProduct[]> {
      const wanted = (sku ?? '').trim()

      if (wanted === '') return []

      const page = await call('GET', '/products', ecomProductSearchSchema, 'products', {
        query: { sku: wanted },
      })

      return page.items
    },

    /**
     * Creates a product and returns its id. Not idempotent: after an UpstreamError with
     * `outcomeUnknown`, look the SKU up (findProductsBySku) before creating again.
     */
    async createProduct(body: EcomProductInput): Promise<number> {
      const { id } = await call('POST', '/products', ecomIdResponseSchema, 'a product id', { body })

      return id
    },

    /** Partial update: send only the fields that change. Returns eCom's updateCount. */
    async updateProduct(id: number, body: EcomProductInput): Promise<number> {
      const res = await call(
        'PUT',
        `/products/${id}`,
        ecomUpdateResponseSchema,
        'an update count',
        {
          body,
        },
      )

      return res.updateCount
    },

    /** Deletes a product; 0 when it was already gone (so a resent delete is not an error). */
    async deleteProduct(id: number): Promise<number> {
      const res = await orNull(
        call('DELETE', `/products/${id}`, ecomDeleteResponseSchema, 'a delete count'),
      )

      return res?.deleteCount ?? 0
    },

    /** A product's variations (a bare array, no paging); null when the product does not exist. */
    listCombinations: (productId: number): Promise<EcomCombination[] | null> =>
      orNull(
        call('GET', `/products/${productId}/combinations`, ecomCombinationListSchema, 'variants'),
      ),

    /** One variation; null when it does not exist. */
    getCombination: (productId: number, combinationId: number): Promise<EcomCombination | null> =>
      orNull(
        call(
          'GET',
          `/products/${productId}/combinations/${combinationId}`,
          ecomCombinationSchema,
          'a variant',
        ),
      ),

    /** Adds one variation and returns its id. Not idempotent: re-list after `outcomeUnknown`. */
    async createCombination(productId: number, body: EcomCombinationInput): Promise<number> {
      const { id } = await call(
        'POST',
        `/products/${productId}/combinations`,
        ecomIdResponseSchema,
        'a variant id',
        { body },
      )

      return id
    },

    async updateCombination(
      productId: number,
      combinationId: number,
      body: EcomCombinationInput,
    ): Promise<number> {
      const res = await call(
        'PUT',
        `/products/${productId}/combinations/${combinationId}`,
        ecomUpdateResponseSchema,
        'an update count',
        { body },
      )

      return res.updateCount
    },

    /**
     * Sets a product's stock by a delta (PUT /products/{id}/inventory), as a sale moves it. Not
     * idempotent: resending after a timeout may move the stock twice, so it is not resent.
     */
    async adjustProductInventory(productId: number, quantityDelta: number): Promise<number> {
      const res = await call(
        'PUT',
        `/products/${productId}/inventory`,
        ecomUpdateResponseSchema,
        'an update count',
        { body: { quantityDelta }, idempotent: false },
      )

      return res.updateCount
    },

    /** A variation's stock by a delta; not resent after a timeout (see adjustProductInventory). */
    async adjustCombinationInventory(
      productId: number,
      combinationId: number,
      quantityDelta: number,
    ): Promise<number> {
      const res = await call(
        'PUT',
        `/products/${productId}/combinations/${combinationId}/inventory`,
        ecomUpdateResponseSchema,
        'an update count',
        { body: { quantityDelta }, idempotent: false },
      )

      return res.updateCount
    },

    /** When products, categories, orders and the profile last changed: a cheap change probe. */
    getLatestStats: (): Promise<EcomLatestStats> =>
      call('GET', '/latest-stats', ecomLatestStatsSchema, 'the store statistics'),

    /** One page of deleted products (ids and dates), the tombstones a sync reads. */
    listDeletedProducts,

    /** Every deleted product in the date range (Unix seconds), page by page. */
    iterateDeletedProducts: (params: { fromDate?: number; toDate?: number } = {}) =>
      iteratePages((offset) => listDeletedProducts({ ...params, offset })),

    /** One order by the id webhooks give as `data.orderId`; null when it does not exist. */
    getOrder: (orderId: string | number): Promise<EcomOrder | null> =>
      orNull(
        call('GET', `/orders/${encodeURIComponent(String(orderId))}`, ecomOrderSchema, 'an order'),
      ),

    /** One page of GET /orders (limit at most 100). */
    searchOrders,

    /** Every order matching `params`, page by page. */
    iterateOrders: (params: Omit<EcomOrderSearchParams, 'offset'> = {}) =>
      iteratePages((offset) => searchOrders({ ...params, offset, limit: MAX_PAGE })),

    /** Every category, hidden ones included (so an existing one is reused, not created twice). */
    async listCategories(): Promise<EcomCategory[]> {
      const all: EcomCategory[] = []

      for await (const page of iteratePages(listCategoriesPage)) all.push(...page.items)

      return all
    },

    /** One category; null when it does not exist. */
    getCategory: (id: number): Promise<EcomCategory | null> =>
      orNull(call('GET', `/categories/${id}`, ecomCategorySchema, 'a category')),

    /** Creates a category and returns its id. Not idempotent: re-list after `outcomeUnknown`. */
    async createCategory(
      name: string,
      extra: { parentId?: number; enabled?: boolean; [field: string]: unknown } = {},
    ) {
      const { id } = await call('POST', '/categories', ecomIdResponseSchema, 'a category id', {
        body: { name, ...extra },
      })

      return id
    },

    /**
     * Sets a product's main image from a public URL and returns the image id. eCom replaces the
     * main image, so the call is resent safely after a timeout.
     */
    async addImageByUrl(productId: number, url: string): Promise<number> {
      const { id } = await call(
        'POST',
        `/products/${productId}/image`,
        ecomIdResponseSchema,
        'an image id',
        {
          query: { externalUrl: url },
          idempotent: true,
        },
      )

      return id
    },

    /**
     * Adds an image from a public URL to a product's gallery and returns its id. Not
     * idempotent (each call adds one): after `outcomeUnknown`, re-read the product's media first.
     */
    async addGalleryImageByUrl(productId: number, url: string): Promise<number> {
      const { id } = await call(
        'POST',
        `/products/${productId}/gallery`,
        ecomIdResponseSchema,
        'an image id',
        { query: { externalUrl: url } },
      )

      return id
    },

    /**
     * Queues up to 500 requests as one batch and returns its ticket. Requests run in order;
     * with the default `stopOnFirstFailure: false` a refused one does not stop the rest.
     */
    submitBatch,

    /** A batch's state, with each finished request's status, body and mapped error. */
    getBatch,

    /**
     * Runs any number of requests through the Batch API, 500 per batch, one batch after the
     * other, polling each until COMPLETED. Results come back in request order, each with its
     * own error, so one refused product does not fail the others. Throws BATCH_INCOMPLETE when
     * a batch is not done within `maxWaitMs`.
     */
    async runBatch(
      requests: EcomBatchRequest[],
      run: EcomRunBatchOptions = {},
    ): Promise<EcomBatchResult[]> {
      const pollIntervalMs = run.pollIntervalMs ?? 1000
      const maxWaitMs = run.maxWaitMs ?? 10 * 60_000
      const results: EcomBatchResult[] = []

      for (let start = 0; start < requests.length; start += MAX_BATCH) {
        const chunk = requests
          .slice(start, start + MAX_BATCH)
          .map((req, index) => ({ ...req, id: req.id ?? String(start + index) }))
        const ticket = await submitBatch(chunk, run)
        const deadline = clock.now() + maxWaitMs
        let status = await getBatch(ticket)

        while (status.status !== 'COMPLETED') {
          if (clock.now() >= deadline) {
            throw new UpstreamError({
              system: 'ecom',
              status: null,
              vendorCode: CONNECTOR_CODES.batchIncomplete,
              message:
                'eCom did not finish the batch in time, and may have saved some of its changes',
              detail: `ticket ${ticket}: ${status.completedRequests ?? '?'} of ${status.totalRequests ?? '?'} done`,
              retryable: true,
              outcomeUnknown: true,
            })
          }

          await clock.sleep(pollIntervalMs)
          status = await getBatch(ticket)
        }

        const byId = new Map(status.results.map((result) => [result.id, result]))

        for (const req of chunk) {
          results.push(
            byId.get(req.id) ?? {
              id: req.id,
              status: 'NOT_EXECUTED',
              httpStatusCode: null,
              body: null,
              error: batchItemError('NOT_EXECUTED', null, null),
            },
          )
        }
      }

      return results
    },
  }
}

function clampLimit(limit: number | undefined): number {
  return Math.min(MAX_PAGE, Math.max(1, limit ?? MAX_PAGE))
}

function readBatchBody(httpBody: unknown, escaped: string | null | undefined): unknown {
  if (httpBody !== undefined && httpBody !== null) return httpBody
  if (typeof escaped !== 'string' || escaped === '') return null

  try {
    return JSON.parse(escaped) as unknown
  } catch {
    return escaped
  }
}

function batchItemError(state: string, status: number | null, body: unknown): UpstreamError {
  if (status === null || status < 400) {
    return new UpstreamError({
      system: 'ecom',
      status,
      vendorCode: state,
      message:
        state === 'NOT_EXECUTED'
          ? 'eCom did not run this change because the batch stopped early'
          : 'eCom did not complete this change',
      detail: bodyExcerpt(body, []),
      retryable: true,
    })
  }

  const info = readEcomError(status, body)

  return new UpstreamError({
    system: 'ecom',
    status,
    vendorCode: info.vendorCode,
    message: info.message ?? describeStatus('ecom', status, info.upstreamMessage),
    detail: bodyExcerpt(body, []),
    retryable: info.retryable ?? (status === 429 || status >= 500),
  })
}
