import Fastify, { type FastifyInstance } from 'fastify'
import { afterEach, describe, expect, test } from 'vitest'
import { createFaultInjector, installFaultHooks, registerFaultRoutes } from './faults'

describe('createFaultInjector', () => {
  test('lets afterCount requests through, fires times, then stops', () => {
    const injector = createFaultInjector()
    injector.add({
      method: 'post',
      path: '/items',
      kind: 'status',
      status: 429,
      afterCount: 2,
      times: 2,
    })

    const fired = Array.from({ length: 6 }, () => injector.take('POST', '/items/1')?.status)

    expect(fired).toEqual([undefined, undefined, 429, 429, undefined, undefined])
    expect(injector.list()[0]).toMatchObject({ matched: 4, fired: 2, active: false })
  })

  test('matches a prefix, a regular expression when the path starts with ^, a method', () => {
    const injector = createFaultInjector()
    injector.add({ path: '^/items$', kind: 'status', status: 500 })
    injector.add({ method: 'DELETE', path: '/other', kind: 'status', status: 502 })

    expect(injector.take('GET', '/items')?.status).toBe(500)
    expect(injector.take('GET', '/items/1')).toBeUndefined()
    expect(injector.take('GET', '/other/1')).toBeUndefined()
    expect(injector.take('DELETE', '/other/1')?.status).toBe(502)
  })

  test('keeps firing until cleared when no count is given', () => {
    const injector = createFaultInjector()
    const rule = injector.add({ path: '/', kind: 'slow' })

    const before = [injector.take('GET', '/a'), injector.take('GET', '/b')]
    injector.remove(rule.id)
    const after = injector.take('GET', '/c')

    expect(before.every((r) => r?.kind === 'slow')).toBe(true)
    expect(after).toBeUndefined()
  })
})

describe('fault hooks and routes', () => {
  let app: FastifyInstance
  let writes: number

  afterEach(async () => {
    await app.close()
  })

  function build() {
    app = Fastify()
    writes = 0
    const injector = createFaultInjector()
    installFaultHooks(app, injector, {
      skip: (request) => request.url.startsWith('/_sim'),
      errorBody: (status) => ({ error: `status ${status}` }),
    })
    registerFaultRoutes(app, injector)
    app.post('/items', async () => ({ id: ++writes }))

    return app
  }

  test('a status fault answers before the handler, with Retry-After and its body', async () => {
    build()
    await app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: { path: '/items', kind: 'status', status: 429, retryAfter: 2, times: 1 },
    })

    const faulted = await app.inject({ method: 'POST', url: '/items' })
    const next = await app.inject({ method: 'POST', url: '/items' })

    expect(faulted.statusCode).toBe(429)
    expect(faulted.headers['retry-after']).toBe('2')
    expect(faulted.json()).toEqual({ error: 'status 429' })
    expect(next.json()).toEqual({ id: 1 })
  })

  test('slow answers after the delay', async () => {
    build()
    await app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: { path: '/items', kind: 'slow', delayMs: 150 },
    })

    const started = Date.now()
    const response = await app.inject({ method: 'POST', url: '/items' })

    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(response.json()).toEqual({ id: 1 })
  })

  test('late holds a request before it is applied: a request sent after it is applied first', async () => {
    build()
    await app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: { path: '/items', kind: 'late', delayMs: 300, times: 1 },
    })

    // then() sends an injected request at once; without it, only once awaited.
    const held = app.inject({ method: 'POST', url: '/items' }).then((r) => r.json())
    const next = await app.inject({ method: 'POST', url: '/items' })

    expect(next.json()).toEqual({ id: 1 })
    expect(await held).toEqual({ id: 2 })
  })

  test('hang with a delay stores the write, then destroys the connection', async () => {
    build()
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    await app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: { path: '/items', kind: 'hang', delayMs: 50 },
    })

    const attempt = fetch(`http://127.0.0.1:${port}/items`, { method: 'POST' })

    await expect(attempt).rejects.toThrow()
    expect(writes).toBe(1)
  })

  test('refuses an invalid fault and clears all with DELETE', async () => {
    build()

    const invalid = await app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: { kind: 'explode' },
    })
    await app.inject({
      method: 'POST',
      url: '/_sim/faults',
      payload: { path: '/items', kind: 'malformed' },
    })
    const broken = await app.inject({ method: 'POST', url: '/items' })
    await app.inject({ method: 'DELETE', url: '/_sim/faults' })
    const healed = await app.inject({ method: 'POST', url: '/items' })

    expect(invalid.statusCode).toBe(400)
    expect(() => JSON.parse(broken.body)).toThrow()
    expect(healed.json()).toEqual({ id: 2 })
  })
})
