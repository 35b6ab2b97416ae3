/**
 * The connector clients of each store, built once and kept, so that each store's requests are
 * paced together, and the two stores' settings (name, currency, tax mode), cached briefly.
 */
import { createEcomClient } from '../../connectors/ecom/ecom-client'
import { createPosClient } from '../../connectors/pos/pos-client'
import type { WaitInfo } from '../../connectors/shared/paced-requester'
import type { RateLimit } from '../../connectors/shared/pacer'
import { toTokenProvider, type TokenProvider } from '../../connectors/shared/token-source'
import type { ConnectedStore } from '../../contracts/api'
import { isPostgres } from '../store/db'
import { findStore } from '../store/session-store'
import { unauthorized } from '../errors'
import type { AppContext } from './context'
import { readPosAccess } from './pos-connection'
import { createStoredTokenProvider, needsReconnectError, notConnectedError } from './pos-tokens'
import { sharedBudgetPacer } from './shared-pacer'

export type PosClient = ReturnType<typeof createPosClient>
export type EcomClient = ReturnType<typeof createEcomClient>

const SETTINGS_TTL_MS = 30_000
/** How often a kept Retail POS client checks that its store is still connected the same way. */
const ACCESS_CHECK_MS = 5_000
/** The published limits (API-FACTS §1.2, §2.2). */
const ECOM_REQUESTS_PER_MINUTE = 600
const POS_WINDOW_MS = 300_000

export interface StoreSettings extends ConnectedStore {
  /** Decimal places of the currency (eCom's setting; 2 when it does not say). */
  precision: number
}

export interface Connections {
  pos(storeId: number): Promise<PosClient>
  ecom(storeId: number): Promise<EcomClient>
  posSettings(storeId: number): Promise<StoreSettings>
  ecomSettings(storeId: number): Promise<StoreSettings>
  /** Subscribes to the waits (rate limits) of a store's clients. */
  onWait(listener: (storeId: number, info: WaitInfo) => void): void
  /** Drops what is kept for a store's eCom side (its token changed). */
  forget(storeId: number): void
  /** Drops what is kept for a store's Retail POS side (connected, disconnected). */
  forgetPos(storeId: number): void
}

export function createConnections(ctx: Omit<AppContext, 'connections' | 'worker'>): Connections {
  const posClients = new Map<number, { fingerprint: string; client: PosClient }>()
  const ecomClients = new Map<number, EcomClient>()
  const settings = new Map<string, { at: number; value: Promise<StoreSettings> }>()
  const listeners: ((storeId: number, info: WaitInfo) => void)[] = []
  const upstreamLog = ctx.log.child({ component: 'upstream' })

  // Several processes share a PostgreSQL database, and so each store's budget at the APIs.
  function sharedPacing(system: string, baseUrl: string, token: string, rateLimit: RateLimit) {
    if (!isPostgres(ctx.db)) return undefined

    return sharedBudgetPacer(ctx.db, { system, baseUrl, token }, rateLimit, upstreamLog)
  }

  function notify(storeId: number) {
    return (info: WaitInfo) => {
      for (const listener of listeners) listener(storeId, info)
    }
  }

  /**
   * The store's client, built again when the way it reaches Retail POS changed (connected,
   * disconnected, reconnected), here or in another process.
   */
  async function pos(storeId: number) {
    const access = await readPosAccess(ctx, storeId)
    const kept = posClients.get(storeId)
    if (kept?.fingerprint === access.fingerprint) return kept.client
    posClients.delete(storeId)
    if (access.kind === 'none') throw notConnectedError()
    if (access.kind === 'needs_reconnect') throw needsReconnectError()

    const rateLimit = {
      limit: 300 * ctx.config.pos.registers + 50,
      windowMs: POS_WINDOW_MS * ctx.config.rateLimitTimeScale,
    }
    const isOAuth = access.kind === 'oauth'
    const baseUrl = isOAuth ? (access.connection.api_url ?? '') : ctx.config.pos.apiUrl
    const tokens = isOAuth
      ? createStoredTokenProvider(ctx, access.connection)
      : toTokenProvider(access.token)
    // X-Series counts an app's requests per retailer, whichever of its tokens they carry.
    const budgetKey = isOAuth ? `oauth:${ctx.config.pos.oauth.clientId}` : access.token
    const client = createPosClient({
      baseUrl,
      token: guarded(storeId, access.fingerprint, tokens),
      registers: ctx.config.pos.registers,
      rateLimit,
      pacer: sharedPacing('pos', baseUrl, budgetKey, rateLimit),
      timeoutMs: ctx.config.upstreamTimeoutMs,
      logger: upstreamLog,
      onWait: notify(storeId),
    })
    posClients.set(storeId, { fingerprint: access.fingerprint, client })

    return client
  }

  /**
   * A client kept for a long upload learns within seconds that its store was disconnected, even
   * by another process, and then sends nothing more.
   */
  function guarded(storeId: number, fingerprint: string, tokens: TokenProvider): TokenProvider {
    let checkedAt = Date.now()

    return {
      async getToken() {
        if (Date.now() - checkedAt >= ACCESS_CHECK_MS) {
          checkedAt = Date.now()
          const access = await readPosAccess(ctx, storeId)
          if (access.fingerprint !== fingerprint) {
            if (posClients.get(storeId)?.fingerprint === fingerprint) posClients.delete(storeId)
            if (access.kind === 'none') throw notConnectedError()
            if (access.kind === 'needs_reconnect') throw needsReconnectError()
          }
        }

        return tokens.getToken()
      },
      refreshToken: tokens.refreshToken && ((refused) => tokens.refreshToken!(refused)),
    }
  }

  async function ecom(storeId: number) {
    let client = ecomClients.get(storeId)
    if (!client) {
      const store = await findStore(ctx.db, storeId)
      if (!store) throw unauthorized()
      const token = ctx.box.open(store.ecom_token)
      const rateLimit = {
        limit: ECOM_REQUESTS_PER_MINUTE,
        windowMs: 60_000 * ctx.config.rateLimitTimeScale,
      }
      client = createEcomClient({
        baseUrl: ctx.config.ecom.apiUrl,
        storeId,
        token,
        rateLimit,
        pacer: sharedPacing('ecom', ctx.config.ecom.apiUrl, token, rateLimit),
        timeoutMs: ctx.config.upstreamTimeoutMs,
        logger: upstreamLog,
        onWait: notify(storeId),
      })
      ecomClients.set(storeId, client)
    }

    return client
  }

  function cached(key: string, load: () => Promise<StoreSettings>) {
    const hit = settings.get(key)
    if (hit && Date.now() - hit.at < SETTINGS_TTL_MS) return hit.value
    const value = load()
    settings.set(key, { at: Date.now(), value })
    value.catch(() => settings.delete(key))

    return value
  }

  return {
    pos,
    ecom,
    posSettings: (storeId) =>
      cached(`pos:${storeId}`, async () => {
        const retailer = await (await pos(storeId)).getRetailer()

        return {
          name: retailer.name,
          currency: retailer.currencyCode ?? 'unknown',
          taxExclusive: retailer.taxExclusive ?? true,
          precision: 2,
        }
      }),
    ecomSettings: (storeId) =>
      cached(`ecom:${storeId}`, async () => {
        const profile = await (await ecom(storeId)).getProfile()

        return {
          name: profile.storeName || `Store ${storeId}`,
          currency: profile.currency ?? 'unknown',
          taxExclusive: !(profile.pricesIncludeTax ?? false),
          precision: profile.currencyPrecision ?? 2,
        }
      }),
    onWait(listener) {
      listeners.push(listener)
    },
    forget(storeId) {
      ecomClients.delete(storeId)
      settings.delete(`ecom:${storeId}`)
      settings.delete(`pos:${storeId}`)
    },
    forgetPos(storeId) {
      posClients.delete(storeId)
      settings.delete(`pos:${storeId}`)
    },
  }
}
