import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, expect, test } from 'vitest'

import { createFakeClock } from './clock'
import { createPacedRequester } from './paced-requester'
import { Pacer } from './pacer'
import { UpstreamError } from './upstream-error'

// Real sockets, no msw: the difference between "never connected" and "dropped after sending"
// only shows on a real connection.

let server: Server | null = null

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)))
  server = null
})

function requesterFor(baseUrl: string) {
  const clock = createFakeClock()

  return createPacedRequester({
    system: 'pos',
    baseUrl,
    token: 'tok',
    rateLimit: { limit: 350, windowMs: 300_000 },
    readVendorError: () => ({ vendorCode: null, upstreamMessage: null }),
    clock,
    pacer: new Pacer({ limit: 350, windowMs: 300_000 }, clock),
    retry: { maxRetries: 2 },
    timeoutMs: 2000,
  })
}

test('a POST whose connection drops after sending is not resent: outcome unknown', async () => {
  let received = 0
  server = createServer((req) => {
    received += 1
    req.resume()
    req.on('end', () => req.socket.destroy())
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  const error = await requesterFor(`http://127.0.0.1:${port}`)
    .request({ method: 'POST', path: '/api/2.0/products', body: { name: 'A' } })
    .catch((e: unknown) => e)

  expect(error).toBeInstanceOf(UpstreamError)
  expect(error).toMatchObject({ status: null, vendorCode: 'NETWORK_ERROR', outcomeUnknown: true })
  expect(received).toBe(1)
})

test('a POST that never connected is safe to resend and its outcome is known', async () => {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  const requester = requesterFor(`http://127.0.0.1:${port}`)

  const error = await requester
    .request({ method: 'POST', path: '/api/2.0/products', body: {} })
    .catch((e: unknown) => e)

  expect(error).toMatchObject({
    vendorCode: 'NETWORK_ERROR',
    outcomeUnknown: false,
    retryable: true,
  })
  expect(requester.stats().requests).toBe(3)
})
