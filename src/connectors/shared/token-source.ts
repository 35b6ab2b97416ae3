/**
 * Where a client's bearer token comes from: a fixed personal token, or a provider of rotating
 * OAuth tokens that may be refreshed when the upstream refuses the current one.
 */
export interface TokenProvider {
  /** The token to send now. Called before every request, so it must be cheap (cache it). */
  getToken(): Promise<string>
  /**
   * Called once per request when the upstream answers 401 to `refused`. Returns the token to
   * resend the request with, or null to give up with the 401.
   */
  refreshToken?(refused: string): Promise<string | null>
}

/** A fixed token, a provider, or a bare function returning the current token (no refresh). */
export type TokenSource = string | TokenProvider | (() => Promise<string>)

export function toTokenProvider(source: TokenSource): TokenProvider {
  if (typeof source === 'string') return { getToken: () => Promise.resolve(source) }
  if (typeof source === 'function') return { getToken: source }

  return source
}
