import type { z } from 'zod'

import { CONNECTOR_CODES, SYSTEM_LABEL, UpstreamError, type UpstreamSystem } from './upstream-error'

/**
 * Checks an upstream body against a (lenient) schema. A body the app cannot read is an
 * UpstreamError that names where it broke, not a crash deeper in the sync.
 */
export function parseUpstream<T>(
  system: UpstreamSystem,
  schema: z.ZodType<T>,
  body: unknown,
  what: string,
  status: number | null = null,
): T {
  const result = schema.safeParse(body)

  if (result.success) return result.data

  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ')

  throw new UpstreamError({
    system,
    status,
    vendorCode: CONNECTOR_CODES.unexpectedResponse,
    message: `${SYSTEM_LABEL[system]} sent ${what} in a form the app cannot read`,
    detail: issues,
    retryable: false,
  })
}
