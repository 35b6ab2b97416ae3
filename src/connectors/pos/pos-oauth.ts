/**
 * Retail POS (X-Series) OAuth 2.0, authorization code flow [X8][X10]: the merchant allows the app
 * at `{authorizeBase}/connect`, X-Series redirects back with `code` and `domain_prefix`, and the
 * app exchanges the code, later the refresh token, at `POST {host}/api/1.0/token`.
 */
import { z } from 'zod'

import { type Clock, systemClock } from '../shared/clock'
import { isRecord } from '../shared/paced-requester'
import { bodyExcerpt } from '../shared/redact'
import { CONNECTOR_CODES, describeStatus, UpstreamError } from '../shared/upstream-error'
import type { TokenProvider } from '../shared/token-source'

export const POS_AUTHORIZE_BASE = 'https://secure.retail.lightspeed.app'

/** The app as registered with Lightspeed. */
export interface PosOAuthApp {
  clientId: string
  clientSecret: string
  redirectUri: string
}

export interface PosTokens {
  accessToken: string
  refreshToken: string
  /** When the access token stops working; null when the answer did not say. */
  expiresAt: Date | null
  /** The store's domain prefix: its API lives at https://{domainPrefix}.retail.lightspeed.app. */
  domainPrefix: string
}

export interface PosTokenRequestOptions {
  /** The store's host; defaults to https://{domainPrefix}.retail.lightspeed.app. */
  host?: string
  timeoutMs?: number
  clock?: Clock
  fetch?: typeof fetch
}

const TOKEN_PATH = '/api/1.0/token'
const DEFAULT_TIMEOUT_MS = 15_000

const tokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  refresh_token: z.string().nullish(),
  /** Unix seconds. */
  expires: z.number().nullish(),
  expires_in: z.number().nullish(),
  domain_prefix: z.string().nullish(),
})

/** The store's API host for a domain prefix. */
export function posStoreHost(domainPrefix: string): string {
  return `https://${encodeURIComponent(domainPrefix)}.retail.lightspeed.app`
}

/** Where to send the merchant to allow the app; `state` comes back unchanged on the redirect. */
export function posAuthorizeUrl(
  app: Pick<PosOAuthApp, 'clientId' | 'redirectUri'>,
  state: string,
  authorizeBase = POS_AUTHORIZE_BASE,
): string {
  const url = new URL('/connect', authorizeBase.replace(/\/+$/, ''))

  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', app.clientId)
  url.searchParams.set('redirect_uri', app.redirectUri)
  url.searchParams.set('state', state)

  return url.toString()
}

/** Exchanges the code from the redirect for the store's first tokens. */
export function exchangePosCode(
  app: PosOAuthApp,
  grant: { code: string; domainPrefix: string },
  options: PosTokenRequestOptions = {},
): Promise<PosTokens> {
  return requestTokens(
    app,
    grant.domainPrefix,
    {
      grant_type: 'authorization_code',
      code: grant.code,
      redirect_uri: app.redirectUri,
    },
    null,
    options,
  )
}

/**
 * Trades a refresh token for new tokens. Refresh tokens may rotate: keep the one returned (the
 * old one is kept when the answer has none). Not resent after a timeout: a rotated refresh
 * token may already be spent, so the caller decides (usually: ask the merchant to reconnect).
 */
export function refreshPosTokens(
  app: PosOAuthApp,
  grant: { refreshToken: string; domainPrefix: string },
  options: PosTokenRequestOptions = {},
): Promise<PosTokens> {
  return requestTokens(
    app,
    grant.domainPrefix,
    {
      grant_type: 'refresh_token',
      refresh_token: grant.refreshToken,
      redirect_uri: app.redirectUri,
    },
    grant.refreshToken,
    options,
  )
}

async function requestTokens(
  app: PosOAuthApp,
  domainPrefix: string,
  fields: Record<string, string>,
  previousRefresh: string | null,
  options: PosTokenRequestOptions,
): Promise<PosTokens> {
  const clock = options.clock ?? systemClock
  const host = (options.host ?? posStoreHost(domainPrefix)).replace(/\/+$/, '')
  const secrets = [app.clientSecret, ...Object.values(fields)].filter((s) => s.length >= 4)
  const form = new URLSearchParams({
    ...fields,
    client_id: app.clientId,
    client_secret: app.clientSecret,
  })
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  let res: Response
  let body: unknown

  try {
    res = await doFetch(`${host}${TOKEN_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    })
    body = parseJson(await res.text())
  } catch (error) {
    throw new UpstreamError({
      system: 'pos',
      status: null,
      vendorCode: CONNECTOR_CODES.network,
      message: 'Retail POS could not be reached to connect the app; try again',
      detail: bodyExcerpt(error instanceof Error ? error.message : String(error), secrets),
      retryable: true,
      outcomeUnknown: fields.grant_type === 'refresh_token',
      method: 'POST',
      path: TOKEN_PATH,
      cause: error,
    })
  }

  if (!res.ok) throw tokenError(res.status, body, secrets)

  const parsed = tokenResponseSchema.safeParse(body)

  if (!parsed.success) {
    throw new UpstreamError({
      system: 'pos',
      status: res.status,
      vendorCode: CONNECTOR_CODES.unexpectedResponse,
      message: 'Retail POS sent tokens in a form the app cannot read',
      detail: bodyExcerpt(body, secrets),
      retryable: false,
      method: 'POST',
      path: TOKEN_PATH,
    })
  }

  const data = parsed.data
  const refreshToken = data.refresh_token ?? previousRefresh

  if (!refreshToken) {
    throw new UpstreamError({
      system: 'pos',
      status: res.status,
      vendorCode: CONNECTOR_CODES.unexpectedResponse,
      message: 'Retail POS sent no refresh token; reconnect Retail POS',
      detail: null,
      retryable: false,
      method: 'POST',
      path: TOKEN_PATH,
    })
  }

  return {
    accessToken: data.access_token,
    refreshToken,
    expiresAt: expiryOf(data, clock.now()),
    domainPrefix: data.domain_prefix || domainPrefix,
  }
}

function expiryOf(data: z.infer<typeof tokenResponseSchema>, nowMs: number): Date | null {
  if (typeof data.expires === 'number' && data.expires > 0) return new Date(data.expires * 1000)
  if (typeof data.expires_in === 'number' && data.expires_in > 0) {
    return new Date(nowMs + data.expires_in * 1000)
  }

  return null
}

function tokenError(status: number, body: unknown, secrets: string[]): UpstreamError {
  const code = isRecord(body) && typeof body.error === 'string' ? body.error : `HTTP_${status}`
  // OAuth says 400 invalid_grant for a spent or revoked code or refresh token: only the
  // merchant allowing the app again fixes that.
  const refused = status === 401 || code === 'invalid_grant' || code === 'invalid_client'

  return new UpstreamError({
    system: 'pos',
    status,
    vendorCode: code,
    message: refused
      ? 'Retail POS did not accept the app’s connection; reconnect Retail POS'
      : describeStatus('pos', status, null),
    detail: bodyExcerpt(body, secrets),
    retryable: status === 429 || status >= 500,
    method: 'POST',
    path: TOKEN_PATH,
  })
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return null

  try {
    return JSON.parse(text) as unknown
  } catch {
    return text
  }
}

export interface PosTokenProviderOptions extends PosTokenRequestOptions {
  app: PosOAuthApp
  tokens: PosTokens
  /** Called with every new set of tokens, to store them (refresh tokens may rotate). */
  onTokens?: (tokens: PosTokens) => void | Promise<void>
  /** Refresh this long before `expiresAt`. Default one minute. */
  refreshBeforeMs?: number
  /**
   * How new tokens are got; by default the token endpoint with the current refresh token. A
   * caller whose tokens other processes share passes its own, which may hand back the tokens
   * another process already refreshed instead of spending a rotated refresh token again.
   */
  refresh?: (current: PosTokens) => Promise<PosTokens>
}

export type PosTokenProvider = TokenProvider & {
  /** The tokens in use now. */
  current(): PosTokens
}

/**
 * A token provider for createPosClient over one store's OAuth tokens: refreshes ahead of expiry
 * and when the API refuses the current token. Concurrent callers share one refresh, so a
 * rotating refresh token is never spent twice.
 */
export function createPosTokenProvider(options: PosTokenProviderOptions): PosTokenProvider {
  const clock = options.clock ?? systemClock
  const early = options.refreshBeforeMs ?? 60_000
  const renew =
    options.refresh ??
    ((current: PosTokens) =>
      refreshPosTokens(
        options.app,
        { refreshToken: current.refreshToken, domainPrefix: current.domainPrefix },
        options,
      ))
  let tokens = options.tokens
  let refreshing: Promise<PosTokens> | null = null

  function refresh(): Promise<PosTokens> {
    refreshing ??= renew(tokens)
      .then(async (fresh) => {
        tokens = fresh
        await options.onTokens?.(fresh)

        return fresh
      })
      .finally(() => {
        refreshing = null
      })

    return refreshing
  }

  return {
    current: () => tokens,
    async getToken() {
      if (refreshing) return (await refreshing).accessToken

      const expiresAt = tokens.expiresAt?.getTime()

      if (expiresAt !== undefined && clock.now() >= expiresAt - early) {
        return (await refresh()).accessToken
      }

      return tokens.accessToken
    },
    async refreshToken(refused) {
      // Another request already refreshed: use its token instead of spending the new refresh token.
      if (refused !== tokens.accessToken) return tokens.accessToken

      return (await refresh()).accessToken
    },
  }
}
