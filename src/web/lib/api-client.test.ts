import { http, HttpResponse } from 'msw'
import { expect, test } from 'vitest'
import { z } from 'zod'

import { server } from '../testing/mocks/node'
import { apiClient, ApiError } from './api-client'

const pingSchema = z.object({ ok: z.boolean() })

test('parses an answer with its contract schema', async () => {
  server.use(http.get('/api/ping', () => HttpResponse.json({ ok: true })))

  await expect(apiClient.get('/api/ping', pingSchema)).resolves.toEqual({ ok: true })
})

test("turns the BFF's error body into an ApiError with its message", async () => {
  server.use(
    http.get('/api/ping', () =>
      HttpResponse.json(
        { error: { code: 'currency_mismatch', message: 'Currencies differ.', requestId: 'r-1' } },
        { status: 409 },
      ),
    ),
  )

  const error = await apiClient.get('/api/ping', pingSchema).catch((caught: unknown) => caught)

  expect(error).toBeInstanceOf(ApiError)
  expect(error).toMatchObject({
    status: 409,
    code: 'currency_mismatch',
    message: 'Currencies differ.',
    requestId: 'r-1',
  })
})

test('reports a service that does not answer as status 0', async () => {
  server.use(http.get('/api/ping', () => HttpResponse.error()))

  await expect(apiClient.get('/api/ping', pingSchema)).rejects.toMatchObject({
    status: 0,
    code: 'network_error',
  })
})

test('refuses an answer that does not match the contract', async () => {
  server.use(http.get('/api/ping', () => HttpResponse.json({ ok: 'yes' })))

  await expect(apiClient.get('/api/ping', pingSchema)).rejects.toMatchObject({
    code: 'invalid_response',
  })
})
