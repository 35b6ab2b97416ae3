/**
 * Connecting a store's own Retail POS over X-Series OAuth, against the POS simulator's approval
 * page and token endpoint: the state, the code exchange, refreshes with rotation (also by two
 * processes at once), a revoked connection, disconnecting, and one store never reaching another's.
 */
import { pino } from 'pino'
import { afterEach, describe, expect, test } from 'vitest'
import { createSecretBox } from '../auth/crypto'
import { createConnections } from '../services/connections'
import { catchUp } from '../services/ongoing/catch-up'
import type { AppContext } from '../services/context'
import { openDatabase } from '../store/db'
import { pendingWork } from '../store/sync-store'
import { createTestDatabase, postgresUnavailable } from '../testing/postgres'
import { OTHER_STORE_ID, STORE_ID, startTestWorld, type TestWorld } from '../testing/test-world'

const CLIENT = { clientId: 'pos-ecom-sync-demo', clientSecret: 'demo-pos-client-secret' }
const noPostgres = await postgresUnavailable()

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function oauthWorld(options: Parameters<typeof startTestWorld>[0] = {}) {
  const world = await startTestWorld({ hasPersonalToken: false, ...options })
  cleanups.push(() => world.stop())

  return world
}

function call(world: TestWorld, cookie: string, method: 'GET' | 'POST', url: string) {
  return world.app.inject({
    method,
    url,
    headers: { cookie },
    ...(method === 'POST' ? { payload: {} } : {}),
  })
}

/**
 * Starts a connect as the app does, and answers the simulator's approval page as the merchant
 * would; returns the URL Retail POS sends the merchant back to (the app's callback).
 */
async function approve(world: TestWorld, cookie: string, decision: 'allow' | 'deny' = 'allow') {
  const started = await call(world, cookie, 'POST', '/api/pos-connection/connect')
  const authorize = new URL((started.json() as { authorizeUrl: string }).authorizeUrl)
  const page = await fetch(authorize)
  const answer = await fetch(`${world.posUrl}/connect`, {
    method: 'POST',
    body: new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), decision }),
    redirect: 'manual',
  })

  expect(started.statusCode).toBe(200)
  expect(await page.text()).toContain('Allow pos-ecom-sync to access')

  return new URL(answer.headers.get('location') ?? '')
}

function callback(world: TestWorld, back: URL, cookie?: string) {
  return world.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: cookie ? { cookie } : {},
  })
}

async function connect(world: TestWorld, cookie: string) {
  const answer = await callback(world, await approve(world, cookie))
  if (answer.statusCode !== 200) throw new Error(`connect: ${answer.statusCode} ${answer.body}`)
}

async function rawConnection(world: TestWorld, storeId = STORE_ID) {
  return world.ctx.db
    .selectFrom('pos_connections')
    .selectAll()
    .where('store_id', '=', storeId)
    .executeTakeFirst()
}

async function storedTokens(world: TestWorld, storeId = STORE_ID) {
  const row = await rawConnection(world, storeId)

  return {
    access: world.ctx.box.open(row?.access_token ?? ''),
    refresh: world.ctx.box.open(row?.refresh_token ?? ''),
  }
}

/** What the simulator's token endpoint answers to a refresh with this refresh token. */
async function refreshAtSimulator(world: TestWorld, refreshToken: string) {
  const res = await fetch(`${world.posUrl}/api/1.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    }),
  })

  return { status: res.status, body: (await res.json()) as { error?: string } }
}

async function retailerWith(world: TestWorld, accessToken: string) {
  return (
    await fetch(`${world.posUrl}/api/2.0/retailer`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).status
}

async function session(world: TestWorld, cookie: string) {
  return (await call(world, cookie, 'GET', '/api/session')).json() as {
    pos: { name: string; currency: string; taxExclusive: boolean } | null
    posConnection: { status: string; method: string | null; domainPrefix: string | null }
    blockers: { code: string; message: string }[]
  }
}

async function createPosProduct(world: TestWorld, sku: string) {
  const { data } = await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
    name: `Product ${sku}`,
    sku,
    price_excluding_tax: 9.5,
  })

  return data[0] ?? ''
}

async function ecomSkus(world: TestWorld, storeId = STORE_ID) {
  const page = await world.ecomApi<{ items: { sku: string }[] }>(
    'GET',
    '/products',
    undefined,
    storeId,
  )

  return page.items.map((item) => item.sku)
}

async function ecomNames(world: TestWorld, storeId: number) {
  const page = await world.ecomApi<{ items: { name: string }[] }>(
    'GET',
    '/products',
    undefined,
    storeId,
  )

  return page.items.map((item) => item.name)
}

describe('connecting Retail POS over OAuth', () => {
  test('a store with no connection is told to connect, and its uploads are refused in plain words', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    const id = await createPosProduct(world, 'NC-1')

    const seen = await session(world, cookie)
    const upload = await world.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { cookie },
      payload: { direction: 'pos-to-ecom', selection: { kind: 'ids', ids: [id] } },
    })
    const products = await call(world, cookie, 'GET', '/api/source-products?side=pos')

    expect(seen.posConnection).toEqual({
      status: 'not_connected',
      method: null,
      domainPrefix: null,
      connectedAt: null,
      message: null,
    })
    expect(seen.pos).toBeNull()
    expect(seen.blockers.map((b) => b.code)).toEqual(['POS_NOT_CONNECTED'])
    expect(upload.statusCode).toBe(409)
    expect(upload.json().error.message).toMatch(/^Retail POS is not connected to this store/)
    expect(products.statusCode).toBe(409)
    expect(products.json().error).toMatchObject({
      code: 'POS_NOT_CONNECTED',
      message:
        'Retail POS is not connected to this store: select Connect Retail POS at the top of the app.',
    })
  })

  test('Allow on Retail POS’s page connects the store: its name, currency and tax mode show, and uploads go through its own tokens', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    const id = await createPosProduct(world, 'OA-1')

    const back = await approve(world, cookie)
    const page = await callback(world, back)
    const seen = await session(world, cookie)
    const view = (await call(world, cookie, 'GET', '/api/pos-connection')).json()
    const run = await world.upload(cookie, {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids: [id] },
    })

    expect(`${back.origin}${back.pathname}`).toBe(
      'http://localhost:3000/api/pos-connection/callback',
    )
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/)
    expect(page.body).toContain('Retail POS is connected')
    expect(page.body).toContain('"outcome":"connected"')
    expect(seen.posConnection).toMatchObject({
      status: 'connected',
      method: 'oauth',
      domainPrefix: 'demooutfitters',
    })
    expect(seen.pos).toMatchObject({ name: 'Demo Outfitters', currency: 'USD', taxExclusive: true })
    expect(seen.blockers).toEqual([])
    expect(view).toMatchObject({
      status: 'connected',
      domainPrefix: 'demooutfitters',
      store: { name: 'Demo Outfitters', currency: 'USD', taxExclusive: true },
    })
    expect(run.counts).toMatchObject({ total: 1, created: 1 })
    expect(await ecomSkus(world)).toEqual(['OA-1'])
  })

  test('tokens are sealed in the database and never reach the browser or the logs', async () => {
    const lines: string[] = []
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) })
    const world = await oauthWorld({ logger })
    const cookie = await world.openSession()
    await connect(world, cookie)
    await world.ctx.db
      .updateTable('pos_connections')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute()

    const answers = [
      (await call(world, cookie, 'GET', '/api/session')).body,
      (await call(world, cookie, 'GET', '/api/pos-connection')).body,
      (await call(world, cookie, 'GET', '/api/source-products?side=pos')).body,
    ].join('\n')
    const row = await rawConnection(world)
    const tokens = await storedTokens(world)

    expect(row?.access_token).toMatch(/^v1\./)
    expect(row?.refresh_token).toMatch(/^v1\./)
    expect(await retailerWith(world, tokens.access)).toBe(200)
    expect(lines.join('\n')).toContain('Retail POS connected')
    for (const secret of [tokens.access, tokens.refresh, CLIENT.clientSecret]) {
      expect(JSON.stringify(row)).not.toContain(secret)
      expect(answers).not.toContain(secret)
      expect(lines.join('\n')).not.toContain(secret)
    }
  })

  test('Deny on Retail POS’s page stores nothing and says so', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()

    const page = await callback(world, await approve(world, cookie, 'deny'))

    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Retail POS was not connected: the app was not allowed.')
    expect(await rawConnection(world)).toBeUndefined()
    expect((await session(world, cookie)).posConnection.status).toBe('not_connected')
  })
})

describe('with a personal token configured (POS_TOKEN)', () => {
  test('stores are connected through it until one disconnects: that one is then really disconnected, and may connect its own', async () => {
    const world = await startTestWorld()
    cleanups.push(() => world.stop())
    const cookieA = await world.openSession(STORE_ID)
    const cookieB = await world.openSession(OTHER_STORE_ID)
    const id = await createPosProduct(world, 'PT-1')

    const personal = await session(world, cookieA)
    const disconnected = await call(world, cookieA, 'POST', '/api/pos-connection/disconnect')
    const afterA = await session(world, cookieA)
    const afterB = await session(world, cookieB)
    const upload = await world.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { cookie: cookieA },
      payload: { direction: 'pos-to-ecom', selection: { kind: 'ids', ids: [id] } },
    })
    await connect(world, cookieA)
    const own = await session(world, cookieA)

    expect(personal.posConnection).toMatchObject({ status: 'connected', method: 'personal_token' })
    expect(personal.pos).toMatchObject({ name: 'Demo Outfitters' })
    expect(disconnected.json()).toMatchObject({ status: 'not_connected', method: null })
    expect(afterA.posConnection.status).toBe('not_connected')
    expect(afterA.pos).toBeNull()
    expect(afterA.blockers.map((b) => b.code)).toEqual(['POS_NOT_CONNECTED'])
    expect(afterB.posConnection).toMatchObject({ status: 'connected', method: 'personal_token' })
    expect(upload.statusCode).toBe(409)
    expect(await ecomSkus(world)).toEqual([])
    expect(own.posConnection).toMatchObject({ status: 'connected', method: 'oauth' })
  })
})

describe('the ongoing sync', () => {
  test('a disconnected store does not hold up the catch-up of the stores still connected', async () => {
    const world = await startTestWorld()
    cleanups.push(() => world.stop())
    const cookieA = await world.openSession(STORE_ID)
    const cookieB = await world.openSession(OTHER_STORE_ID)
    const id = await createPosProduct(world, 'CU-1')
    const body = { direction: 'pos-to-ecom', selection: { kind: 'ids', ids: [id] } }
    await world.upload(cookieA, body)
    await world.upload(cookieB, body)
    await expect
      .poll(() => pendingWork(world.ctx.db), { timeout: 10_000 })
      .toEqual({ deliveries: 0, links: 0 })
    await call(world, cookieA, 'POST', '/api/pos-connection/disconnect')
    await world.posApi('PUT', `/api/2.1/products/${id}`, { common: { name: 'Renamed CU-1' } })

    const marked = await catchUp(world.ctx)

    expect(marked).toBe(1)
    await expect
      .poll(async () => (await ecomNames(world, OTHER_STORE_ID)).join(), { timeout: 10_000 })
      .toBe('Renamed CU-1')
    expect(await ecomNames(world, STORE_ID)).toEqual(['Product CU-1'])
  })
})

describe('GET /api/pos-connection/callback, the state', () => {
  test('a made-up state is refused and nothing is stored', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    const back = await approve(world, cookie)
    back.searchParams.set('state', 'made-up')

    const page = await callback(world, back)

    expect(page.statusCode).toBe(400)
    expect(page.body).toContain('This connection link is not valid any more')
    expect(await rawConnection(world)).toBeUndefined()
  })

  test('a state used once is refused the second time, and the connection stays as the first made it', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    const back = await approve(world, cookie)
    await callback(world, back)
    const before = await rawConnection(world)

    const replay = await callback(world, back)

    expect(replay.statusCode).toBe(400)
    expect(await rawConnection(world)).toEqual(before)
  })

  test('a state past its time is refused and nothing is stored', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    const back = await approve(world, cookie)
    await world.ctx.db
      .updateTable('pos_oauth_states')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute()

    const page = await callback(world, back)

    expect(page.statusCode).toBe(400)
    expect(await rawConnection(world)).toBeUndefined()
  })

  test('a callback without a state, or with a domain prefix that is no host name, stores nothing', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    const back = await approve(world, cookie)
    const withoutState = new URL(back)
    withoutState.searchParams.delete('state')
    back.searchParams.set('domain_prefix', 'evil.example/x')

    const noState = await callback(world, withoutState)
    const badPrefix = await callback(world, back)

    expect(noState.statusCode).toBe(400)
    expect(badPrefix.statusCode).toBe(502)
    expect(badPrefix.body).toContain('Nothing was changed')
    expect(await rawConnection(world)).toBeUndefined()
  })
})

describe('one store never reaches another store’s Retail POS', () => {
  test('store B cannot finish, see, use or disconnect store A’s connection', async () => {
    const world = await oauthWorld()
    const cookieA = await world.openSession(STORE_ID)
    const cookieB = await world.openSession(OTHER_STORE_ID)
    const backA = await approve(world, cookieA)
    const id = await createPosProduct(world, 'XS-1')

    const stolen = await callback(world, backA, cookieB)
    await callback(world, await approve(world, cookieA))
    const a = await rawConnection(world, STORE_ID)
    const viewB = (await call(world, cookieB, 'GET', '/api/pos-connection')).json()
    const uploadB = await world.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { cookie: cookieB },
      payload: { direction: 'pos-to-ecom', selection: { kind: 'ids', ids: [id] } },
    })
    const disconnectB = await call(world, cookieB, 'POST', '/api/pos-connection/disconnect')

    expect(stolen.statusCode).toBe(400)
    expect(a?.status).toBe('connected')
    expect(viewB).toMatchObject({ status: 'not_connected', store: null })
    expect(uploadB.statusCode).toBe(409)
    expect(disconnectB.json()).toMatchObject({ status: 'not_connected' })
    expect(await rawConnection(world, STORE_ID)).toEqual(a)
    expect((await session(world, cookieA)).posConnection.status).toBe('connected')
    expect(await ecomSkus(world, OTHER_STORE_ID)).toEqual([])
  })

  test('each store connected on its own holds its own tokens', async () => {
    const world = await oauthWorld()
    const cookieA = await world.openSession(STORE_ID)
    const cookieB = await world.openSession(OTHER_STORE_ID)

    await connect(world, cookieA)
    await connect(world, cookieB)
    await call(world, cookieB, 'POST', '/api/pos-connection/disconnect')
    const a = await storedTokens(world, STORE_ID)

    expect(await rawConnection(world, OTHER_STORE_ID)).toMatchObject({
      status: 'disconnected',
      access_token: null,
      refresh_token: null,
    })
    expect(await retailerWith(world, a.access)).toBe(200)
    expect((await session(world, cookieA)).posConnection.status).toBe('connected')
    expect((await session(world, cookieB)).posConnection.status).toBe('not_connected')
  })
})

describe('refreshing the tokens', () => {
  test('ahead of expiry: the rotated refresh token is stored, and the one before is refused by Retail POS', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    await connect(world, cookie)
    const before = await storedTokens(world)
    await world.ctx.db
      .updateTable('pos_connections')
      .set({ expires_at: new Date(Date.now() + 10_000).toISOString() })
      .execute()
    world.ctx.connections.forgetPos(STORE_ID)

    const products = await call(world, cookie, 'GET', '/api/source-products?side=pos')
    const after = await storedTokens(world)

    expect(products.statusCode).toBe(200)
    expect(after.refresh).not.toBe(before.refresh)
    expect(after.access).not.toBe(before.access)
    expect(await refreshAtSimulator(world, before.refresh)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    })
    expect((await rawConnection(world))?.expires_at).not.toBeNull()
  })

  test('when Retail POS refuses the access token (401): refreshed once, the request goes through', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    await connect(world, cookie)
    const before = await storedTokens(world)
    await world.ctx.db
      .updateTable('pos_connections')
      .set({ access_token: world.ctx.box.seal('not-a-token-retail-pos-knows') })
      .execute()
    world.ctx.connections.forgetPos(STORE_ID)

    const products = await call(world, cookie, 'GET', '/api/source-products?side=pos')
    const after = await storedTokens(world)

    expect(products.statusCode).toBe(200)
    expect(after.refresh).not.toBe(before.refresh)
    expect(await retailerWith(world, after.access)).toBe(200)
  })

  test('a revoked connection asks the merchant to reconnect, refuses uploads, and Connect mends it', async () => {
    const world = await oauthWorld()
    const cookie = await world.openSession()
    await connect(world, cookie)
    const id = await createPosProduct(world, 'RV-1')
    await world.posApi('POST', '/_sim/oauth/revoke', { client_id: CLIENT.clientId })

    const products = await call(world, cookie, 'GET', '/api/source-products?side=pos')
    const seen = await session(world, cookie)
    const upload = await world.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { cookie },
      payload: { direction: 'pos-to-ecom', selection: { kind: 'ids', ids: [id] } },
    })
    const row = await rawConnection(world)
    await connect(world, cookie)
    const mended = await session(world, cookie)

    expect(products.statusCode).toBe(409)
    expect(products.json().error.code).toBe('POS_NEEDS_RECONNECT')
    expect(seen.posConnection).toMatchObject({
      status: 'needs_reconnect',
      domainPrefix: 'demooutfitters',
    })
    expect(seen.blockers).toEqual([
      {
        code: 'POS_NEEDS_RECONNECT',
        message:
          'Retail POS no longer accepts the app’s connection (it was removed in Retail POS or ran ' +
          'out): select Reconnect Retail POS at the top of the app and allow the app again.',
      },
    ])
    expect(upload.statusCode).toBe(409)
    expect(upload.json().error.code).toBe('POS_NEEDS_RECONNECT')
    expect(row).toMatchObject({ status: 'needs_reconnect', access_token: null })
    expect(mended.posConnection.status).toBe('connected')
    expect(mended.blockers).toEqual([])
  })
})

describe.each([
  { kind: 'SQLite' as const, skip: null },
  { kind: 'PostgreSQL' as const, skip: noPostgres },
])('two processes on $kind', ({ kind, skip }) => {
  const skipped = skip ? ` (skipped: ${skip})` : ''

  test.skipIf(skip)(
    `refresh one expired connection together: one refresh is spent, both go on with its tokens${skipped}`,
    async () => {
      const env: Record<string, string> = {}
      if (kind === 'PostgreSQL') {
        const database = await createTestDatabase()
        cleanups.push(() => database.drop())
        env.DATABASE_URL = database.url
      }
      const world = await oauthWorld({ env })
      const cookie = await world.openSession()
      await connect(world, cookie)
      const other = await secondProcess(world)
      const before = await rawConnection(world)
      await world.ctx.db
        .updateTable('pos_connections')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .execute()

      const [here, there] = await Promise.all(
        [world.ctx.connections, other.connections, world.ctx.connections].map(async (c) =>
          (await c.pos(STORE_ID)).getRetailer(),
        ),
      )
      const after = await rawConnection(world)
      const tokens = await storedTokens(world)

      expect([here?.name, there?.name]).toEqual(['Demo Outfitters', 'Demo Outfitters'])
      expect(after?.status).toBe('connected')
      expect(after?.token_version).toBe((before?.token_version ?? 0) + 1)
      expect((await refreshAtSimulator(world, tokens.refresh)).status).toBe(200)
    },
  )

  test.skipIf(skip)(
    `a store disconnected by one process is not reached by the other${skipped}`,
    async () => {
      const env: Record<string, string> = {}
      if (kind === 'PostgreSQL') {
        const database = await createTestDatabase()
        cleanups.push(() => database.drop())
        env.DATABASE_URL = database.url
      }
      const world = await oauthWorld({ env })
      const cookie = await world.openSession()
      await connect(world, cookie)
      const other = await secondProcess(world)
      await (await other.connections.pos(STORE_ID)).getRetailer()

      await call(world, cookie, 'POST', '/api/pos-connection/disconnect')
      const error = await other.connections.pos(STORE_ID).catch((e: unknown) => e)

      expect(error).toMatchObject({ vendorCode: 'POS_NOT_CONNECTED' })
    },
  )
})

/** Another BFF process on the world's database: its own pool and its own clients. */
async function secondProcess(world: TestWorld) {
  const config = world.ctx.config
  const db = await openDatabase(config.databaseUrl ?? config.databaseFile, { poolSize: 2 })
  cleanups.push(() => db.destroy())
  const ctx = {
    config,
    db,
    box: createSecretBox(config.secretKey),
    log: world.ctx.log,
  } as AppContext
  ctx.connections = createConnections(ctx)

  return ctx
}
