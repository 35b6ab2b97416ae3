/**
 * Connecting a store's own Retail POS over X-Series OAuth, and disconnecting it. The merchant
 * allows the app on Retail POS's page in a window of its own (the page refuses to be framed); the
 * `state` in the round trip is a single-use secret bound to the store and the session that
 * started it, and it alone proves which store the callback belongs to, because that window may
 * not carry the app's cookie (decision 005).
 */
import { createHash, randomBytes } from 'node:crypto'
import { exchangePosCode, posAuthorizeUrl } from '../../connectors/pos/pos-oauth'
import { isUpstreamError } from '../../connectors/shared/upstream-error'
import type { PosConnection, PosConnectionView } from '../../contracts/api'
import { DOMAIN_PREFIX } from '../config'
import {
  findPosConnection,
  insertOAuthState,
  saveConnection,
  saveDisconnected,
  takeOAuthState,
} from '../store/pos-connection-store'
import type { PosConnectionRow } from '../store/schema'
import { findLiveSession } from '../store/session-store'
import type { AppContext } from './context'
import { needsReconnectError, posOAuthApp } from './pos-tokens'

const STATE_TTL_MS = 15 * 60_000
/** X-Series domain prefixes are letters, digits and dashes; anything else never names a host. */
const DOMAIN_PREFIX_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/i

/** How a store reaches Retail POS now; the fingerprint changes when the way does. */
export type PosAccess =
  | { kind: 'oauth'; fingerprint: string; connection: PosConnectionRow }
  | { kind: 'personal'; fingerprint: string; token: string }
  | { kind: 'none'; fingerprint: string }
  | { kind: 'needs_reconnect'; fingerprint: string; connection: PosConnectionRow }

export async function readPosAccess(
  ctx: Pick<AppContext, 'db' | 'config'>,
  storeId: number,
): Promise<PosAccess> {
  const row = await findPosConnection(ctx.db, storeId)

  if (!row) {
    const token = ctx.config.pos.token

    return token
      ? { kind: 'personal', fingerprint: 'personal', token }
      : { kind: 'none', fingerprint: 'none' }
  }
  if (row.status === 'connected') {
    return { kind: 'oauth', fingerprint: `oauth:${row.connected_at}`, connection: row }
  }
  if (row.status === 'needs_reconnect') {
    return { kind: 'needs_reconnect', fingerprint: 'needs_reconnect', connection: row }
  }

  return { kind: 'none', fingerprint: 'none' }
}

/** The API host of a store by its domain prefix (POS_API_URL, its placeholder filled in). */
function posApiUrlFor(ctx: Pick<AppContext, 'config'>, domainPrefix: string): string {
  return ctx.config.pos.apiUrl.replaceAll(DOMAIN_PREFIX, domainPrefix).replace(/\/+$/, '')
}

const hashState = (state: string) => createHash('sha256').update(state).digest('hex')

/** Starts a connect: the URL of Retail POS's page where the merchant allows the app. */
export async function startPosConnect(
  ctx: AppContext,
  session: { storeId: number; sessionId: string },
): Promise<{ authorizeUrl: string }> {
  const state = randomBytes(32).toString('base64url')

  await insertOAuthState(ctx.db, {
    stateHash: hashState(state),
    storeId: session.storeId,
    sessionId: session.sessionId,
    expiresAt: new Date(Date.now() + STATE_TTL_MS).toISOString(),
  })

  return {
    authorizeUrl: posAuthorizeUrl(posOAuthApp(ctx), state, ctx.config.pos.oauth.authorizeUrl),
  }
}

export interface CallbackQuery {
  state?: string | undefined
  code?: string | undefined
  domain_prefix?: string | undefined
  error?: string | undefined
}

export type ConnectOutcome =
  | { kind: 'connected'; storeId: number }
  | { kind: 'denied' | 'refused' | 'failed'; message: string }

const STALE_LINK =
  'This connection link is not valid any more (it was used already, ran out, or belongs to ' +
  'another store). Nothing was changed. Select Connect Retail POS in the app to start again.'

/**
 * Finishes a connect from Retail POS's redirect: takes the state once, then trades the code for
 * the store's tokens at its token endpoint and stores them sealed. Nothing is stored unless every
 * check passes. `cookieStoreId` is the store of the session cookie the window carries, if any.
 */
export async function finishPosConnect(
  ctx: AppContext,
  query: CallbackQuery,
  cookieStoreId: number | null,
): Promise<ConnectOutcome> {
  const taken = query.state ? await takeOAuthState(ctx.db, hashState(query.state)) : undefined
  const isExpired = !taken || taken.expires_at < new Date().toISOString()
  const session = taken && !isExpired ? await findLiveSession(ctx.db, taken.session_id) : undefined

  if (!taken || isExpired || !session || session.store_id !== taken.store_id) {
    return { kind: 'refused', message: STALE_LINK }
  }
  if (cookieStoreId !== null && cookieStoreId !== taken.store_id) {
    return { kind: 'refused', message: STALE_LINK }
  }
  if (query.error) {
    return {
      kind: 'denied',
      message: 'Retail POS was not connected: the app was not allowed. Nothing was changed.',
    }
  }

  const domainPrefix = query.domain_prefix ?? ''
  if (!query.code || !DOMAIN_PREFIX_PATTERN.test(domainPrefix)) {
    return {
      kind: 'failed',
      message:
        'Retail POS sent the app back without a connection it can use. Nothing was changed. ' +
        'Select Connect Retail POS in the app to try again.',
    }
  }

  const apiUrl = posApiUrlFor(ctx, domainPrefix)
  let tokens
  try {
    tokens = await exchangePosCode(
      posOAuthApp(ctx),
      { code: query.code, domainPrefix },
      { host: apiUrl, timeoutMs: ctx.config.upstreamTimeoutMs },
    )
  } catch (error) {
    if (!isUpstreamError(error)) throw error
    ctx.log.warn(
      { storeId: taken.store_id, err: error.toJSON() },
      'Retail POS refused the connection code',
    )

    return {
      kind: 'failed',
      message: `${error.message.replace(/[.\s]+$/, '')}. Nothing was changed.`,
    }
  }

  await saveConnection(
    ctx.db,
    taken.store_id,
    {
      domainPrefix,
      apiUrl,
      accessToken: ctx.box.seal(tokens.accessToken),
      refreshToken: ctx.box.seal(tokens.refreshToken),
      expiresAt: tokens.expiresAt?.toISOString() ?? null,
    },
    taken.session_id,
  )
  ctx.connections.forgetPos(taken.store_id)
  ctx.log.info({ storeId: taken.store_id, domainPrefix }, 'Retail POS connected')

  return { kind: 'connected', storeId: taken.store_id }
}

/**
 * Forgets the store's Retail POS tokens; the personal token, if any, no longer applies to it.
 * LIMITATION: the tokens are forgotten, not revoked: X-Series documents no revoke endpoint, so the
 * app stays listed in Retail POS (Setup > Add-ons) until the merchant removes it there, and the
 * webhooks it subscribed keep coming (hints the app can no longer act on).
 */
export async function disconnectPos(ctx: AppContext, storeId: number): Promise<PosConnection> {
  await saveDisconnected(ctx.db, storeId)
  ctx.connections.forgetPos(storeId)
  ctx.log.info({ storeId }, 'Retail POS disconnected')

  return describePosConnection(ctx, storeId)
}

/** The connection and the Retail POS store it reaches (name, currency, tax mode). */
export async function describePosConnectionView(
  ctx: AppContext,
  storeId: number,
): Promise<PosConnectionView> {
  const store = await ctx.connections.posSettings(storeId).then(
    ({ name, currency, taxExclusive }) => ({ name, currency, taxExclusive }),
    () => null,
  )
  const connection = await describePosConnection(ctx, storeId)

  return { ...connection, store: connection.status === 'connected' ? store : null }
}

/** The store's Retail POS connection as the screens show it; never a token. */
export async function describePosConnection(
  ctx: AppContext,
  storeId: number,
): Promise<PosConnection> {
  const access = await readPosAccess(ctx, storeId)

  if (access.kind === 'oauth') {
    return {
      status: 'connected',
      method: 'oauth',
      domainPrefix: access.connection.domain_prefix,
      connectedAt: access.connection.connected_at,
      message: null,
    }
  }
  if (access.kind === 'personal') {
    return {
      status: 'connected',
      method: 'personal_token',
      domainPrefix: null,
      connectedAt: null,
      message: null,
    }
  }
  if (access.kind === 'needs_reconnect') {
    return {
      status: 'needs_reconnect',
      method: 'oauth',
      domainPrefix: access.connection.domain_prefix,
      connectedAt: null,
      message: `${needsReconnectError().message}.`,
    }
  }

  return {
    status: 'not_connected',
    method: null,
    domainPrefix: null,
    connectedAt: null,
    message: null,
  }
}
