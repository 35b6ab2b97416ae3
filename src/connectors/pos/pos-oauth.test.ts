import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'

import { createFakeClock } from '../shared/clock'
import { Pacer } from '../shared/pacer'
import { UpstreamError } from '../shared/upstream-error'
import { createPosClient } from './pos-client'
import {
  createPosTokenProvider,
  exchangePosCode,
  posAuthorizeUrl,
  type PosTokens,
  refreshPosTokens,
} from './pos-oauth'

const HOST = 'https://demo.retail.lightspeed.app'
const APP = {
  clientId: 'app-client',
  clientSecret: 'app-secret-value',
  redirectUri: 'https://app.test/api/pos/callback',
}
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** A token endpoint that records each form it gets and answers with the next tokens. */
function tokenEndpoint(answers: (() => Response)[]) {
  const forms: Record<string, string>[] = []

  server.use(
    http.post(`${HOST}/api/1.0/token`, async ({ request }) => {
      expect(request.headers.get('content-type')).toContain('application/x-www-form-urlencoded')
      forms.push(Object.fromEntries(new URLSearchParams(await request.text())))

      return answers[Math.min(forms.length - 1, answers.length - 1)]!()
    }),
  )

  return forms
}

const tokenAnswer =
  (access: string, refresh: string, extra: object = {}) =>
  () =>
    HttpResponse.json({
      access_token: access,
      token_type: 'Bearer',
      expires_in: 86_400,
      refresh_token: refresh,
      domain_prefix: 'demo',
      ...extra,
    })

test('builds the authorize URL the merchant is sent to', () => {
  const url = new URL(posAuthorizeUrl(APP, 'state-123'))

  expect(url.origin + url.pathname).toBe('https://secure.retail.lightspeed.app/connect')
  expect(Object.fromEntries(url.searchParams)).toEqual({
    response_type: 'code',
    client_id: 'app-client',
    redirect_uri: APP.redirectUri,
    state: 'state-123',
  })
})

test('exchanges a code for tokens with the form X-Series documents', async () => {
  const forms = tokenEndpoint([tokenAnswer('access-1', 'refresh-1', { expires: 1_900_000_000 })])

  const tokens = await exchangePosCode(APP, { code: 'the-code', domainPrefix: 'demo' })

  expect(forms).toEqual([
    {
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: APP.redirectUri,
      client_id: 'app-client',
      client_secret: 'app-secret-value',
    },
  ])
  expect(tokens).toEqual({
    accessToken: 'access-1',
    refreshToken: 'refresh-1',
    expiresAt: new Date(1_900_000_000_000),
    domainPrefix: 'demo',
  })
})

test('a refresh keeps the old refresh token when none comes back', async () => {
  const clock = createFakeClock(Date.UTC(2026, 0, 1))
  const forms = tokenEndpoint([
    () => HttpResponse.json({ access_token: 'access-2', expires_in: 3600 }),
  ])

  const tokens = await refreshPosTokens(
    APP,
    { refreshToken: 'refresh-1', domainPrefix: 'demo' },
    { clock },
  )

  expect(forms[0]).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'refresh-1' })
  expect(tokens).toEqual({
    accessToken: 'access-2',
    refreshToken: 'refresh-1',
    expiresAt: new Date(Date.UTC(2026, 0, 1, 1)),
    domainPrefix: 'demo',
  })
})

test('a spent refresh token asks the merchant to reconnect, and leaks no secret', async () => {
  tokenEndpoint([
    () =>
      HttpResponse.json(
        {
          error: 'invalid_grant',
          error_description: 'refresh-1 is not valid for app-secret-value',
        },
        { status: 400 },
      ),
  ])

  const error = await refreshPosTokens(APP, { refreshToken: 'refresh-1', domainPrefix: 'demo' })
    .then(() => null)
    .catch((e: unknown) => e)

  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({ status: 400, vendorCode: 'invalid_grant', retryable: false })
  expect((error as UpstreamError).message).toMatch(/reconnect Retail POS/)
  expect(JSON.stringify(error)).not.toMatch(/refresh-1|app-secret-value/)
})

test('the client sends a rotating token and refreshes it once when the API answers 401', async () => {
  const clock = createFakeClock()
  const stored: PosTokens[] = []
  const forms = tokenEndpoint([tokenAnswer('access-2', 'refresh-2')])
  const seen: string[] = []
  server.use(
    http.get(`${HOST}/api/2.0/retailer`, ({ request }) => {
      const auth = request.headers.get('authorization') ?? ''

      seen.push(auth)

      return auth === 'Bearer access-2'
        ? HttpResponse.json({ data: { name: 'Demo', tax_exclusive: true } })
        : HttpResponse.json({ error: 'Access token is not valid' }, { status: 401 })
    }),
  )
  const token = createPosTokenProvider({
    app: APP,
    tokens: {
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: null,
      domainPrefix: 'demo',
    },
    onTokens: (fresh) => void stored.push(fresh),
    clock,
  })
  const client = createPosClient({
    baseUrl: HOST,
    token,
    clock,
    pacer: new Pacer({ limit: 350, windowMs: 300_000 }, clock),
  })

  const retailer = await client.getRetailer()

  expect(retailer.name).toBe('Demo')
  expect(seen).toEqual(['Bearer access-1', 'Bearer access-2'])
  expect(forms).toHaveLength(1)
  expect(stored.map((t) => t.refreshToken)).toEqual(['refresh-2'])
})

test('a token the refresh cannot fix ends in the 401, after one refresh only', async () => {
  const clock = createFakeClock()
  const forms = tokenEndpoint([tokenAnswer('access-2', 'refresh-2')])
  let calls = 0
  server.use(
    http.get(`${HOST}/api/2.0/retailer`, () => {
      calls += 1

      return HttpResponse.json({ error: 'Access token is not valid' }, { status: 401 })
    }),
  )
  const client = createPosClient({
    baseUrl: HOST,
    token: createPosTokenProvider({
      app: APP,
      tokens: {
        accessToken: 'access-1',
        refreshToken: 'refresh-1',
        expiresAt: null,
        domainPrefix: 'demo',
      },
      clock,
    }),
    clock,
    pacer: new Pacer({ limit: 350, windowMs: 300_000 }, clock),
  })

  const error = await client.getRetailer().catch((e: unknown) => e)

  expect(error).toMatchObject({ status: 401, vendorCode: 'UNAUTHORIZED' })
  expect(calls).toBe(2)
  expect(forms).toHaveLength(1)
})

test('refreshes ahead of expiry, and concurrent requests share one refresh', async () => {
  const clock = createFakeClock(Date.UTC(2026, 0, 1))
  const forms = tokenEndpoint([tokenAnswer('access-2', 'refresh-2')])
  const provider = createPosTokenProvider({
    app: APP,
    tokens: {
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: new Date(Date.UTC(2026, 0, 1) + 30_000),
      domainPrefix: 'demo',
    },
    clock,
  })

  const tokens = await Promise.all([provider.getToken(), provider.getToken(), provider.getToken()])

  expect(tokens).toEqual(['access-2', 'access-2', 'access-2'])
  expect(forms).toHaveLength(1)
  expect(provider.current().refreshToken).toBe('refresh-2')
})

test('a refresher of its own replaces the token endpoint, and its tokens are used from then on', async () => {
  const forms = tokenEndpoint([tokenAnswer('never', 'never')])
  const asked: string[] = []
  const provider = createPosTokenProvider({
    app: APP,
    tokens: {
      accessToken: 'access-1',
      refreshToken: 'refresh-1',
      expiresAt: null,
      domainPrefix: 'demo',
    },
    refresh: async (current) => {
      asked.push(current.refreshToken)

      return { ...current, accessToken: 'access-from-elsewhere', refreshToken: 'refresh-9' }
    },
  })

  const fresh = await provider.refreshToken?.('access-1')
  const again = await provider.refreshToken?.('access-1')

  expect([fresh, again]).toEqual(['access-from-elsewhere', 'access-from-elsewhere'])
  expect(asked).toEqual(['refresh-1'])
  expect(forms).toHaveLength(0)
  expect(provider.current().refreshToken).toBe('refresh-9')
})
