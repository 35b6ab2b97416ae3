/**
 * Sends eCom requests through the Batch API [E6]: requests handed in by many callers at about
 * the same time go out as one batch, and each caller gets its own answer (or error) the moment
 * the batch is done, as if it had sent the request alone.
 */
import { randomUUID } from 'node:crypto'

import { type Clock, systemClock } from '../shared/clock'
import { parseUpstream } from '../shared/parse-upstream'
import {
  CONNECTOR_CODES,
  isNotFound,
  isUpstreamError,
  UpstreamError,
} from '../shared/upstream-error'
import type {
  EcomBatchRequest,
  EcomBatchResult,
  EcomBatchStatus,
  EcomClient,
  EcomProductInput,
} from './ecom-client'
import {
  type EcomCombination,
  ecomCombinationListSchema,
  ecomIdResponseSchema,
} from './ecom-schemas'

/** What the batcher needs of the eCom client. */
export interface EcomBatchApi {
  submitBatch(
    requests: EcomBatchRequest[],
    options: { stopOnFirstFailure?: boolean; deduplicationKey?: string },
  ): Promise<string>
  getBatch(ticket: string): Promise<EcomBatchStatus>
}

export interface EcomBatcherOptions {
  /** Requests per batch, at most 500 (Ecwid's limit). Default 100. */
  maxBatch?: number
  /** How long the first request waits for others before its batch goes out. Default 50 ms. */
  lingerMs?: number
  /** First wait before asking for the batch's state; it grows 1.5× up to maxPollMs. */
  pollMs?: number
  maxPollMs?: number
  /** A batch not COMPLETED after this long fails its requests with an unknown outcome. */
  maxWaitMs?: number
  clock?: Clock
}

export interface EcomBatcherStats {
  batches: number
  /** Requests sent inside batches, resends included. */
  requests: number
  /** Requests sent again in a later batch because eCom did not run them (429, not executed). */
  resent: number
}

interface Waiting {
  request: EcomBatchRequest
  attempts: number
  resolve: (body: unknown) => void
  reject: (error: unknown) => void
}

const MAX_BATCH = 500
const MAX_ATTEMPTS = 3

/**
 * A submit whose answer was lost is sent again once with the same deduplication key, which eCom
 * answers with the first submit's ticket, so nothing runs twice. When even that fails, or a
 * batch never completes, every request in it fails with `outcomeUnknown`: the caller looks the
 * item up before writing it again, as after a single request that timed out (case C2).
 */
export function createEcomBatcher(api: EcomBatchApi, options: EcomBatcherOptions = {}) {
  const clock = options.clock ?? systemClock
  const maxBatch = Math.min(MAX_BATCH, Math.max(1, options.maxBatch ?? 100))
  const lingerMs = options.lingerMs ?? 50
  const pollMs = options.pollMs ?? 250
  const maxPollMs = options.maxPollMs ?? 5000
  const maxWaitMs = options.maxWaitMs ?? 10 * 60_000
  const stats: EcomBatcherStats = { batches: 0, requests: 0, resent: 0 }
  let queue: Waiting[] = []
  let timer: ReturnType<typeof setTimeout> | null = null
  let sequence = 0

  function enqueue(waiting: Waiting) {
    queue.push(waiting)

    if (queue.length >= maxBatch) flush()
    else timer ??= setTimeout(flush, lingerMs)
  }

  function flush() {
    if (timer) clearTimeout(timer)
    timer = null

    while (queue.length > 0) {
      const chunk = queue.slice(0, maxBatch)

      queue = queue.slice(maxBatch)
      void run(chunk)
    }
  }

  async function run(chunk: Waiting[]) {
    const requests = chunk.map((w) => ({ ...w.request, id: `r${++sequence}` }))
    const byId = new Map(requests.map((req, i) => [req.id, chunk[i]!]))

    stats.batches += 1
    stats.requests += chunk.length

    const submitted = await submit(requests)

    if (!submitted.ok) {
      for (const waiting of chunk) waiting.reject(submitted.error)

      return
    }

    const status = await waitUntilDone(submitted.ticket)

    if (!status.ok) {
      for (const waiting of chunk) waiting.reject(status.error)

      return
    }

    const results = new Map(status.value.results.map((result) => [result.id, result]))

    for (const [id, waiting] of byId) {
      settle(waiting, results.get(id) ?? null, submitted.resent)
    }
  }

  async function submit(
    requests: EcomBatchRequest[],
  ): Promise<
    { ok: true; ticket: string; resent: boolean } | { ok: false; error: UpstreamError | unknown }
  > {
    const deduplicationKey = randomUUID()
    const send = () => api.submitBatch(requests, { stopOnFirstFailure: false, deduplicationKey })

    try {
      return { ok: true, ticket: await send(), resent: false }
    } catch (error) {
      if (!(isUpstreamError(error) && error.outcomeUnknown)) return { ok: false, error }
    }

    try {
      return { ok: true, ticket: await send(), resent: true }
    } catch (error) {
      return { ok: false, error: unknownOutcome(error, 'eCom did not confirm the batch') }
    }
  }

  async function waitUntilDone(
    ticket: string,
  ): Promise<{ ok: true; value: EcomBatchStatus } | { ok: false; error: UpstreamError }> {
    const started = clock.now()
    const deadline = started + maxWaitMs
    let wait = pollMs

    for (;;) {
      await clock.sleep(wait)

      try {
        const status = await api.getBatch(ticket)

        if (status.status === 'COMPLETED') return { ok: true, value: status }
        wait = nextPoll(status, clock.now() - started, wait)
        if (clock.now() >= deadline) {
          return {
            ok: false,
            error: unknownOutcome(
              null,
              'eCom did not finish the batch in time',
              `ticket ${ticket}: ${status.completedRequests ?? '?'} of ${status.totalRequests ?? '?'} done`,
            ),
          }
        }
      } catch (error) {
        return { ok: false, error: unknownOutcome(error, 'eCom did not say how the batch went') }
      }
    }
  }

  /**
   * Each poll is a request against the rate limit, so the next one is timed for when the batch
   * should be done at the pace it has kept so far; a batch still queued is asked less and less.
   */
  function nextPoll(status: EcomBatchStatus, elapsedMs: number, previous: number): number {
    const done = status.completedRequests ?? 0
    const total = status.totalRequests ?? 0

    if (done <= 0 || total <= done) return Math.min(maxPollMs, Math.round(previous * 1.5))

    const remainingMs = ((total - done) * elapsedMs) / done

    return Math.min(maxPollMs, Math.max(pollMs / 2, Math.round(remainingMs * 1.1)))
  }

  function settle(waiting: Waiting, result: EcomBatchResult | null, resent: boolean) {
    if (result && !result.error) {
      waiting.resolve(result.body)

      return
    }

    const error = result?.error ?? null
    // Not run, or refused with a 429: nothing happened, so it may go in the next batch.
    const notDone = !result || result.status === 'NOT_EXECUTED' || error?.status === 429

    if (notDone && waiting.attempts < MAX_ATTEMPTS) {
      stats.resent += 1
      enqueue({ ...waiting, attempts: waiting.attempts + 1 })

      return
    }

    // After a resent submit, "already exists" may be our own first submit's doing.
    if (resent && error?.status === 409) {
      waiting.reject(unknownOutcome(error, error.message))

      return
    }

    waiting.reject(error ?? unknownOutcome(null, 'eCom did not run this change'))
  }

  return {
    /**
     * Sends one request in the next batch. Resolves with its response body; rejects with the
     * UpstreamError the request would have got on its own.
     */
    send(request: EcomBatchRequest): Promise<unknown> {
      return new Promise((resolve, reject) => enqueue({ request, attempts: 1, resolve, reject }))
    },
    stats: (): EcomBatcherStats => ({ ...stats }),
  }
}

export type EcomBatcher = ReturnType<typeof createEcomBatcher>

function unknownOutcome(cause: unknown, message: string, detail?: string): UpstreamError {
  const upstream = isUpstreamError(cause) ? cause : null

  return new UpstreamError({
    system: 'ecom',
    status: upstream?.status ?? null,
    vendorCode: upstream?.vendorCode ?? CONNECTOR_CODES.batchIncomplete,
    message: `${message}, and may have saved the change anyway`,
    detail: detail ?? upstream?.detail ?? null,
    retryable: true,
    outcomeUnknown: true,
    method: upstream?.method ?? 'POST',
    path: upstream?.path ?? '/batch',
    cause,
  })
}

/** The writes an upload makes on eCom, sent one request each or through a batcher. */
export interface EcomCatalogWrites {
  readonly batched: boolean
  /** Creates a product; not idempotent (see EcomClient.createProduct). */
  createProduct(body: EcomProductInput): Promise<number>
  /** Sets the main image (`isMain`) or adds a gallery image, from a public URL. */
  addImage(productId: number, url: string, isMain: boolean): Promise<void>
  /** A product's variations; null when the product does not exist. */
  listCombinations(productId: number): Promise<EcomCombination[] | null>
}

/** Writes that go out one request each. */
export function directCatalogWrites(client: EcomClient): EcomCatalogWrites {
  return {
    batched: false,
    createProduct: (body) => client.createProduct(body),
    async addImage(productId, url, isMain) {
      if (isMain) await client.addImageByUrl(productId, url)
      else await client.addGalleryImageByUrl(productId, url)
    },
    listCombinations: (productId) => client.listCombinations(productId),
  }
}

/**
 * Writes that go out in batches. Images travel as `externalUrl`, which is all a batch can carry
 * [E6]. Each answer is checked with the same schema a direct call uses.
 */
export function batchedCatalogWrites(batcher: EcomBatcher): EcomCatalogWrites {
  return {
    batched: true,
    async createProduct(body) {
      const answer = await batcher.send({ path: '/products', method: 'POST', body })

      return parseUpstream('ecom', ecomIdResponseSchema, answer, 'a product id').id
    },
    async addImage(productId, url, isMain) {
      const query = `externalUrl=${encodeURIComponent(url)}`
      const path = `/products/${productId}/${isMain ? 'image' : 'gallery'}?${query}`

      parseUpstream(
        'ecom',
        ecomIdResponseSchema,
        await batcher.send({ path, method: 'POST' }),
        'an image id',
      )
    },
    async listCombinations(productId) {
      try {
        const answer = await batcher.send({
          path: `/products/${productId}/combinations`,
          method: 'GET',
        })

        return parseUpstream('ecom', ecomCombinationListSchema, answer, 'variants')
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },
  }
}
