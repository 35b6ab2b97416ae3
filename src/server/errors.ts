/** Errors the BFF answers with on purpose; anything else is a 500 logged once with its stack. */
export class AppError extends Error {
  readonly code: string
  readonly status: number
  readonly details: unknown

  constructor(
    code: string,
    message: string,
    options: { status?: number; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.status = options.status ?? 400
    this.details = options.details
  }
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} was not found.`, { status: 404 })
}

export function unauthorized(): AppError {
  return new AppError(
    'SESSION_EXPIRED',
    'Your session has expired. Reopen Listed on Lightspeed Retail from your eCom admin.',
    { status: 401 },
  )
}

/**
 * A setting of the app (an environment variable) that does not fit the store it meets: the
 * message names the setting and says what the store has, for the merchant or whoever runs the app.
 */
export class SettingError extends Error {
  override readonly name = 'SettingError'
}
