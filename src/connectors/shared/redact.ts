const REDACTED = '[redacted]'

const SECRET_PATTERNS: RegExp[] = [
  /\b(?:secret|public)_[A-Za-z0-9]+/g,
  /\bBearer\s+[^\s"',;]+/gi,
  /\b((?:access_)?token|secret|password|api_?key|signature)=([^&\s"']+)/gi,
]

const SECRET_QUERY_KEYS = /token|secret|password|api_?key|signature|payload/i

/**
 * Removes the given secrets, and anything shaped like an Ecwid or bearer token, from text that
 * may reach a log or a support screen.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text

  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED)
  }

  for (const pattern of SECRET_PATTERNS) {
    out = out.replace(pattern, (match, key?: string) =>
      typeof key === 'string' && match.includes('=') ? `${key}=${REDACTED}` : REDACTED,
    )
  }

  return out
}

/** The path and query of a URL as it may be logged: secret-looking query values blanked. */
export function loggablePath(url: URL): string {
  const params = new URLSearchParams(url.search)

  for (const key of [...params.keys()]) {
    if (SECRET_QUERY_KEYS.test(key)) params.set(key, REDACTED)
  }

  const query = params.toString()

  return query ? `${url.pathname}?${query}` : url.pathname
}

/** A short excerpt of an upstream body for support: secrets removed, at most `max` characters. */
export function bodyExcerpt(body: unknown, secrets: readonly string[], max = 500): string | null {
  if (body === undefined || body === null || body === '') return null

  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const clean = redactSecrets(text, secrets)

  return clean.length > max ? `${clean.slice(0, max)}…` : clean
}
