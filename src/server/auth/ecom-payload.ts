/**
 * The payload eCom hands an embedded app: url-safe base64 of a 16-byte IV followed by the
 * AES-128-CBC ciphertext of a JSON object, keyed with the first 16 characters of the app's
 * client secret. Decrypting it proves which store opened the app.
 */
import { createDecipheriv } from 'node:crypto'
import { z } from 'zod'

const payloadSchema = z.object({
  store_id: z.coerce.number().int().positive(),
  access_token: z.string().min(1),
  lang: z.string().default('en'),
  view_mode: z.string().optional(),
  public_token: z.string().optional(),
})

export type EcomPayload = z.infer<typeof payloadSchema>

export class InvalidPayloadError extends Error {}

export function decryptEcomPayload(payload: string, clientSecret: string): EcomPayload {
  const bytes = Buffer.from(payload.replaceAll('-', '+').replaceAll('_', '/'), 'base64')
  if (bytes.length < 32 || (bytes.length - 16) % 16 !== 0) {
    throw new InvalidPayloadError('the payload is not one eCom could have sent')
  }
  const key = Buffer.from(clientSecret.slice(0, 16), 'utf8')
  let json: unknown
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, bytes.subarray(0, 16))
    const plain = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()])
    json = JSON.parse(plain.toString('utf8'))
  } catch {
    throw new InvalidPayloadError('the payload could not be decrypted with this app’s secret')
  }
  const parsed = payloadSchema.safeParse(json)
  if (!parsed.success) throw new InvalidPayloadError('the payload lacks the store or its token')

  return parsed.data
}
