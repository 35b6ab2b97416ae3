/**
 * Sessions made from eCom's payload. The browser holds a random secret in an httpOnly cookie
 * (or sends it as a bearer token); the database holds only its hash, so a leaked database
 * opens no session.
 */
import { createHash, randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Db } from '../store/db'
import { findLiveSession, insertSession, upsertStore } from '../store/session-store'
import { unauthorized } from '../errors'
import type { SecretBox } from './crypto'
import type { EcomPayload } from './ecom-payload'

export const SESSION_COOKIE = 'lls_session'
const SESSION_TTL_MS = 12 * 60 * 60 * 1000

function hashSecret(secret: string) {
  return createHash('sha256').update(secret).digest('hex')
}

export async function openSession(db: Db, box: SecretBox, payload: EcomPayload) {
  await upsertStore(db, {
    storeId: payload.store_id,
    sealedToken: box.seal(payload.access_token),
    lang: payload.lang,
  })
  const secret = randomBytes(32).toString('base64url')
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS)
  await insertSession(db, {
    id: hashSecret(secret),
    storeId: payload.store_id,
    expiresAt: expiresAt.toISOString(),
  })

  return { secret, expiresAt }
}

export function setSessionCookie(
  reply: FastifyReply,
  secret: string,
  expiresAt: Date,
  secure: boolean,
) {
  // Inside the eCom admin's iframe the app is a third party: only SameSite=None cookies reach it,
  // and browsers accept those only when Secure. Plain-http local runs are same-site, so Lax works.
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    path: '/',
    expires: expiresAt,
    sameSite: secure ? 'none' : 'lax',
    secure,
    partitioned: secure,
  })
}

/** The store a request belongs to, proven by its session; 401 otherwise. */
export async function requireStore(db: Db, request: FastifyRequest): Promise<number> {
  return (await requireSession(db, request)).storeId
}

/** The request's live session (its id is the secret's hash) and store; 401 otherwise. */
export async function requireSession(db: Db, request: FastifyRequest) {
  const session = await findSession(db, request)
  if (!session) throw unauthorized()

  return { storeId: session.store_id, sessionId: session.id }
}

/** The store of the request's live session, or null when it has none. */
export async function optionalStore(db: Db, request: FastifyRequest): Promise<number | null> {
  return (await findSession(db, request))?.store_id ?? null
}

async function findSession(db: Db, request: FastifyRequest) {
  const header = request.headers.authorization
  const secret =
    request.cookies[SESSION_COOKIE] ??
    (header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined)

  return secret ? findLiveSession(db, hashSecret(secret)) : undefined
}
