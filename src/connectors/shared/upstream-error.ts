export type UpstreamSystem = 'pos' | 'ecom'

/** How each system is named to a merchant. */
export const SYSTEM_LABEL: Record<UpstreamSystem, string> = {
  pos: 'Retail POS',
  ecom: 'eCom',
}

/** Codes the connectors use when the upstream gave none of its own. */
export const CONNECTOR_CODES = {
  timeout: 'TIMEOUT',
  network: 'NETWORK_ERROR',
  unexpectedResponse: 'UNEXPECTED_RESPONSE',
  cursorStuck: 'CURSOR_STUCK',
  rateLimited: 'RATE_LIMITED',
  batchIncomplete: 'BATCH_INCOMPLETE',
} as const

export interface UpstreamErrorInit {
  system: UpstreamSystem
  /** HTTP status, or null when no response came back (network fault, timeout). */
  status: number | null
  /** The vendor's error code (SKU_ALREADY_EXISTS, INVALID_API_TOKEN, …) or one of CONNECTOR_CODES. */
  vendorCode: string | null
  /** Plain words a merchant can read and act on. */
  message: string
  /** An excerpt of what the upstream answered, for support. Never carries a token. */
  detail?: string | null
  /** Whether trying the same call again later may succeed. */
  retryable: boolean
  /**
   * True when a write was sent but no answer came back (timeout, dropped connection, 5xx on a
   * create): the write may have happened. Look the item up before writing it again.
   */
  outcomeUnknown?: boolean
  /** When the upstream said it will accept calls again (rate limits). */
  retryAt?: Date | null
  method?: string
  path?: string
  cause?: unknown
}

/** The one error the connectors throw for anything that went wrong talking to an upstream API. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError'
  readonly system: UpstreamSystem
  readonly status: number | null
  readonly vendorCode: string | null
  readonly detail: string | null
  readonly retryable: boolean
  readonly outcomeUnknown: boolean
  readonly retryAt: Date | null
  readonly method: string | null
  readonly path: string | null

  constructor(init: UpstreamErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.system = init.system
    this.status = init.status
    this.vendorCode = init.vendorCode
    this.detail = init.detail ?? null
    this.retryable = init.retryable
    this.outcomeUnknown = init.outcomeUnknown ?? false
    this.retryAt = init.retryAt ?? null
    this.method = init.method ?? null
    this.path = init.path ?? null
  }

  /** A plain object for logs and the BFF's item records (no stack, no cause). */
  toJSON() {
    return {
      name: this.name,
      system: this.system,
      status: this.status,
      vendorCode: this.vendorCode,
      message: this.message,
      detail: this.detail,
      retryable: this.retryable,
      outcomeUnknown: this.outcomeUnknown,
      retryAt: this.retryAt?.toISOString() ?? null,
      method: this.method,
      path: this.path,
    }
  }
}

export function isUpstreamError(error: unknown): error is UpstreamError {
  return error instanceof UpstreamError
}

/** True when the error is the upstream saying the item does not exist (HTTP 404). */
export function isNotFound(error: unknown): boolean {
  return isUpstreamError(error) && error.status === 404
}

/**
 * Plain words for a failed call when the vendor gave no code we know: what happened, said from
 * the merchant's side. `upstreamMessage` is the vendor's own sentence, quoted for 4xx refusals.
 */
export function describeStatus(
  system: UpstreamSystem,
  status: number,
  upstreamMessage: string | null,
): string {
  const label = SYSTEM_LABEL[system]
  const quoted = upstreamMessage ? `: ${upstreamMessage}` : ''

  if (status === 401) return `${label} did not accept the app's access; reconnect ${label}`
  if (status === 403) return `${label} did not allow this action for the app${quoted}`
  if (status === 402) return `${label}'s current plan does not allow this${quoted}`
  if (status === 404) return `${label} could not find the item${quoted}`
  if (status === 408) return `${label} took too long to process the request`
  if (status === 409)
    return `${label} refused the change because it conflicts with existing data${quoted}`
  if (status === 413) return `${label} refused the file because it is too large`
  if (status === 415 || status === 422 || status === 400)
    return `${label} refused the data${quoted}`
  if (status === 429) return `${label} asked the app to slow down (rate limit)`
  if (status >= 500) return `${label} had a problem on its side`

  // The status itself is in the error's detail for support; it means nothing to a merchant.
  return `${label} answered in a way the app did not expect${quoted}`
}
