/**
 * Which store a request of /api/v3/{storeId}/... belongs to, proven by its token: a Bearer header
 * or, as in Ecwid's older docs, ?token=. A public_* token may only read enabled products and
 * categories.
 */
import type { FastifyRequest } from 'fastify'
import type { EcomCatalog } from './ecom-catalog'
import { EcwidError, productNotFound } from './ecom-errors'
import { publicTokenFor } from './ecom-payload'
import type { EcomStoreConfig } from './ecom-profile'

export interface StoreContext {
  catalog: EcomCatalog
  config: EcomStoreConfig
  isPublic: boolean
}

export interface StoreEntry {
  catalog: EcomCatalog
  config: EcomStoreConfig
  publicToken: string
}

export function createStoreEntry(catalog: EcomCatalog, config: EcomStoreConfig): StoreEntry {
  return { catalog, config, publicToken: publicTokenFor(config.storeId, config.token) }
}

export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim()
  if (bearer) return bearer
  const query = request.query as Record<string, string | undefined> | undefined

  return query?.token || undefined
}

const contexts = new WeakMap<FastifyRequest, StoreContext>()

export function authenticate(
  request: FastifyRequest,
  stores: ReadonlyMap<number, StoreEntry>,
): StoreContext {
  const rawId = (request.params as { storeId?: string }).storeId ?? ''
  const entry = /^\d+$/.test(rawId) ? stores.get(Number(rawId)) : undefined
  if (!entry) throw new EcwidError(404, 'STORE_NOT_FOUND', `Store ${rawId} not found`)

  const token = tokenOf(request)
  const isPublic = token === entry.publicToken
  if (token !== entry.config.token && !isPublic) {
    throw new EcwidError(403, 'INVALID_API_TOKEN', 'Invalid access token')
  }
  if (isPublic && request.method !== 'GET') {
    throw new EcwidError(403, 'INSUFFICIENT_APP_SCOPE', 'A public token can only read')
  }
  const context = { catalog: entry.catalog, config: entry.config, isPublic }
  contexts.set(request, context)

  return context
}

export function storeOf(request: FastifyRequest): StoreContext {
  const context = contexts.get(request)
  if (!context) throw new EcwidError(403, 'INVALID_API_TOKEN', 'Invalid access token')

  return context
}

/** Ids in paths: anything but a whole number is a product that cannot exist. */
export function idParam(raw: string, notFound: (raw: string) => EcwidError = productNotFound) {
  if (!/^\d+$/.test(raw)) throw notFound(raw)

  return Number(raw)
}
