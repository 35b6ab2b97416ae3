import { createDecipheriv } from 'node:crypto'
import { afterEach, describe, expect, test } from 'vitest'
import { buildEcomSimulator } from './ecom-simulator'
import {
  OTHER_TOKEN,
  TEST_CLIENT_SECRET,
  createTestSimulator,
  testOptions,
  type TestSimulator,
} from './ecom-test-helpers'

let sim: TestSimulator

afterEach(async () => {
  await sim.app.close()
})

/** The test's own decrypt, written from Ecwid's description rather than shared with the code. */
function decryptPayload(payload: string, clientSecret: string): unknown {
  const standard = payload.replace(/-/g, '+').replace(/_/g, '/')
  const bytes = Buffer.from(standard + '='.repeat((4 - (standard.length % 4)) % 4), 'base64')
  const key = Buffer.from(clientSecret.slice(0, 16), 'utf8')
  const decipher = createDecipheriv('aes-128-cbc', key, bytes.subarray(0, 16))
  const plain = Buffer.concat([decipher.update(bytes.subarray(16)), decipher.final()])

  return JSON.parse(plain.toString('utf8'))
}

describe('authentication', () => {
  test('answers 403 INVALID_API_TOKEN for a wrong token and 404 for an unknown store', async () => {
    sim = createTestSimulator()

    const wrong = await sim.api('GET', '/profile', undefined, 'secret_wrong')
    const otherStores = await sim.api('GET', '/profile', undefined, OTHER_TOKEN)
    const unknown = await sim.api('GET', '/api/v3/9999/profile')

    expect(wrong.status).toBe(403)
    expect(wrong.body).toEqual({ errorMessage: expect.any(String), errorCode: 'INVALID_API_TOKEN' })
    expect(otherStores.status).toBe(403)
    expect(unknown.status).toBe(404)
    expect(unknown.body.errorCode).toBe('STORE_NOT_FOUND')
  })

  test('accepts the token as a query parameter', async () => {
    sim = createTestSimulator()

    const response = await sim.app.inject({ url: '/api/v3/1003/profile?token=secret_demo' })

    expect(response.statusCode).toBe(200)
  })

  test('keeps the stores apart', async () => {
    sim = createTestSimulator({ seed: 'demo' })

    const main = await sim.api('GET', '/products?sku=DO-TENT-2P')
    const other = await sim.api(
      'GET',
      '/api/v3/1004/products?sku=DO-TENT-2P',
      undefined,
      OTHER_TOKEN,
    )
    const crossId = await sim.api(
      'GET',
      `/api/v3/1004/products/${main.body.items[0].id}`,
      undefined,
      OTHER_TOKEN,
    )

    expect(main.body.total).toBe(1)
    expect(other.body.total).toBe(0)
    expect(crossId.status).toBe(404)
  })
})

describe('GET /profile', () => {
  test('reports currency and tax mode under Ecwid field names, and takes updates', async () => {
    sim = createTestSimulator()

    const before = await sim.api('GET', '/profile')
    await sim.api('PUT', '/profile', { taxSettings: { pricesIncludeTax: true } })
    const after = await sim.api('GET', '/profile')

    expect(before.body).toMatchObject({
      generalInfo: { storeId: 1003, storeUrl: expect.any(String) },
      account: { accountName: expect.any(String) },
      settings: { storeName: 'Demo Outfitters Online' },
      formatsAndUnits: { currency: 'USD', currencyPrefix: '$', currencyPrecision: 2 },
      taxSettings: { pricesIncludeTax: false },
    })
    expect(after.body.taxSettings.pricesIncludeTax).toBe(true)
  })
})

describe('rate limit', () => {
  test('answers 429 RATE_LIMITED with Retry-After past the limit, then recovers', async () => {
    sim = createTestSimulator({ rateLimit: { enabled: true, timeScale: 0.005, limit: 5 } })

    const allowed = []
    for (let index = 0; index < 5; index++) allowed.push(await sim.api('GET', '/profile'))
    const limited = await sim.api('GET', '/profile')
    const otherToken = await sim.api('GET', '/api/v3/1004/profile', undefined, OTHER_TOKEN)
    await new Promise((resolve) => setTimeout(resolve, 350))
    const later = await sim.api('GET', '/profile')

    expect(allowed.map((response) => response.status)).toEqual([200, 200, 200, 200, 200])
    expect(limited.status).toBe(429)
    expect(limited.body.errorCode).toBe('RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(otherToken.status).toBe(200)
    expect(later.status).toBe(200)
  })

  test('is switched at run time over /_sim/rate-limit', async () => {
    sim = createTestSimulator()

    await sim.api('POST', '/_sim/rate-limit', { enabled: true, limit: 1 })
    const first = await sim.api('GET', '/profile')
    const second = await sim.api('GET', '/profile')

    expect(first.status).toBe(200)
    expect(second.status).toBe(429)
  })
})

describe('faults', () => {
  test('with afterCount lets the first N through, then answers 429 with Retry-After', async () => {
    sim = createTestSimulator()
    const fault = await sim.api('POST', '/_sim/faults', {
      method: 'POST',
      path: '^/api/v3/1003/products$',
      kind: 'status',
      status: 429,
      retryAfter: 2,
      afterCount: 30,
      times: 3,
    })

    const statuses = []
    for (let index = 0; index < 35; index++) {
      const response = await sim.api('POST', '/products', { name: `P${index}`, sku: `C1-${index}` })
      statuses.push(response.status)
      if (response.status === 429) expect(response.headers['retry-after']).toBe('2')
    }
    const stored = await sim.api('GET', '/products')
    const rules = await sim.api('GET', '/_sim/faults')

    expect(fault.status).toBe(201)
    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true)
    expect(statuses.slice(30, 33)).toEqual([429, 429, 429])
    expect(statuses.slice(33)).toEqual([200, 200])
    expect(stored.body.total).toBe(32)
    expect(rules.body.items[0]).toMatchObject({ matched: 33, fired: 3, active: false })
  })

  test('clears every fault with DELETE /_sim/faults', async () => {
    sim = createTestSimulator()
    await sim.api('POST', '/_sim/faults', {
      path: '/api/v3/1003/profile',
      kind: 'status',
      status: 503,
    })

    const failing = await sim.api('GET', '/profile')
    await sim.api('DELETE', '/_sim/faults')
    const healed = await sim.api('GET', '/profile')

    expect(failing.status).toBe(503)
    expect(healed.status).toBe(200)
  })

  test('hang applies the write but never answers', async () => {
    sim = createTestSimulator()
    await sim.app.listen({ port: 0, host: '127.0.0.1' })
    const address = sim.app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await sim.api('POST', '/_sim/faults', {
      method: 'POST',
      path: '/api/v3/1003/products',
      kind: 'hang',
      times: 1,
    })

    const attempt = fetch(`http://127.0.0.1:${port}/api/v3/1003/products`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret_demo', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Lost answer', sku: 'HANG-1' }),
      signal: AbortSignal.timeout(300),
    })
    await expect(attempt).rejects.toThrow()
    const stored = await sim.api('GET', '/products?sku=HANG-1')

    expect(stored.body.total).toBe(1)
  })

  test('malformed answers a body that is not JSON', async () => {
    sim = createTestSimulator()
    await sim.api('POST', '/_sim/faults', { path: '/api/v3/1003/profile', kind: 'malformed' })

    const response = await sim.app.inject({
      url: '/api/v3/1003/profile',
      headers: { authorization: 'Bearer secret_demo' },
    })

    expect(response.statusCode).toBe(200)
    expect(() => JSON.parse(response.body)).toThrow()
  })
})

describe('persistence and control', () => {
  test('a restart on the same data file keeps products and ids', async () => {
    const options = testOptions()
    const first = buildEcomSimulator(options)
    const created = await first.inject({
      method: 'POST',
      url: '/api/v3/1003/products',
      headers: { authorization: 'Bearer secret_demo' },
      payload: { name: 'Survivor', sku: 'KEEP' },
    })
    await first.close()

    sim = {
      app: buildEcomSimulator(options),
      api: async () => ({ status: 0, body: undefined, headers: {} }),
    }
    const found = await sim.app.inject({
      url: '/api/v3/1003/products?sku=KEEP',
      headers: { authorization: 'Bearer secret_demo' },
    })
    const next = await sim.app.inject({
      method: 'POST',
      url: '/api/v3/1003/products',
      headers: { authorization: 'Bearer secret_demo' },
      payload: { name: 'Second', sku: 'NEXT' },
    })

    expect(found.json().items[0].id).toBe(created.json().id)
    expect(next.json().id).toBeGreaterThan(created.json().id)
  })

  test('seeds the demo catalog once, and /_sim/reset brings it back', async () => {
    sim = createTestSimulator({ seed: 'demo' })
    const seeded = await sim.api('GET', '/products')
    const { id } = seeded.body.items[0]

    await sim.api('DELETE', `/products/${id}`)
    await sim.api('POST', '/_sim/reset', {})
    const reset = await sim.api('GET', '/products')
    const empty = await sim.api('POST', '/_sim/reset', { seed: 'none' })
    const none = await sim.api('GET', '/products')

    expect(seeded.body.total).toBeGreaterThanOrEqual(8)
    expect(reset.body.total).toBe(seeded.body.total)
    expect(empty.status).toBe(200)
    expect(none.body.total).toBe(0)
  })

  test('the demo catalog holds the products an upload to POS must refuse', async () => {
    sim = createTestSimulator({ seed: 'demo' })

    const vest = await sim.api('GET', '/products?sku=DO-VEST')
    const socks = await sim.api('GET', '/products?sku=DO-SOCKS')
    const vneck = await sim.api('GET', '/products?sku=DO-VN-RED')
    const disabled = await sim.api('GET', '/products?enabled=false')
    const unlimited = await sim.api('GET', '/products?sku=DO-BEANIE')

    expect(vest.body.items[0].combinations.every((c: object) => !('sku' in c))).toBe(true)
    expect(socks.body.items[0].combinations.map((c: { sku: string }) => c.sku)).toEqual([
      'DO-SOCKS',
      'DO-SOCKS',
    ])
    expect(vneck.body.items[0].combinations[0].options).toContainEqual(
      expect.objectContaining({ name: 'Size', value: '' }),
    )
    expect(disabled.body.total).toBe(1)
    expect(unlimited.body.items[0]).not.toHaveProperty('quantity')
  })
})

describe('embedding the app', () => {
  test('GET /_sim/payload decrypts with the client secret to the store payload', async () => {
    sim = createTestSimulator()

    const response = await sim.api('GET', '/_sim/payload?storeId=1004')

    expect(decryptPayload(response.body.payload, TEST_CLIENT_SECRET)).toEqual({
      store_id: 1004,
      access_token: OTHER_TOKEN,
      lang: 'en',
      view_mode: 'PAGE',
      public_token: expect.stringMatching(/^public_/),
    })
    expect(response.body.payload).not.toMatch(/[+/=]/)
    expect(response.body.iframeUrl).toContain('http://localhost:3000/?payload=')
  })

  test('the admin page embeds the app with a fresh payload for the chosen store', async () => {
    sim = createTestSimulator()

    const first = await sim.app.inject({ url: '/?store=1004' })
    const second = await sim.app.inject({ url: '/?store=1004' })
    const src = (html: string) =>
      html.match(/<iframe[^>]*src="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&')
    const url = new URL(src(first.body) ?? '')

    expect(first.statusCode).toBe(200)
    expect(first.body).toContain('Listed on Lightspeed Retail')
    expect(url.searchParams.has('app_state')).toBe(true)
    expect(url.searchParams.get('cache-killer')).toBeTruthy()
    expect(decryptPayload(url.searchParams.get('payload') ?? '', TEST_CLIENT_SECRET)).toMatchObject(
      {
        store_id: 1004,
      },
    )
    expect(src(second.body)).not.toBe(src(first.body))
  })

  test('a public token reads enabled products only and cannot write', async () => {
    sim = createTestSimulator({ seed: 'demo' })
    const payload = await sim.api('GET', '/_sim/payload?storeId=1003')
    const { public_token: publicToken } = decryptPayload(
      payload.body.payload,
      TEST_CLIENT_SECRET,
    ) as {
      public_token: string
    }

    const read = await sim.api('GET', '/products?enabled=false', undefined, publicToken)
    const write = await sim.api('POST', '/products', { name: 'Nope' }, publicToken)

    expect(read.body.items.every((p: { enabled: boolean }) => p.enabled)).toBe(true)
    expect(write.status).toBe(403)
  })
})
