import { UpstreamError } from '../../connectors/shared/upstream-error'

/** Plain words for a merchant about an upstream failure; the detail goes to logs and support. */
export function describeUpstreamError(error: unknown, system: string): string {
  if (error instanceof UpstreamError) return error.message

  return `${system} could not be reached. Try again in a minute; if it keeps happening, contact support.`
}
