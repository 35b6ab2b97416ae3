import type { Logger } from 'pino'

import { type Clock, systemClock } from './clock'
import { type Pacer, type RateLimit, sharedPacer } from './pacer'
import { bodyExcerpt, loggablePath, redactSecrets } from './redact'
import { globalRequestCounter, type RequestCounter } from './request-counter'
import { parseRetryAfter } from './retry-after'
import { type TokenSource, toTokenProvider } from './token-source'
import {
  CONNECTOR_CODES,
  describeStatus,
  SYSTEM_LABEL,
  UpstreamError,
  type UpstreamSystem,
} from './upstream-error'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export type WaitReason = 'rate-limited' | 'pacing' | 'retry'

export interface WaitInfo {
  system: UpstreamSystem
  /** When requests go out again. */
  until: Date
  /** rate-limited: the upstream said 429; pacing: the app holds to the published limit; retry: backoff after a fault. */
  reason: WaitReason
}

export type ConnectorLogger = Pick<Logger, 'debug' | 'warn'>

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[]

export interface UpstreamRequest {
  method: HttpMethod
  /** Path below the base URL, starting with '/'. */
  path: string
  query?: Record<string, QueryValue>
  body?: unknown
  /**
   * Whether sending the request twice has the same effect as once. Defaults to true for GET, PUT
   * and DELETE and false for POST. Only idempotent requests are resent after a 5xx or a timeout.
   */
  idempotent?: boolean
  timeoutMs?: number
  signal?: AbortSignal
}

export interface UpstreamResponse {
  status: number
  headers: Headers
  /** Parsed JSON, or null for an empty body. */
  body: unknown
}

/** What a vendor's error body says, in the connector's terms. */
export interface VendorErrorInfo {
  vendorCode: string | null
  /** The vendor's own sentence, if any (quoted in the merchant message for 4xx refusals). */
  upstreamMessage: string | null
  /** A merchant message for a code the system knows, replacing the generic one. */
  message?: string
  retryable?: boolean
}

export interface RetryPolicy {
  /** Resends after a 5xx or a network fault, for idempotent requests. */
  maxRetries: number
  /** Resends after a 429, for any request (a 429 means nothing was done). */
  maxRateLimitRetries: number
  baseDelayMs: number
  maxDelayMs: number
  /** Waits longer than this after a 429 are cut to it. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  maxRateLimitRetries: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 6 * 60_000,
}

export const DEFAULT_TIMEOUT_MS = 30_000

export interface PacedRequesterOptions {
  system: UpstreamSystem
  /** Absolute base URL; request paths are appended to it. */
  baseUrl: string
  /** A fixed token, or a provider of rotating tokens (refreshed once on a 401). */
  token: TokenSource
  /**
   * What the shared pacer is keyed by besides system and base URL. Defaults to the token when it
   * is fixed; a rotating token keeps one budget per base URL unless this names the account.
   */
  pacerKey?: string
  rateLimit: RateLimit
  /** Reads the vendor's error body. */
  readVendorError: (status: number, body: unknown) => VendorErrorInfo
  timeoutMs?: number
  logger?: ConnectorLogger
  onWait?: (info: WaitInfo) => void
  retry?: Partial<RetryPolicy>
  clock?: Clock
  /** Defaults to the process-wide pacer for this system, base URL and token. */
  pacer?: Pacer
  counter?: RequestCounter
  /** 0 ≤ n < 1; the jitter source. */
  random?: () => number
  fetch?: typeof fetch
}

export interface RequesterStats {
  /** HTTP attempts sent, retries included. */
  requests: number
  retries: number
  rateLimited: number
}

export interface PacedRequester {
  readonly system: UpstreamSystem
  request(req: UpstreamRequest): Promise<UpstreamResponse>
  stats(): RequesterStats
}

/** Network error codes that mean the request never left: safe to resend, even a create. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
])

type Attempt =
  | { kind: 'response'; response: UpstreamResponse; ms: number }
  | { kind: 'timeout'; ms: number; cause: unknown }
  | { kind: 'network'; ms: number; cause: unknown; notSent: boolean }

/**
 * Makes the HTTP client one upstream is called through.
 *
 * - Paces every request to the key's published limit, adapting to `X-RateLimit-*` headers.
 * - On 429 pauses the key for as long as `Retry-After` (seconds or HTTP date; X-Series' JSON
 *   `retry-after` as a fallback) says, announces it through `onWait`, and resends, any method:
 *   a 429 means nothing was done.
 * - On 5xx, timeout or network fault resends idempotent requests (GET, PUT, DELETE) with
 *   exponential backoff and jitter. A POST is never resent after it may have arrived: it fails
 *   with `outcomeUnknown: true`, and the caller looks the item up before creating again.
 * - On 401 with a token provider that can refresh, resends the request once with a fresh token.
 * - Logs each attempt at debug (system, method, path, status, ms); never headers or tokens.
 */
export function createPacedRequester(options: PacedRequesterOptions): PacedRequester {
  const clock = options.clock ?? systemClock
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry }
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const pacer =
    options.pacer ??
    sharedPacer(
      { system: options.system, baseUrl, token: pacerKeyOf(options) },
      options.rateLimit,
      clock,
    )
  const counter = options.counter ?? globalRequestCounter
  const random = options.random ?? Math.random
  // Looked up per call so a fetch patched later (msw in tests) is the one used.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const tokens = toTokenProvider(options.token)
  // Every token sent is kept out of errors and logs, rotated ones too.
  const secrets: string[] = typeof options.token === 'string' ? [options.token] : []
  const remember = (token: string) => {
    if (!secrets.includes(token)) secrets.push(token)
  }
  const label = SYSTEM_LABEL[options.system]
  const stats: RequesterStats = { requests: 0, retries: 0, rateLimited: 0 }

  const announce = (until: Date, reason: WaitReason) => {
    options.onWait?.({ system: options.system, until, reason })
  }

  const backoffMs = (attempt: number) => {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt)

    return Math.round(ceiling / 2 + (random() * ceiling) / 2)
  }

  async function send(req: UpstreamRequest, url: URL, token: string): Promise<Attempt> {
    const timeoutMs = req.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
    }
    const hasBody = req.body !== undefined

    if (hasBody) headers['content-type'] = 'application/json;charset=utf-8'

    const started = performance.now()

    counter.increment(options.system)
    stats.requests += 1

    try {
      const res = await doFetch(url, {
        method: req.method,
        headers,
        body: hasBody ? JSON.stringify(req.body) : undefined,
        signal,
      })
      const text = await res.text()
      const ms = Math.round(performance.now() - started)

      return {
        kind: 'response',
        ms,
        response: { status: res.status, headers: res.headers, body: parseBody(text) },
      }
    } catch (error) {
      const ms = Math.round(performance.now() - started)

      if (req.signal?.aborted) throw error
      if (timeout.aborted) return { kind: 'timeout', ms, cause: error }

      return { kind: 'network', ms, cause: error, notSent: NOT_SENT_CODES.has(errorCode(error)) }
    }
  }

  async function request(req: UpstreamRequest): Promise<UpstreamResponse> {
    const url = buildUrl(baseUrl, req.path, req.query)
    const path = loggablePath(url)
    const idempotent = req.idempotent ?? req.method !== 'POST'
    let faults = 0
    let rateLimits = 0
    let token = await tokens.getToken()
    let refreshed = false

    remember(token)

    for (;;) {
      await pacer.acquire(announce)

      const attempt = await send(req, url, token)
      const status = attempt.kind === 'response' ? attempt.response.status : null

      options.logger?.debug(
        {
          system: options.system,
          method: req.method,
          path,
          status,
          ms: attempt.ms,
          outcome: attempt.kind,
        },
        'upstream call',
      )

      if (attempt.kind === 'response') {
        const { response } = attempt

        pacer.observe(response.headers)

        if (response.status >= 200 && response.status < 300) return response

        // A refused token did nothing upstream, so any request may be resent once with a fresh one.
        if (response.status === 401 && !refreshed && tokens.refreshToken) {
          refreshed = true

          const fresh = await tokens.refreshToken(token)

          if (fresh !== null) {
            token = fresh
            remember(fresh)
            continue
          }
        }

        if (response.status === 429) {
          stats.rateLimited += 1

          const waitMs = rateLimitWaitMs(response, rateLimits)
          const until = new Date(clock.now() + waitMs)

          if (rateLimits >= policy.maxRateLimitRetries) {
            throw failure(req, path, response, { retryAt: until })
          }

          rateLimits += 1
          stats.retries += 1
          pacer.pauseUntil(until.getTime())
          options.logger?.warn(
            { system: options.system, method: req.method, path, status: 429, waitMs },
            'upstream rate limit; waiting',
          )
          continue
        }

        const retryableStatus = response.status >= 500 || response.status === 408

        if (retryableStatus && idempotent && faults < policy.maxRetries) {
          await wait(req, path, faults, response.status)
          faults += 1
          continue
        }

        throw failure(req, path, response, {
          outcomeUnknown: !idempotent && retryableStatus,
        })
      }

      const mayResend = idempotent || (attempt.kind === 'network' && attempt.notSent)

      if (mayResend && faults < policy.maxRetries) {
        await wait(req, path, faults, null)
        faults += 1
        continue
      }

      throw noAnswer(req, path, attempt)
    }
  }

  async function wait(req: UpstreamRequest, path: string, faults: number, status: number | null) {
    const waitMs = backoffMs(faults)

    stats.retries += 1
    options.logger?.warn(
      { system: options.system, method: req.method, path, status, waitMs, attempt: faults + 1 },
      'upstream fault; retrying',
    )
    announce(new Date(clock.now() + waitMs), 'retry')
    await clock.sleep(waitMs)
  }

  function rateLimitWaitMs(response: UpstreamResponse, rateLimits: number): number {
    const now = clock.now()
    const header = response.headers.get('retry-after')
    const bodyValue = isRecord(response.body) ? response.body['retry-after'] : undefined
    const told =
      parseRetryAfter(header, now, response.headers.get('date')) ??
      parseRetryAfter(bodyValue, now, response.headers.get('date'))
    const fallback = Math.min(policy.maxDelayMs, 2000 * 2 ** rateLimits)

    // A Retry-After already past (clock skew, second rounding) still gets a short pause.
    return Math.min(policy.maxRetryAfterMs, Math.max(told ?? fallback, 250))
  }

  function failure(
    req: UpstreamRequest,
    path: string,
    response: UpstreamResponse,
    extra: { outcomeUnknown?: boolean; retryAt?: Date },
  ): UpstreamError {
    const info = options.readVendorError(response.status, response.body)
    const upstreamMessage = info.upstreamMessage
      ? redactSecrets(info.upstreamMessage, secrets)
      : null
    const rateLimited = response.status === 429
    let message = info.message ?? describeStatus(options.system, response.status, upstreamMessage)

    if (extra.outcomeUnknown) {
      message = `${label} had a problem while saving, and may have saved the change anyway`
    }

    return new UpstreamError({
      system: options.system,
      status: response.status,
      vendorCode: info.vendorCode ?? (rateLimited ? CONNECTOR_CODES.rateLimited : null),
      message,
      detail: bodyExcerpt(response.body, secrets),
      retryable:
        info.retryable ?? (rateLimited || response.status >= 500 || response.status === 408),
      outcomeUnknown: extra.outcomeUnknown ?? false,
      retryAt: extra.retryAt ?? null,
      method: req.method,
      path,
    })
  }

  function noAnswer(
    req: UpstreamRequest,
    path: string,
    attempt: Exclude<Attempt, { kind: 'response' }>,
  ): UpstreamError {
    const isWrite = req.method !== 'GET'
    const sent = attempt.kind === 'timeout' || !attempt.notSent
    const outcomeUnknown = isWrite && sent
    const what = attempt.kind === 'timeout' ? 'did not answer in time' : 'could not be reached'
    // What the merchant is told to do depends on where the error lands (an upload's item, the
    // ongoing sync): server/services/upstream-words.ts says it.
    const message = outcomeUnknown
      ? `${label} ${what} while saving, and may have saved the change anyway`
      : `${label} ${what}`
    const causeText = attempt.cause instanceof Error ? attempt.cause.message : String(attempt.cause)

    return new UpstreamError({
      system: options.system,
      status: null,
      vendorCode: attempt.kind === 'timeout' ? CONNECTOR_CODES.timeout : CONNECTOR_CODES.network,
      message,
      detail: redactSecrets(`${causeText} ${errorCode(attempt.cause)}`.trim(), secrets),
      retryable: true,
      outcomeUnknown,
      method: req.method,
      path,
      cause: attempt.cause,
    })
  }

  return {
    system: options.system,
    request,
    stats: () => ({ ...stats }),
  }
}

function pacerKeyOf(options: PacedRequesterOptions): string {
  if (options.pacerKey !== undefined) return options.pacerKey

  return typeof options.token === 'string' ? options.token : 'rotating-token'
}

function buildUrl(baseUrl: string, path: string, query?: Record<string, QueryValue>): URL {
  const url = new URL(`${baseUrl}${path.startsWith('/') ? path : `/${path}`}`)

  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue
    if (Array.isArray(value)) {
      for (const item of value) url.searchParams.append(key, String(item))
    } else {
      url.searchParams.set(key, String(value))
    }
  }

  return url
}

function parseBody(text: string): unknown {
  if (text.trim() === '') return null

  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

function errorCode(error: unknown): string {
  let current: unknown = error

  for (let depth = 0; depth < 4 && current; depth += 1) {
    if (isRecord(current) && typeof current.code === 'string') return current.code
    current = isRecord(current) ? current.cause : undefined
  }

  return ''
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
