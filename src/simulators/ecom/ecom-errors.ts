/** Ecwid's error answer: the status carries the meaning, the body is {errorMessage, errorCode}. */
export class EcwidError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message)
  }

  toBody() {
    return { errorMessage: this.message, errorCode: this.errorCode }
  }
}

export function wrongParameter(name: string, value?: unknown): EcwidError {
  const shown = value === undefined ? '' : ` value '${String(value)}'`

  return new EcwidError(400, 'WRONG_PARAMETER', `Wrong parameter '${name}'${shown}`)
}

export function productNotFound(id: number | string): EcwidError {
  return new EcwidError(404, 'PRODUCT_NOT_FOUND', `Product #${id} not found`)
}

export function combinationNotFound(id: number | string): EcwidError {
  return new EcwidError(404, 'COMBINATION_NOT_FOUND', `Combination #${id} not found`)
}

export function categoriesNotFound(ids: readonly number[]): EcwidError {
  return new EcwidError(404, 'CATEGORIES_NOT_FOUND', `Categories not found: ${ids.join(', ')}`)
}

export function skuAlreadyExists(sku: string): EcwidError {
  return new EcwidError(409, 'SKU_ALREADY_EXISTS', `SKU '${sku}' already exists in this store`)
}

/** The body Ecwid sends with a status it chose, for faults and for errors we did not raise. */
export function errorBodyForStatus(status: number) {
  if (status === 429) {
    return { errorMessage: 'Too many requests, try again later', errorCode: 'RATE_LIMITED' }
  }
  if (status >= 500) return { errorMessage: 'Internal server error', errorCode: 'INTERNAL_ERROR' }

  return { errorMessage: `Request failed with status ${status}` }
}
