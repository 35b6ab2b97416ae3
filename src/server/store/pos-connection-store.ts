/**
 * Each store's Retail POS connection and the states of connects in progress. Tokens arrive here
 * sealed and leave sealed: only services/ opens them. New tokens are written in one UPDATE, by
 * the one process that claimed the refresh.
 */
import { nowIso } from './clock'
import type { Db } from './db'
import type { PosConnectionRow } from './schema'

export interface SealedTokens {
  domainPrefix: string
  apiUrl: string
  accessToken: string
  refreshToken: string
  expiresAt: string | null
}

export async function findPosConnection(
  db: Db,
  storeId: number,
): Promise<PosConnectionRow | undefined> {
  return db
    .selectFrom('pos_connections')
    .selectAll()
    .where('store_id', '=', storeId)
    .executeTakeFirst()
}

/** The store's tokens from a connect: a new connection, or a reconnect replacing the old one. */
export async function saveConnection(
  db: Db,
  storeId: number,
  tokens: SealedTokens,
  connectedBy: string,
) {
  const now = nowIso()
  const values = {
    status: 'connected' as const,
    domain_prefix: tokens.domainPrefix,
    api_url: tokens.apiUrl,
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expires_at: tokens.expiresAt,
    refresh_owner: null,
    refresh_until: null,
    problem: null,
    connected_by: connectedBy,
    connected_at: now,
    updated_at: now,
  }

  await db
    .insertInto('pos_connections')
    .values({ store_id: storeId, token_version: 0, ...values })
    .onConflict((oc) =>
      oc.column('store_id').doUpdateSet((eb) => ({
        ...values,
        token_version: eb('pos_connections.token_version', '+', 1),
      })),
    )
    .execute()
}

/** Forgets the store's tokens; the personal token no longer applies to it either. */
export async function saveDisconnected(db: Db, storeId: number) {
  const now = nowIso()
  const values = {
    status: 'disconnected' as const,
    access_token: null,
    refresh_token: null,
    expires_at: null,
    refresh_owner: null,
    refresh_until: null,
    problem: null,
    connected_by: null,
    connected_at: null,
    updated_at: now,
  }

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pos_connections')
      .values({ store_id: storeId, token_version: 0, ...values })
      .onConflict((oc) =>
        oc.column('store_id').doUpdateSet((eb) => ({
          ...values,
          token_version: eb('pos_connections.token_version', '+', 1),
        })),
      )
      .execute()
    await trx.deleteFrom('pos_oauth_states').where('store_id', '=', storeId).execute()
  })
}

/**
 * Claims the refresh of the tokens at `version` for `owner` until `until`; false when another
 * process holds it or the tokens already changed.
 */
export async function claimRefresh(
  db: Db,
  claim: { storeId: number; version: number; owner: string; until: string },
): Promise<boolean> {
  const now = nowIso()
  const result = await db
    .updateTable('pos_connections')
    .set({ refresh_owner: claim.owner, refresh_until: claim.until })
    .where('store_id', '=', claim.storeId)
    .where('status', '=', 'connected')
    .where('token_version', '=', claim.version)
    .where((eb) => eb.or([eb('refresh_until', 'is', null), eb('refresh_until', '<', now)]))
    .executeTakeFirst()

  return Number(result.numUpdatedRows) > 0
}

/** Stores the refreshed tokens, if `owner` still holds the refresh; true when they landed. */
export async function saveRefreshed(
  db: Db,
  storeId: number,
  owner: string,
  tokens: Pick<SealedTokens, 'accessToken' | 'refreshToken' | 'expiresAt'>,
): Promise<boolean> {
  const result = await db
    .updateTable('pos_connections')
    .set((eb) => ({
      access_token: tokens.accessToken,
      refresh_token: tokens.refreshToken,
      expires_at: tokens.expiresAt,
      token_version: eb('token_version', '+', 1),
      refresh_owner: null,
      refresh_until: null,
      updated_at: nowIso(),
    }))
    .where('store_id', '=', storeId)
    .where('status', '=', 'connected')
    .where('refresh_owner', '=', owner)
    .executeTakeFirst()

  return Number(result.numUpdatedRows) > 0
}

export async function releaseRefresh(db: Db, storeId: number, owner: string) {
  await db
    .updateTable('pos_connections')
    .set({ refresh_owner: null, refresh_until: null })
    .where('store_id', '=', storeId)
    .where('refresh_owner', '=', owner)
    .execute()
}

/** Retail POS refused the refresh: the tokens are useless, only the merchant can reconnect. */
export async function saveNeedsReconnect(db: Db, storeId: number, owner: string, problem: string) {
  await db
    .updateTable('pos_connections')
    .set((eb) => ({
      status: 'needs_reconnect' as const,
      access_token: null,
      refresh_token: null,
      expires_at: null,
      token_version: eb('token_version', '+', 1),
      refresh_owner: null,
      refresh_until: null,
      problem,
      updated_at: nowIso(),
    }))
    .where('store_id', '=', storeId)
    .where('refresh_owner', '=', owner)
    .execute()
}

export async function insertOAuthState(
  db: Db,
  state: { stateHash: string; storeId: number; sessionId: string; expiresAt: string },
) {
  const now = nowIso()

  await db.deleteFrom('pos_oauth_states').where('expires_at', '<', now).execute()
  await db
    .insertInto('pos_oauth_states')
    .values({
      state_hash: state.stateHash,
      store_id: state.storeId,
      session_id: state.sessionId,
      created_at: now,
      expires_at: state.expiresAt,
    })
    .execute()
}

/** Takes a state once: the row is gone after the first caller, whether it had expired or not. */
export async function takeOAuthState(db: Db, stateHash: string) {
  return db
    .deleteFrom('pos_oauth_states')
    .where('state_hash', '=', stateHash)
    .returning(['store_id', 'session_id', 'expires_at'])
    .executeTakeFirst()
}

/** How many stores have a Retail POS connection of their own that works now. */
export async function countConnectedStores(db: Db): Promise<number> {
  const row = await db
    .selectFrom('pos_connections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'connected')
    .executeTakeFirstOrThrow()

  return Number(row.n)
}
