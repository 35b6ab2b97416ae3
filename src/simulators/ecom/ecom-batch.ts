/**
 * Ecwid's batch API: POST /batch takes up to 500 sub-requests and answers a ticket at once; the
 * sub-requests then run one after another through the simulator's own routes, batches of one store
 * first-in first-out. Progress is stored, so a batch interrupted by a restart resumes where it was.
 */
import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { DocStore } from '../shared/doc-store'
import { EcwidError } from './ecom-errors'

export const MAX_BATCH_REQUESTS = 500

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface BatchRequestItem {
  id?: string
  path: string
  method: Method
  body?: unknown
}

export interface BatchResponseItem {
  id?: string
  status: 'COMPLETED' | 'FAILED' | 'NOT_EXECUTED'
  httpBody?: unknown
  rawBody?: string
  httpStatusCode?: number
  httpStatusLine?: string
}

export interface StoredBatch {
  ticket: string
  storeId: number
  status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED'
  stopOnFirstFailure: boolean
  requests: BatchRequestItem[]
  responses: BatchResponseItem[]
}

export type SubRequestExecutor = (
  storeId: number,
  item: BatchRequestItem,
) => Promise<{ statusCode: number; body: string }>

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE'])

function invalid(detail: string): EcwidError {
  return new EcwidError(
    400,
    'WRONG_PARAMETER',
    `Can't create batch. Batch request body is invalid. ${detail}`,
  )
}

/** Validates the body the way the fixture's error reads ("Path $[0].id contains bad value"). */
export function parseBatchBody(body: unknown): BatchRequestItem[] {
  if (!Array.isArray(body)) throw invalid('Expected an array of requests')
  if (body.length === 0) throw invalid('The batch has no requests')
  if (body.length > MAX_BATCH_REQUESTS) {
    throw invalid(`At most ${MAX_BATCH_REQUESTS} requests are allowed in one batch`)
  }

  return body.map((raw: unknown, index) => {
    if (typeof raw !== 'object' || raw === null)
      throw invalid(`Path $[${index}] contains bad value`)
    const item = raw as Record<string, unknown>
    if (item.id !== undefined && typeof item.id !== 'string') {
      throw invalid(`Path $[${index}].id contains bad value`)
    }
    if (typeof item.path !== 'string' || !item.path.startsWith('/')) {
      throw invalid(`Path $[${index}].path contains bad value`)
    }
    const method = typeof item.method === 'string' ? item.method.toUpperCase() : ''
    if (!METHODS.has(method)) throw invalid(`Path $[${index}].method contains bad value`)

    return { id: item.id, path: item.path, method: method as Method, body: item.body }
  })
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export class BatchRunner {
  private readonly queues = new Map<number, Promise<void>>()
  private stopped = false

  constructor(
    private readonly docs: DocStore,
    private readonly execute: SubRequestExecutor,
  ) {}

  private collection(storeId: number) {
    return `ecom:${storeId}:batches`
  }

  private save(batch: StoredBatch) {
    if (!this.stopped) this.docs.put(this.collection(batch.storeId), batch.ticket, batch)
  }

  create(storeId: number, items: BatchRequestItem[], stopOnFirstFailure: boolean) {
    const batch: StoredBatch = {
      ticket: randomUUID(),
      storeId,
      status: 'QUEUED',
      stopOnFirstFailure,
      requests: items,
      responses: [],
    }
    this.save(batch)
    this.enqueue(batch)

    return { ticket: batch.ticket }
  }

  /** Picks up batches a previous process left unfinished. */
  resume(storeId: number) {
    for (const batch of this.docs.all<StoredBatch>(this.collection(storeId))) {
      if (batch.status !== 'COMPLETED') this.enqueue(batch)
    }
  }

  private enqueue(batch: StoredBatch) {
    const previous = this.queues.get(batch.storeId) ?? Promise.resolve()
    const next = previous
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => this.run(batch))
    this.queues.set(batch.storeId, next)
  }

  // LIMITATION: with stopOnFirstFailure=false Ecwid retries a 5xx sub-request 5 times, 3 s apart;
  // here it is recorded as FAILED at once. allowParallelMode and deduplicationKey are ignored.
  private async run(batch: StoredBatch) {
    let failed = batch.responses.some((response) => response.status === 'FAILED')
    for (let index = batch.responses.length; index < batch.requests.length; index++) {
      if (this.stopped) return
      const item = batch.requests[index] as BatchRequestItem
      if (failed && batch.stopOnFirstFailure) {
        batch.responses.push({ id: item.id, status: 'NOT_EXECUTED' })
        continue
      }
      const result = await this.execute(batch.storeId, item).catch(() => undefined)
      if (this.stopped || !result) return
      const ok = result.statusCode < 400
      failed ||= !ok
      batch.responses.push({
        id: item.id,
        status: ok ? 'COMPLETED' : 'FAILED',
        httpBody: parseJson(result.body),
        rawBody: result.body,
        httpStatusCode: result.statusCode,
        httpStatusLine:
          `HTTP/1.1 ${result.statusCode} ${STATUS_CODES[result.statusCode] ?? ''}`.trim(),
      })
      batch.status = 'IN_PROGRESS'
      this.save(batch)
    }
    batch.status = 'COMPLETED'
    this.save(batch)
  }

  status(storeId: number, ticket: string, escapedJson: boolean) {
    const batch = this.docs.get<StoredBatch>(this.collection(storeId), ticket)
    if (!batch) throw new EcwidError(404, 'BATCH_NOT_FOUND', `Batch ${ticket} not found`)

    return {
      status: batch.status,
      totalRequests: batch.requests.length,
      completedRequests: batch.responses.filter((r) => r.status !== 'NOT_EXECUTED').length,
      responses: batch.responses.map(({ rawBody, httpBody, ...rest }) =>
        escapedJson ? { ...rest, escapedHttpBody: rawBody } : { ...rest, httpBody },
      ),
    }
  }

  list(storeId: number, status: string | undefined, offset: number, limit: number) {
    const all = this.docs
      .all<StoredBatch>(this.collection(storeId))
      .filter((batch) => !status || batch.status === status)
    const page = all.slice(offset, offset + limit)

    return {
      total: all.length,
      count: page.length,
      offset,
      limit,
      items: page.map((batch) => ({ ticket: batch.ticket, status: batch.status })),
    }
  }

  /** Resolves when every queued batch has run (tests), or at once after stop(). */
  async idle(): Promise<void> {
    await Promise.all(this.queues.values())
  }

  stop() {
    this.stopped = true
  }

  restart() {
    this.queues.clear()
    this.stopped = false
  }
}
