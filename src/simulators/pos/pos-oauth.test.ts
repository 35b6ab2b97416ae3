import { afterEach, expect, test } from 'vitest'
import type { PosSimulatorOptions } from './pos-simulator'
import { openSimulator, tempDataFile, type TestSimulator } from './pos-test-helpers'

const CLIENT = { clientId: 'test-app', clientSecret: 'test-app-secret', name: 'pos-ecom-sync' }
const REDIRECT = 'http://app.test/oauth/pos/callback'

let sim: TestSimulator | undefined
let cleanup = () => {}

afterEach(async () => {
  await sim?.close()
  cleanup()
})

function open(options: Partial<PosSimulatorOptions> = {}) {
  const temp = tempDataFile()
  cleanup = temp.cleanup
  sim = openSimulator({ dataFile: temp.file, oauthClients: [CLIENT], ...options })

  return sim.app
}

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(fields).toString(),
})

/** Approves the app as the merchant would and returns the redirect it leads to. */
async function approve(app: ReturnType<typeof open>, state = 'xyz') {
  const answer = await app.inject({
    method: 'POST',
    url: '/connect',
    ...form({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: REDIRECT,
      state,
      decision: 'allow',
    }),
  })

  return new URL(String(answer.headers.location))
}

async function token(app: ReturnType<typeof open>, fields: Record<string, string>) {
  const answer = await app.inject({
    method: 'POST',
    url: '/api/1.0/token',
    ...form({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, ...fields }),
  })

  return { status: answer.statusCode, body: answer.json() }
}

const retailer = (app: ReturnType<typeof open>, accessToken: string) =>
  app.inject({ url: '/api/2.0/retailer', headers: { authorization: `Bearer ${accessToken}` } })

test('the approval page asks the merchant to allow the app to access the store', async () => {
  const app = open()
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT.clientId,
    redirect_uri: REDIRECT,
    state: 'xyz',
  })

  const page = await app.inject({ url: `/connect?${query}` })
  const unknown = await app.inject({ url: `/connect?${query}`.replace('test-app', 'other-app') })

  expect(page.statusCode).toBe(200)
  expect(page.headers['content-type']).toMatch(/^text\/html/)
  expect(page.headers['x-frame-options']).toBe('DENY')
  expect(page.body).toContain('Allow pos-ecom-sync to access Demo Outfitters?')
  expect(page.body).toContain('value="allow"')
  expect(unknown.statusCode).toBe(400)
})

test('Allow sends the merchant back with a code, the state and the domain prefix; Deny with an error', async () => {
  const app = open()

  const allowed = await approve(app)
  const denied = await app.inject({
    method: 'POST',
    url: '/connect',
    ...form({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: REDIRECT,
      state: 's',
      decision: 'deny',
    }),
  })

  expect(`${allowed.origin}${allowed.pathname}`).toBe(REDIRECT)
  expect(allowed.searchParams.get('code')).toBeTruthy()
  expect(allowed.searchParams.get('state')).toBe('xyz')
  expect(allowed.searchParams.get('domain_prefix')).toBe('demooutfitters')
  expect(new URL(String(denied.headers.location)).searchParams.get('error')).toBe('access_denied')
})

test('a code becomes tokens once; the access token opens the API; a refresh rotates the refresh token', async () => {
  const app = open()
  const code = (await approve(app)).searchParams.get('code') ?? ''

  const issued = await token(app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
  })
  const reused = await token(app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
  })
  const withIssued = await retailer(app, issued.body.access_token)
  const refreshed = await token(app, {
    grant_type: 'refresh_token',
    refresh_token: issued.body.refresh_token,
  })
  const oldRefresh = await token(app, {
    grant_type: 'refresh_token',
    refresh_token: issued.body.refresh_token,
  })
  const withRefreshed = await retailer(app, refreshed.body.access_token)

  expect(issued.status).toBe(200)
  expect(issued.body).toEqual({
    access_token: expect.any(String),
    token_type: 'Bearer',
    expires: expect.any(Number),
    expires_in: 86_400,
    refresh_token: expect.any(String),
    domain_prefix: 'demooutfitters',
  })
  expect(issued.body.expires).toBeGreaterThan(Date.now() / 1000 + 86_000)
  expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  expect(withIssued.statusCode).toBe(200)
  expect(refreshed.status).toBe(200)
  expect(refreshed.body.refresh_token).not.toBe(issued.body.refresh_token)
  expect(oldRefresh).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  expect(withRefreshed.statusCode).toBe(200)
})

test('an expired access token gets 401, and the personal token keeps working', async () => {
  const app = open({ oauthTokenTtlSeconds: 0.05 })
  const code = (await approve(app)).searchParams.get('code') ?? ''
  const issued = await token(app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
  })

  await new Promise((resolve) => setTimeout(resolve, 80))
  const expired = await retailer(app, issued.body.access_token)
  const personal = await sim!.get('/api/2.0/retailer')

  expect(expired.statusCode).toBe(401)
  expect(expired.json()).toEqual({ error: 'Access token has expired' })
  expect(personal.status).toBe(200)
})

test('removing the app in Retail POS revokes its access and refresh tokens', async () => {
  const app = open()
  const code = (await approve(app)).searchParams.get('code') ?? ''
  const issued = await token(app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
  })

  const revoked = await sim!.send('POST', '/_sim/oauth/revoke', { client_id: CLIENT.clientId })
  const unknownApp = await sim!.send('POST', '/_sim/oauth/revoke', { client_id: 'other-app' })
  const withAccess = await retailer(app, issued.body.access_token)
  const refreshed = await token(app, {
    grant_type: 'refresh_token',
    refresh_token: issued.body.refresh_token,
  })
  const personal = await sim!.get('/api/2.0/retailer')

  expect(revoked).toEqual({ status: 200, body: { revoked: 2 } })
  expect(unknownApp.status).toBe(400)
  expect(withAccess.statusCode).toBe(401)
  expect(refreshed).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  expect(personal.status).toBe(200)
})

test('refuses a wrong client secret, a mismatched redirect_uri and an unknown grant type', async () => {
  const app = open()
  const code = (await approve(app)).searchParams.get('code') ?? ''

  const wrongSecret = await token(app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT,
    client_secret: 'nope',
  })
  const wrongRedirect = await token(app, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: 'http://elsewhere.test/',
  })
  const password = await token(app, { grant_type: 'password' })

  expect(wrongSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } })
  expect(wrongRedirect).toMatchObject({ status: 400, body: { error: 'invalid_grant' } })
  expect(password).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } })
})

test('the demo client is there by default', async () => {
  const temp = tempDataFile()
  cleanup = temp.cleanup
  sim = openSimulator({ dataFile: temp.file })
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: 'pos-ecom-sync-demo',
    redirect_uri: REDIRECT,
  })

  const page = await sim.app.inject({ url: `/connect?${query}` })

  expect(page.statusCode).toBe(200)
})
