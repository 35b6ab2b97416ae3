/**
 * A store's Retail POS OAuth tokens as the connector uses them: opened from the database,
 * refreshed ahead of expiry and on a 401, the rotated refresh token stored at once. Several
 * processes may share the database: one claims the refresh, the others wait for its tokens and
 * never spend the refresh token it is spending.
 */
import { randomUUID } from 'node:crypto'
import {
  createPosTokenProvider,
  refreshPosTokens,
  type PosOAuthApp,
  type PosTokenProvider,
  type PosTokens,
} from '../../connectors/pos/pos-oauth'
import { isUpstreamError, UpstreamError } from '../../connectors/shared/upstream-error'
import {
  claimRefresh,
  findPosConnection,
  releaseRefresh,
  saveNeedsReconnect,
  saveRefreshed,
} from '../store/pos-connection-store'
import type { PosConnectionRow } from '../store/schema'
import type { SecretBox } from '../auth/crypto'
import type { AppContext } from './context'

const WAIT_STEP_MS = 100

/** What the token work needs of the app's context. */
type TokenContext = Pick<AppContext, 'db' | 'box' | 'config' | 'log'>

export const NOT_CONNECTED = 'POS_NOT_CONNECTED'
export const NEEDS_RECONNECT = 'POS_NEEDS_RECONNECT'

/** What a store whose Retail POS is not connected is told, wherever it meets the fact. */
export function notConnectedError(): UpstreamError {
  return new UpstreamError({
    system: 'pos',
    status: null,
    vendorCode: NOT_CONNECTED,
    message:
      'Retail POS is not connected to this store: select Connect Retail POS at the top of the app',
    retryable: false,
  })
}

export function needsReconnectError(): UpstreamError {
  return new UpstreamError({
    system: 'pos',
    status: null,
    vendorCode: NEEDS_RECONNECT,
    message:
      'Retail POS no longer accepts the app’s connection (it was removed in Retail POS or ran ' +
      'out): select Reconnect Retail POS at the top of the app and allow the app again',
    retryable: false,
  })
}

/** True for the error of a store whose Retail POS is not connected, or must be reconnected. */
export function isPosNotConnected(error: unknown): error is UpstreamError {
  return (
    isUpstreamError(error) &&
    (error.vendorCode === NOT_CONNECTED || error.vendorCode === NEEDS_RECONNECT)
  )
}

export function posOAuthApp(ctx: Pick<AppContext, 'config'>): PosOAuthApp {
  const { clientId, clientSecret, redirectUri } = ctx.config.pos.oauth

  return { clientId, clientSecret, redirectUri }
}

function openTokens(box: SecretBox, row: PosConnectionRow): PosTokens {
  if (row.status !== 'connected' || !row.access_token || !row.refresh_token) {
    throw row.status === 'needs_reconnect' ? needsReconnectError() : notConnectedError()
  }

  return {
    accessToken: box.open(row.access_token),
    refreshToken: box.open(row.refresh_token),
    expiresAt: row.expires_at ? new Date(row.expires_at) : null,
    domainPrefix: row.domain_prefix ?? '',
  }
}

/** The token provider of a store connected over OAuth, starting from its stored row. */
export function createStoredTokenProvider(
  ctx: TokenContext,
  row: PosConnectionRow,
): PosTokenProvider {
  return createPosTokenProvider({
    app: posOAuthApp(ctx),
    tokens: openTokens(ctx.box, row),
    refresh: (current) => refreshShared(ctx, row.store_id, current),
  })
}

/**
 * New tokens for the store. When the stored refresh token is no longer `current`'s, another
 * process (or a reconnect) already replaced the tokens: those are returned, nothing is spent.
 * Otherwise this process claims the refresh, or waits for the one that holds it.
 */
async function refreshShared(
  ctx: TokenContext,
  storeId: number,
  current: PosTokens,
): Promise<PosTokens> {
  const leaseMs = ctx.config.upstreamTimeoutMs * 2 + 5_000
  const deadline = Date.now() + leaseMs * 2

  for (;;) {
    const row = await findPosConnection(ctx.db, storeId)
    if (!row) throw notConnectedError()
    const stored = openTokens(ctx.box, row)

    if (stored.refreshToken !== current.refreshToken) return stored

    const owner = randomUUID()
    const until = new Date(Date.now() + leaseMs).toISOString()
    if (await claimRefresh(ctx.db, { storeId, version: row.token_version, owner, until })) {
      return refreshClaimed(ctx, row, stored, owner)
    }
    if (Date.now() > deadline) {
      throw new UpstreamError({
        system: 'pos',
        status: null,
        vendorCode: 'TOKEN_REFRESH_BUSY',
        message: 'Retail POS access is being renewed; the app tries again in a moment',
        retryable: true,
      })
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS))
  }
}

async function refreshClaimed(
  ctx: TokenContext,
  row: PosConnectionRow,
  stored: PosTokens,
  owner: string,
): Promise<PosTokens> {
  const storeId = row.store_id
  let fresh: PosTokens

  try {
    fresh = await refreshPosTokens(
      posOAuthApp(ctx),
      { refreshToken: stored.refreshToken, domainPrefix: stored.domainPrefix },
      { host: row.api_url ?? undefined, timeoutMs: ctx.config.upstreamTimeoutMs },
    )
  } catch (error) {
    if (isRefusal(error)) {
      await saveNeedsReconnect(ctx.db, storeId, owner, error.message)
      ctx.log.warn(
        { storeId, domainPrefix: stored.domainPrefix, vendorCode: error.vendorCode },
        'Retail POS refused to refresh the connection; the store must reconnect',
      )
      throw needsReconnectError()
    }
    await releaseRefresh(ctx.db, storeId, owner)
    throw error
  }

  // LIMITATION: a process killed between Retail POS's answer and this write leaves the spent
  // refresh token stored; the next refresh is refused and the merchant reconnects once. Rotating
  // refresh tokens leave no way to store the new one before the old one is spent.
  const saved = await saveRefreshed(ctx.db, storeId, owner, {
    accessToken: ctx.box.seal(fresh.accessToken),
    refreshToken: ctx.box.seal(fresh.refreshToken),
    expiresAt: fresh.expiresAt?.toISOString() ?? null,
  })
  if (saved) return fresh

  // Disconnected or reconnected while the refresh was on its way: the row says what holds now.
  const now = await findPosConnection(ctx.db, storeId)
  if (!now) throw notConnectedError()

  return openTokens(ctx.box, now)
}

/** The token endpoint refused the grant itself: only the merchant allowing the app again helps. */
function isRefusal(error: unknown): error is UpstreamError {
  return (
    isUpstreamError(error) &&
    !error.retryable &&
    error.status !== null &&
    error.status >= 400 &&
    error.status < 500
  )
}
