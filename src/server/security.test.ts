/**
 * Who may see what: every route answers for the session's store only, eCom tokens reach neither
 * the browser nor the logs, the app may be framed by the eCom admin only, and the session cookie
 * is what an iframe on http and on https needs.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadConfig } from './config'
import { ECOM_TOKEN, OTHER_STORE_ID, startTestWorld, type TestWorld } from './testing/test-world'
import {
  ECOM_TOKEN as PROCESS_ECOM_TOKEN,
  POS_TOKEN as PROCESS_POS_TOKEN,
  startProcessWorld,
  type ProcessWorld,
} from './testing/process-world'

describe('one store never sees another’s', () => {
  let world: TestWorld
  let storeA: string
  let storeB: string
  let runOfB: string
  let ecomIdsOfB: string[]

  beforeAll(async () => {
    world = await startTestWorld()
    storeA = await world.openSession()
    storeB = await world.openSession(OTHER_STORE_ID)
    await world.posApi('POST', '/api/2.0/products', {
      name: 'Only B mug',
      sku: 'B-MUG',
      price_excluding_tax: 3,
    })
    ecomIdsOfB = []
    for (const name of ['B lamp', 'B chair']) {
      const created = await world.ecomApi<{ id: number }>(
        'POST',
        '/products',
        { name, sku: name.replace(' ', '-'), price: 9 },
        OTHER_STORE_ID,
      )
      ecomIdsOfB.push(String(created.id))
    }
    const run = await world.upload(storeB, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    runOfB = run.id
  })
  afterAll(async () => world?.stop())

  async function asA(url: string) {
    return world.app.inject({ method: 'GET', url, headers: { cookie: storeA } })
  }

  test('runs, a run, its items and links of store B answer 404 or nothing with store A’s session', async () => {
    const runs = await asA('/api/runs')
    const run = await asA(`/api/runs/${runOfB}`)
    const items = await asA(`/api/runs/${runOfB}/items`)
    const links = await asA('/api/links?q=B-MUG')
    const allLinks = await asA('/api/links')
    const viaBearer = await world.app.inject({
      method: 'GET',
      url: `/api/runs/${runOfB}`,
      headers: { authorization: `Bearer not-a-session` },
    })

    expect(runs.json()).toMatchObject({ total: 0, items: [] })
    expect(run.statusCode).toBe(404)
    expect(items.statusCode).toBe(404)
    expect(links.json()).toMatchObject({ total: 0, items: [] })
    expect(allLinks.json()).toMatchObject({ total: 0 })
    expect(viaBearer.statusCode).toBe(401)
  })

  test('the session and the eCom picker show store A’s own store and catalog only', async () => {
    const session = await asA('/api/session')
    const picker = await asA('/api/source-products?side=ecom')
    const search = await asA(`/api/source-products?side=ecom&q=${encodeURIComponent('B lamp')}`)

    expect(session.json()).toMatchObject({ storeId: 1003 })
    expect(picker.json()).toMatchObject({ total: 0 })
    expect(search.json()).toMatchObject({ total: 0 })
  })

  test('uploading store B’s eCom product ids with store A’s session reads them from store A only: nothing of B reaches Retail POS', async () => {
    const started = await world.app.inject({
      method: 'POST',
      url: '/api/runs',
      headers: { cookie: storeA },
      payload: { direction: 'ecom-to-pos', selection: { kind: 'ids', ids: ecomIdsOfB } },
    })
    const run = await world.waitForRun(storeA, (started.json() as { id: string }).id)
    const pos = await world.posApi<{ data: { sku: string }[] }>(
      'GET',
      '/api/2.0/products?page_size=100',
    )
    const runsOfB = await world.app.inject({
      method: 'GET',
      url: '/api/runs',
      headers: { cookie: storeB },
    })

    expect(run.counts).toMatchObject({ total: 2, failed: 2, created: 0, linked: 0 })
    expect(pos.data.map((p) => p.sku)).not.toContain('B-lamp')
    expect(runsOfB.json()).toMatchObject({ total: 1 })
  })
})

describe('credentials', () => {
  let world: ProcessWorld

  beforeAll(async () => {
    world = await startProcessWorld()
  })
  afterAll(async () => world?.stop())

  test('the eCom and Retail POS tokens appear in no log line, no API answer and no database file, even when eCom quotes the token in an error', async () => {
    const app = await world.startApp({ LOG_LEVEL: 'trace' })
    const cookie = await world.openSession(app)
    for (let i = 1; i <= 3; i++) {
      await world.posApi('POST', '/api/2.0/products', {
        name: `Token test ${i}`,
        sku: `TOK-${i}`,
        price_excluding_tax: 2,
      })
    }
    await world.ecomFault({
      method: 'GET',
      path: '/api/v3/1003/products',
      kind: 'status',
      status: 403,
      times: 1,
      body: {
        errorMessage: `Token ${PROCESS_ECOM_TOKEN} has no access`,
        errorCode: 'INVALID_API_TOKEN',
      },
    })

    const started = await world.call<{ id: string }>(app, cookie, 'POST', '/api/runs', {
      direction: 'pos-to-ecom',
      selection: { kind: 'all' },
    })
    const runId = started.json().id
    let answers = started.text
    for (let done = false; !done;) {
      const run = await world.call<{ status: string }>(app, cookie, 'GET', `/api/runs/${runId}`)
      answers += run.text
      done = !['queued', 'running', 'waiting'].includes(run.json().status)
      await new Promise((r) => setTimeout(r, 100))
    }
    for (const path of [
      `/api/runs/${runId}/items`,
      '/api/runs',
      '/api/links',
      '/api/session',
      '/api/source-products?side=pos',
      '/api/source-products?side=ecom',
    ]) {
      answers += (await world.call(app, cookie, 'GET', path)).text
    }
    await app.stop()
    const files = readdirSync(world.dir)
      .filter((name) => name.startsWith('app.sqlite'))
      .map((name) => readFileSync(join(world.dir, name)).toString('latin1'))

    expect(answers).toContain('TOK-1')
    expect(answers).toContain("did not accept the app's access")
    for (const text of [answers, app.output(), ...files]) {
      expect(text).not.toContain(PROCESS_ECOM_TOKEN)
      expect(text).not.toContain(PROCESS_POS_TOKEN)
    }
    expect(app.output()).not.toMatch(/"payload":"[A-Za-z0-9_-]{40,}/)
  })

  test('on https, the session cookie is HttpOnly, SameSite=None, Secure and Partitioned, and only the configured eCom admin may frame the app', async () => {
    const app = await world.startApp({
      APP_URL: 'https://sync.example.test',
      ECOM_ADMIN_ORIGINS: 'https://my.ecwid.com, https://admin.example.test',
    })
    const { payload } = (await (
      await fetch(`${world.ecomUrl}/_sim/payload?storeId=1003`)
    ).json()) as { payload: string }

    const res = await fetch(`${app.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payload }),
    })
    const cookie = res.headers.get('set-cookie') ?? ''
    const csp = res.headers.get('content-security-policy') ?? ''
    await app.stop()

    expect(cookie).toMatch(/^lls_session=[^;]+;/)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=None')
    expect(cookie).toContain('Secure')
    expect(cookie).toContain('Partitioned')
    expect(csp).toContain("frame-ancestors 'self' https://my.ecwid.com https://admin.example.test")
    expect(csp).not.toContain('localhost')
    expect(res.headers.get('strict-transport-security')).toBe('max-age=31536000')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })
})

describe('framing and cookies on plain http (local runs)', () => {
  let world: TestWorld

  beforeAll(async () => {
    world = await startTestWorld()
  })
  afterAll(async () => world?.stop())

  test('the session cookie is HttpOnly and SameSite=Lax, not Secure, and the eCom admin origin may frame the app', async () => {
    const res = await fetch(`${world.ecomUrl}/_sim/payload?storeId=1003`)
    const { payload } = (await res.json()) as { payload: string }

    const answer = await world.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { payload },
    })
    const cookie = String(answer.headers['set-cookie'])
    const csp = String(answer.headers['content-security-policy'])

    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Lax')
    expect(cookie).not.toContain('Secure')
    expect(cookie).not.toContain('Partitioned')
    expect(csp).toContain(`frame-ancestors 'self' ${world.ecomUrl}`)
    expect(csp).toContain("object-src 'none'")
    expect(answer.headers['strict-transport-security']).toBeUndefined()
    expect(answer.body).not.toContain(ECOM_TOKEN)
  })

  test('by default the local eCom simulator is the admin that may frame the app; ECOM_ADMIN_ORIGINS replaces it, and a value that is not an origin is refused', () => {
    expect(loadConfig({}).ecomAdminOrigins).toEqual(['http://localhost:3002'])
    expect(loadConfig({ ECOM_SIM_PORT: '4102' }).ecomAdminOrigins).toEqual([
      'http://localhost:4102',
    ])
    expect(loadConfig({ ECOM_ADMIN_ORIGINS: 'https://my.ecwid.com' }).ecomAdminOrigins).toEqual([
      'https://my.ecwid.com',
    ])
    expect(() =>
      loadConfig({ ECOM_ADMIN_ORIGINS: "https://my.ecwid.com/path 'unsafe-inline'" }),
    ).toThrow(/ECOM_ADMIN_ORIGINS/)
  })
})
