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
