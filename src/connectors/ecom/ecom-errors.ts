import { isRecord, type VendorErrorInfo } from '../shared/paced-requester'

/** Merchant words for the Ecwid error codes that matter to a catalog sync. */
const CODE_MESSAGES: Record<string, { message: string; retryable?: boolean }> = {
  SKU_ALREADY_EXISTS: { message: 'eCom refused the SKU because another product already uses it' },
  EXTERNAL_ID_ALREADY_USED: {
    message: 'eCom refused the product because another product already carries its reference',
  },
  COMBINATION_LIMIT_PER_REQUEST_EXCEEDED: {
    message: 'eCom accepts at most 200 variants for a product in one request',
  },
  MAX_PRODUCTS_FOR_API_REQUEST_LIMIT_EXCEEDED: {
    message: 'eCom accepts at most 100 products in one request',
  },
  MAX_CATEGORIES_FOR_API_REQUEST_LIMIT_EXCEEDED: {
    message: 'eCom accepts at most 100 categories in one request',
  },
  INVALID_API_TOKEN: {
    message: "eCom did not accept the app's access; reopen the app from the eCom control panel",
  },
  INSUFFICIENT_APP_SCOPE: {
    message: 'The app lacks an eCom permission it needs; reinstall the app to grant it',
  },
  NOT_AVAILABLE_ON_CURRENT_PLAN: {
    message: "eCom's current plan for this store does not allow this",
  },
  STORE_IS_SUSPENDED: { message: 'The eCom store is suspended' },
  STORE_NOT_FOUND: { message: 'eCom could not find the store' },
  PRODUCT_NOT_FOUND: { message: 'eCom could not find the product' },
  COMBINATION_NOT_FOUND: { message: 'eCom could not find the variant' },
  CATEGORIES_NOT_FOUND: { message: 'eCom could not find a category the product refers to' },
  INCORRECT_IMAGE_SIZE: { message: 'eCom refused the image because it is larger than 20 MB' },
  WRONG_URL: { message: 'eCom could not fetch the image from its address' },
  COST_PRICE_CANT_BE_NEGATIVE: { message: 'eCom refused a negative cost price' },
  TIMEOUT: { message: 'eCom took too long to process the request', retryable: true },
  INTERNAL_ERROR: {
    message: 'eCom had a problem on its side',
    retryable: true,
  },
}

/**
 * Reads an Ecwid error body: `{"errorMessage": "...", "errorCode": "SKU_ALREADY_EXISTS"}`, where
 * the code is optional and one old batch error used `error_message`.
 */
export function readEcomError(status: number, body: unknown): VendorErrorInfo {
  const record = isRecord(body) ? body : {}
  const code = firstString(record.errorCode, record.error_code)
  const upstreamMessage =
    firstString(record.errorMessage, record.error_message, record.message) ??
    (typeof body === 'string' && body.length < 200 ? body.trim() || null : null)
  const known = code ? CODE_MESSAGES[code] : undefined
  const vendorCode = code ?? (status === 429 ? 'RATE_LIMITED' : null)

  if (!known) return { vendorCode, upstreamMessage }

  return {
    vendorCode,
    upstreamMessage,
    message: known.message,
    retryable: known.retryable ?? false,
  }
}

function firstString(...values: unknown[]): string | null {
  for (const value of values) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }

  return null
}
