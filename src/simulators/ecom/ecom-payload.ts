/**
 * The payload eCom hands an embedded app in its iframe URL: url-safe base64 (no padding) of a
 * random 16-byte IV followed by AES-128-CBC ciphertext (PKCS7) of the JSON, keyed with the first
 * 16 characters of the app's client secret. The product decrypts it with its own code; this file
 * stands for eCom and is never imported by the product.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto'

export interface AppPayload {
  store_id: number
  access_token: string
  public_token: string
  lang: string
  view_mode: 'PAGE' | 'POPUP' | 'INLINE'
}

export const MIN_CLIENT_SECRET_LENGTH = 16

export function encryptPayload(payload: AppPayload, clientSecret: string): string {
  if (clientSecret.length < MIN_CLIENT_SECRET_LENGTH) {
    throw new Error(`clientSecret must have at least ${MIN_CLIENT_SECRET_LENGTH} characters`)
  }
  const key = Buffer.from(clientSecret.slice(0, MIN_CLIENT_SECRET_LENGTH), 'utf8')
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-128-cbc', key, iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()])

  return Buffer.concat([iv, body]).toString('base64url')
}

/** A read-only token per store, stable across restarts, as Ecwid's public_* tokens are. */
export function publicTokenFor(storeId: number, token: string): string {
  const digest = createHash('sha256').update(`${storeId}:${token}`).digest('hex')

  return `public_${digest.slice(0, 32)}`
}
