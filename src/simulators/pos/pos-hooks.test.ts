import { afterEach, expect, test } from 'vitest'
import { BACK_OFFICE_HEADER } from './back-office'
import type { PosSimulatorOptions } from './pos-simulator'
import { openSimulator, tempDataFile, type TestSimulator, TOKEN } from './pos-test-helpers'

let sim: TestSimulator | undefined
let cleanup = () => {}

afterEach(async () => {
  await sim?.close()
  cleanup()
})

function open(options: Partial<PosSimulatorOptions>) {
  const temp = tempDataFile()
  cleanup = temp.cleanup
  sim = openSimulator({ dataFile: temp.file, ...options })

  return sim
}

const auth = { authorization: `Bearer ${TOKEN}` }

test('request 351 in a window of a 1-register store gets 429 and a dated Retry-After', async () => {
  const { app } = open({ timeScale: 1, registers: 1 })

  const answers = []
  for (let i = 0; i < 351; i++)
    answers.push(await app.inject({ url: '/api/2.0/outlets', headers: auth }))
  const last = answers.at(-1)
  const backOffice = await app.inject({
    url: '/api/2.0/outlets',
    headers: { ...auth, [BACK_OFFICE_HEADER]: '1' },
  })

  expect(answers[0]?.headers['x-ratelimit-limit']).toBe('350')
  expect(answers[349]?.statusCode).toBe(200)
  expect(last?.statusCode).toBe(429)
  expect(last?.json()).toMatchObject({
    error: 'Too Many Requests',
    message: 'Rate limiting enforced',
  })
  expect(Date.parse(String(last?.headers['retry-after']))).toBeGreaterThan(Date.now())
  expect(backOffice.statusCode).toBe(200)
})

test('the onRequest hook point runs after the token check and may answer instead', async () => {
  const seen: string[] = []
  const { app } = open({
    onRequest: async (request, reply) => {
      seen.push(request.url)
      if (request.url.includes('/tags')) return reply.code(503).send({ error: 'injected' })
    },
  })

  const refused = await app.inject({ url: '/api/2.0/tags' })
  const injected = await app.inject({ url: '/api/2.0/tags', headers: auth })
  const passed = await app.inject({ url: '/api/2.0/retailer', headers: auth })
  const control = await app.inject({
    method: 'POST',
    url: '/_sim/reset',
    headers: auth,
    payload: {},
  })

  expect(refused.statusCode).toBe(401)
  expect(injected.statusCode).toBe(503)
  expect(passed.statusCode).toBe(200)
  expect(control.statusCode).toBe(200)
  expect(seen).toEqual(['/api/2.0/tags', '/api/2.0/retailer'])
})

test('an injected fault answers with the X-Series error body, then the API recovers', async () => {
  const sim = open({})
  const fault = await sim.send('POST', '/_sim/faults', {
    path: '/api/2.0/products',
    kind: 'status',
    status: 503,
    times: 1,
  })

  const failed = await sim.app.inject({ url: '/api/2.0/products', headers: auth })
  const recovered = await sim.app.inject({ url: '/api/2.0/products', headers: auth })
  const noToken = await sim.app.inject({ method: 'POST', url: '/_sim/faults', payload: {} })

  expect(fault.status).toBe(201)
  expect(failed.statusCode).toBe(503)
  expect(failed.json()).toEqual({ error: 'Service Unavailable' })
  expect(recovered.statusCode).toBe(200)
  expect(noToken.statusCode).toBe(401)
})

test('faults spare the merchant back office and the control routes', async () => {
  const sim = open({})
  await sim.send('POST', '/_sim/faults', { path: '^/', kind: 'status', status: 500 })

  const api = await sim.app.inject({ url: '/api/2.0/outlets', headers: auth })
  const backOffice = await sim.app.inject({
    url: '/api/2.0/outlets',
    headers: { ...auth, [BACK_OFFICE_HEADER]: '1' },
  })
  const control = await sim.get<{ items: unknown[] }>('/_sim/faults')
  await sim.send('DELETE', '/_sim/faults')
  const healed = await sim.app.inject({ url: '/api/2.0/outlets', headers: auth })

  expect(api.statusCode).toBe(500)
  expect(backOffice.statusCode).toBe(200)
  expect(control.body.items).toHaveLength(1)
  expect(healed.statusCode).toBe(200)
})

test('Retry-After names a whole second no earlier than the window reset, when a retry succeeds', async () => {
  const sim = open({ timeScale: 0.01 })

  let refused
  for (let i = 0; i < 351 && !refused; i++) {
    const answer = await sim.app.inject({ url: '/api/2.0/outlets', headers: auth })
    if (answer.statusCode === 429) refused = answer
  }
  const retryAt = Date.parse(String(refused?.headers['retry-after']))
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, retryAt - Date.now())))
  const retried = await sim.app.inject({ url: '/api/2.0/outlets', headers: auth })

  expect(refused?.statusCode).toBe(429)
  expect(retryAt % 1000).toBe(0)
  expect(retried.statusCode).toBe(200)
})

test('the limit follows the registers set at run time, and headers come even with limits off', async () => {
  const sim = open({})

  const off = await sim.app.inject({ url: '/api/2.0/outlets', headers: auth })
  const settings = await sim.send('POST', '/_sim/rate-limit', { registers: 2, enabled: true })
  const twoRegisters = await sim.app.inject({ url: '/api/2.0/outlets', headers: auth })

  expect(off.headers['x-ratelimit-limit']).toBe('350')
  expect(settings.body).toMatchObject({ registers: 2, limit: 650, enabled: true })
  expect(twoRegisters.headers['x-ratelimit-limit']).toBe('650')
  expect(twoRegisters.headers['x-ratelimit-remaining']).toBe('649')
})
