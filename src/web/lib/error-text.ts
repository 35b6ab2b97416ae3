import { isApiError } from './api-client'

export const SESSION_EXPIRED_TEXT =
  'Your session has expired. Reopen Listed on Lightspeed Retail from your eCom admin (Catalog > Products).'
export const UNREACHABLE_TITLE = 'The app could not reach its service'

export type ErrorKind = 'session-expired' | 'not-found' | 'unreachable' | 'other'

export function errorKindOf(status: number | undefined): ErrorKind {
  if (status === 401 || status === 403) return 'session-expired'
  if (status === 404) return 'not-found'
  if (status === undefined || status === 0 || status >= 500) return 'unreachable'

  return 'other'
}

/** What a failed action tells the merchant: the BFF's own words, or that it could not be reached. */
export function actionErrorText(error: unknown): string | null {
  if (!error) return null
  if (isApiError(error) && error.status > 0 && error.status < 500) return error.message

  return `${UNREACHABLE_TITLE}. Try again.`
}
