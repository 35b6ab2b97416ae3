import { isRecord, type VendorErrorInfo } from '../shared/paced-requester'

/** X-Series sends no error codes; these stand in for them, derived from the status. */
const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'RATE_LIMITED',
}

/** Reads an X-Series error body: `{"error": "..."}`, sometimes with `message` or `details`. */
export function readPosError(status: number, body: unknown): VendorErrorInfo {
  const vendorCode = STATUS_CODES[status] ?? (status >= 500 ? 'SERVER_ERROR' : `HTTP_${status}`)
  const parts: string[] = []

  if (isRecord(body)) {
    for (const key of ['error', 'message', 'details'] as const) {
      const value = body[key]

      if (typeof value === 'string' && value.trim() !== '') parts.push(value.trim())
    }
  } else if (typeof body === 'string' && body.trim() !== '' && body.length < 200) {
    parts.push(body.trim())
  }

  return { vendorCode, upstreamMessage: parts.length > 0 ? [...new Set(parts)].join(' — ') : null }
}
