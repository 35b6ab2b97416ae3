/**
 * X-Series OAuth 2.0 (authorization code) [X8][X10]: the merchant approves the app on
 * GET /connect, is sent back to the app's redirect_uri with ?code=&domain_prefix=&state=, and the
 * app trades the code at POST /api/1.0/token (form-urlencoded) for an access token and a refresh
 * token. Issued access tokens are accepted by the whole API, beside the personal token; they
 * expire, and refreshing hands out a new refresh token while the old one stops working.
 */
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { randomBytes } from 'node:crypto'
import type { DocStore } from '../shared/doc-store'
import type { PosStore } from './pos-store'

export interface OAuthClient {
  clientId: string
  clientSecret: string
  /** What the approval page calls the app. */
  name?: string
}

export const DEMO_OAUTH_CLIENT: OAuthClient = {
  clientId: 'pos-ecom-sync-demo',
  clientSecret: 'demo-pos-client-secret',
  name: 'pos-ecom-sync',
}

/** About a day, as access tokens are reported to live [X8, U]. */
export const DEFAULT_TOKEN_TTL_SECONDS = 86_400
const CODE_TTL_MS = 10 * 60_000

interface AccessRecord {
  token: string
  clientId: string
  expiresAtMs: number
}

interface RefreshRecord {
  token: string
  clientId: string
}

interface PendingCode {
  clientId: string
  redirectUri: string
  expiresAtMs: number
}

export type TokenVerdict = 'valid' | 'expired' | 'unknown'

export interface PosOAuth {
  check(token: string | undefined): TokenVerdict
  /** Every token issued to the app stops working, as when the merchant removes it in Retail POS. */
  revoke(clientId: string): number
}

const ACCESS = 'pos.oauth.access'
const REFRESH = 'pos.oauth.refresh'

const secret = () => randomBytes(30).toString('base64url')

export function installOAuth(
  app: FastifyInstance,
  options: { docs: DocStore; store: PosStore; clients: OAuthClient[]; ttlSeconds: number },
): PosOAuth {
  const { docs, store } = options
  const clients = new Map(options.clients.map((client) => [client.clientId, client]))
  const codes = new Map<string, PendingCode>()

  function issue(clientId: string) {
    const now = Date.now()
    const access: AccessRecord = {
      token: secret(),
      clientId,
      expiresAtMs: now + options.ttlSeconds * 1000,
    }
    const refresh: RefreshRecord = { token: secret(), clientId }
    docs.transaction(() => {
      docs.put(ACCESS, access.token, access)
      docs.put(REFRESH, refresh.token, refresh)
    })

    return {
      access_token: access.token,
      token_type: 'Bearer',
      expires: Math.floor(access.expiresAtMs / 1000),
      expires_in: Math.max(1, Math.ceil(options.ttlSeconds)),
      refresh_token: refresh.token,
      domain_prefix: store.retailer.domain_prefix,
    }
  }

  function revoke(clientId: string) {
    const records = [
      ...docs.all<AccessRecord>(ACCESS).map((record) => [ACCESS, record] as const),
      ...docs.all<RefreshRecord>(REFRESH).map((record) => [REFRESH, record] as const),
    ].filter(([, record]) => record.clientId === clientId)
    docs.transaction(() => {
      for (const [collection, record] of records) docs.remove(collection, record.token)
    })

    return records.length
  }

  void app.register(async (scope) => {
    await scope.register(formbody)

    // Simulator only, bearer-protected: what the merchant does in Retail POS under Setup >
    // Add-ons & integrations when removing the app; the API documents no revoke endpoint.
    scope.post<{ Body: { client_id?: unknown } | undefined }>(
      '/_sim/oauth/revoke',
      async (request, reply) => {
        const clientId = request.body?.client_id
        if (typeof clientId !== 'string' || !clients.has(clientId)) {
          return reply.code(400).send({ error: 'client_id must name a known app' })
        }

        return { revoked: revoke(clientId) }
      },
    )

    scope.get<{ Querystring: Record<string, string | undefined> }>(
      '/connect',
      async (request, reply) => {
        const problem = authorizeProblem(request.query, clients)
        if (problem) return page(reply, 400, errorPage(problem))
        const client = clients.get(request.query.client_id ?? '')

        return page(
          reply,
          200,
          approvalPage(request.query, client?.name ?? client?.clientId ?? '', store.retailer.name),
        )
      },
    )

    scope.post<{ Body: Record<string, string | undefined> }>('/connect', async (request, reply) => {
      const form = request.body ?? {}
      const problem = authorizeProblem(form, clients)
      if (problem) return page(reply, 400, errorPage(problem))
      const target = new URL(form.redirect_uri ?? '')
      if (form.decision === 'allow') {
        const code = secret()
        codes.set(code, {
          clientId: form.client_id ?? '',
          redirectUri: form.redirect_uri ?? '',
          expiresAtMs: Date.now() + CODE_TTL_MS,
        })
        target.searchParams.set('code', code)
        target.searchParams.set('domain_prefix', store.retailer.domain_prefix)
      } else {
        target.searchParams.set('error', 'access_denied')
      }
      if (form.state !== undefined) target.searchParams.set('state', form.state)

      return reply.redirect(target.toString(), 302)
    })

    scope.post<{ Body: Record<string, string | undefined> }>(
      '/api/1.0/token',
      async (request, reply) => {
        const form = request.body ?? {}
        const client = clients.get(form.client_id ?? '')
        if (!client || client.clientSecret !== form.client_secret) {
          return reply.code(401).send({
            error: 'invalid_client',
            error_description: 'Unknown client_id or wrong client_secret',
          })
        }
        if (form.grant_type === 'authorization_code') {
          const pending = codes.get(form.code ?? '')
          codes.delete(form.code ?? '')
          if (
            !pending ||
            pending.expiresAtMs < Date.now() ||
            pending.clientId !== client.clientId
          ) {
            return invalidGrant(reply, 'The code is unknown, used or expired')
          }
          if (pending.redirectUri !== form.redirect_uri) {
            return invalidGrant(reply, 'redirect_uri does not match the one authorized')
          }

          return issue(client.clientId)
        }
        if (form.grant_type === 'refresh_token') {
          const refresh = docs.get<RefreshRecord>(REFRESH, form.refresh_token ?? '')
          if (!refresh || refresh.clientId !== client.clientId) {
            return invalidGrant(reply, 'The refresh token is unknown or was already used')
          }
          // Rotation: the refresh token is spent; the new answer carries the next one.
          docs.remove(REFRESH, refresh.token)

          return issue(client.clientId)
        }

        return reply.code(400).send({
          error: 'unsupported_grant_type',
          error_description: 'grant_type must be authorization_code or refresh_token',
        })
      },
    )
  })

  return {
    revoke,
    check(token) {
      if (!token) return 'unknown'
      const access = docs.get<AccessRecord>(ACCESS, token)
      if (!access) return 'unknown'

      return access.expiresAtMs > Date.now() ? 'valid' : 'expired'
    },
  }
}

function invalidGrant(reply: FastifyReply, description: string) {
  return reply.code(400).send({ error: 'invalid_grant', error_description: description })
}

function authorizeProblem(
  query: Record<string, string | undefined>,
  clients: ReadonlyMap<string, OAuthClient>,
): string | undefined {
  if (query.response_type !== 'code') return 'response_type must be "code".'
  if (!clients.has(query.client_id ?? '')) return 'This app is not known (client_id).'
  try {
    const url = new URL(query.redirect_uri ?? '')
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http')
  } catch {
    return 'redirect_uri must be an http(s) URL.'
  }

  return undefined
}

// The approval page refuses to be framed, as sign-in pages do: an app embedded in another admin
// has to open it in a window of its own.
function page(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('x-frame-options', 'DENY')
    .header('content-security-policy', "frame-ancestors 'none'")
    .type('text/html; charset=utf-8')
    .send(html)
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function layout(title: string, body: string) {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; background: #f4f5f7; margin: 0; }
main { max-width: 28rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-size: 1.25rem; } .actions { display: flex; gap: .75rem; margin-top: 1.5rem; }
button { font-size: 1rem; padding: .5rem 1.25rem; border-radius: 4px; border: 1px solid #888; }
button[value=allow] { background: #1a73e8; color: #fff; border-color: #1a73e8; }
</style></head>
<body><main>${body}</main></body></html>`
}

function approvalPage(query: Record<string, string | undefined>, appName: string, store: string) {
  const hidden = ['response_type', 'client_id', 'redirect_uri', 'state']
    .filter((name) => query[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query[name] ?? '')}">`)
    .join('\n')
  const title = `Allow ${appName} to access ${store}?`

  return layout(
    title,
    `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(appName)} will be able to read and change products, inventory and sales of
${escapeHtml(store)} in Lightspeed Retail.</p>
<form method="post" action="/connect">
${hidden}
<div class="actions">
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
  )
}

function errorPage(problem: string) {
  return layout('Cannot connect', `<h1>Cannot connect this app</h1><p>${escapeHtml(problem)}</p>`)
}
