/**
 * Every route validates what it is sent. Property-based: malformed, oversized and hostile bodies,
 * query strings and path parameters, with and without a session, get a clear 4xx (never a 500)
 * and store nothing. On SQLite and on PostgreSQL, which refuses some text SQLite takes.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase, postgresUnavailable, type TestDatabase } from './testing/postgres'
import { startTestWorld, type TestWorld } from './testing/test-world'

const noPostgres = await postgresUnavailable()
const RUNS = 60

const HOSTILE = [
  "' OR 1=1 --",
  '"; DROP TABLE runs; --',
  '\u0000',
  'a\u0000b',
  '%00',
  '%',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '\uD800',
  '\uDFFFx\uD800',
  '🍃'.repeat(80),
  'x'.repeat(5000),
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  '1e309',
  '-1',
  '0',
  '99999999999999999999999',
  'NaN',
  'null',
  '[]',
  '{}',
  ' ',
  '\u202e\u2028',
]

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
)
const hostileValue = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
)
const queryKey = fc.oneof(
  fc.constantFrom('page', 'pageSize', 'side', 'q', 'status', 'state', 'direction', 'id'),
  hostileString,
)

/** A query string from hostile pairs, repeated keys included, plus raw malformed ones. */
const queryString = fc.oneof(
  fc.array(fc.tuple(queryKey, hostileString), { maxLength: 6 }).map((pairs) => {
    const params = new URLSearchParams()
    for (const [key, value] of pairs) params.append(key, value)

    return `?${params.toString()}`
  }),
  fc.constantFrom(
    '?page=%E0%A4%A',
    '?q=%',
    '?q=%00',
    '?page[]=1',
    '?page=1&page=2',
    '?pageSize=100&page=100000',
    '?side=pos&pageSize=0',
    '?side=ecom&q=' + 'a'.repeat(201),
    '?' + 'a=1&'.repeat(2000),
  ),
)

const runBody = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      direction: fc.oneof(fc.constantFrom('pos-to-ecom', 'ecom-to-pos'), hostileValue),
      selection: fc.oneof(
        fc.record({ kind: fc.oneof(fc.constant('all'), hostileValue) }),
        fc.record({
          kind: fc.oneof(fc.constant('ids'), hostileValue),
          ids: fc.oneof(fc.array(hostileString, { maxLength: 8 }), hostileValue),
        }),
        hostileValue,
      ),
    },
    { requiredKeys: [] },
  ),
)

const pathId = fc.oneof(
  hostileString.map((s) =>
    [...Buffer.from(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''),
  ),
  fc.uuid(),
  fc.constantFrom('%', '%2e%2e', '..', 'a'.repeat(500), '%00'),
)

const settingsBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      onlineOutletId: hostileValue,
      stockOutletIds: fc.oneof(
        fc.constant('all'),
        fc.array(hostileString, { maxLength: 4 }),
        hostileValue,
      ),
      ecomPaymentTypeId: hostileValue,
    },
    { requiredKeys: [] },
  ),
)

type Request = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH'
  url: string
  payload?: string
  contentType?: string
}

const json = (value: unknown) => JSON.stringify(value) ?? 'null'

const request: fc.Arbitrary<Request> = fc.oneof(
  queryString.map((q) => ({ method: 'GET' as const, url: `/api/session${q}` })),
  fc
    .oneof(fc.record({ payload: hostileValue }), fc.jsonValue())
    .map((body) => ({ method: 'POST' as const, url: '/api/session', payload: json(body) })),
  queryString.map((q) => ({ method: 'GET' as const, url: `/api/source-products${q}` })),
  runBody.map((body) => ({ method: 'POST' as const, url: '/api/runs', payload: json(body) })),
  queryString.map((q) => ({ method: 'GET' as const, url: `/api/runs${q}` })),
  pathId.map((id) => ({ method: 'GET' as const, url: `/api/runs/${id}` })),
  fc
    .tuple(pathId, queryString)
    .map(([id, q]) => ({ method: 'GET' as const, url: `/api/runs/${id}/items${q}` })),
  queryString.map((q) => ({ method: 'GET' as const, url: `/api/links${q}` })),
  queryString.map((q) => ({ method: 'GET' as const, url: `/api/store-settings${q}` })),
  settingsBody.map((body) => ({
    method: 'PUT' as const,
    url: '/api/store-settings',
    payload: json(body),
  })),
  fc
    .tuple(
      fc.constantFrom('PUT', 'DELETE', 'PATCH') as fc.Arbitrary<Request['method']>,
      fc.constantFrom('/api/runs', '/api/links', '/api/session', '/api/nope'),
    )
    .map(([method, url]) => ({ method, url, payload: '{}' })),
  fc
    .tuple(
      fc.constantFrom('/api/runs', '/api/session'),
      fc.constantFrom(
        '{"direction":',
        'not json',
        '{"__proto__":{"admin":true}}',
        `{"payload":"${'A'.repeat(300_000)}"}`,
        '[' + '['.repeat(5000) + ']'.repeat(5000) + ']',
      ),
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
      ),
    )
    .map(([url, payload, contentType]) => ({ method: 'POST' as const, url, payload, contentType })),
)

/** Requests that once reached a database or a parser they could break; always tried first. */
const EXAMPLES: [Request, 'mine'][] = [
  [{ method: 'GET', url: '/api/links?q=%00' }, 'mine'],
  [{ method: 'GET', url: '/api/source-products?side=pos&q=a%00b' }, 'mine'],
  [{ method: 'GET', url: '/api/runs/%' }, 'mine'],
  [{ method: 'GET', url: '/api/runs/%00/items' }, 'mine'],
  [
    {
      method: 'POST',
      url: '/api/runs',
      payload: json({ direction: 'pos-to-ecom', selection: { kind: 'ids', ids: ['a\u0000b'] } }),
    },
    'mine',
  ],
  [
    { method: 'POST', url: '/api/runs', payload: '[' + '['.repeat(5000) + ']'.repeat(5000) + ']' },
    'mine',
  ],
  [{ method: 'POST', url: '/api/session', payload: json({ payload: '\u0000' }) }, 'mine'],
  [
    {
      method: 'PUT',
      url: '/api/store-settings',
      payload: json({
        onlineOutletId: 'a\u0000b',
        stockOutletIds: ['\uD800'],
        ecomPaymentTypeId: null,
      }),
    },
    'mine',
  ],
]

describe.each([
  { name: 'SQLite', skip: null },
  { name: 'PostgreSQL', skip: noPostgres },
])('on $name', ({ name, skip }) => {
  let world: TestWorld
  let database: TestDatabase | undefined
  let cookie: string

  beforeAll(async () => {
    if (skip) return
    if (name === 'PostgreSQL') database = await createTestDatabase()
    world = await startTestWorld({ env: database ? { DATABASE_URL: database.url } : {} })
    // Runs started by the valid bodies stay queued: this is about the answers.
    await world.ctx.worker.stop()
    cookie = await world.openSession()
  })
  afterAll(async () => {
    await world?.stop()
    await database?.drop()
  })

  async function stored() {
    const db = world.ctx.db
    const count = async (
      table: 'runs' | 'run_items' | 'stores' | 'sessions' | 'links' | 'store_settings',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    return Promise.all(
      (['runs', 'run_items', 'stores', 'sessions', 'links', 'store_settings'] as const).map(
        (table) => count(table),
      ),
    )
  }

  test.skipIf(skip)(
    `malformed, oversized and hostile requests to every route get a 4xx with a clear error, never a 500, and store nothing${skip ? ` (skipped: ${skip})` : ''}`,
    async () => {
      const session = fc.constantFrom<'none' | 'mine' | 'forged'>('mine', 'mine', 'none', 'forged')

      await fc.assert(
        fc.asyncProperty(request, session, async (req, who) => {
          const before = await stored()
          const headers: Record<string, string> = {
            'content-type': req.contentType ?? 'application/json',
          }
          if (who === 'mine') headers.cookie = cookie
          if (who === 'forged') headers.cookie = 'lls_session=forged-session-secret'

          const res = await world.app.inject({
            method: req.method,
            url: req.url,
            headers: req.payload === undefined ? { cookie: headers.cookie ?? '' } : headers,
            payload: req.payload,
          })

          expect(res.statusCode, `${req.method} ${req.url.slice(0, 200)}`).toBeLessThan(500)
          if (res.statusCode >= 400) {
            expect(res.json()).toMatchObject({
              error: {
                code: expect.any(String),
                message: expect.any(String),
                requestId: expect.any(String),
              },
            })
            expect(await stored()).toEqual(before)
          }
        }),
        { numRuns: RUNS * 5, interruptAfterTimeLimit: 20_000, examples: EXAMPLES },
      )
    },
    30_000,
  )
})
