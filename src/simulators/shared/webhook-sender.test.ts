import { afterEach, expect, test } from 'vitest'
import { startTestReceiver, type TestReceiver } from './test-receiver'
import { createWebhookSender, type WebhookSender } from './webhook-sender'

let receiver: TestReceiver | undefined
let sender: WebhookSender | undefined

afterEach(async () => {
  sender?.stop()
  await receiver?.close()
})

function build(overrides: Partial<Parameters<typeof createWebhookSender>[0]> = {}) {
  sender = createWebhookSender({
    retryDelaysMs: [60_000, 120_000],
    timeScale: 0.001,
    timeoutMs: 1000,
    isDelivered: (status) => status === 200,
    ...overrides,
  })

  return sender
}

async function settled<T extends { status: string }>(delivery: T, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  while (delivery.status === 'pending' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }

  return delivery
}

test('retries on the scaled schedule when the receiver answers 500, until it answers 200', async () => {
  receiver = await startTestReceiver()
  receiver.answer(500, 200)
  const webhooks = build()

  const delivery = webhooks.send(
    { url: receiver.url, headers: { 'content-type': 'text/plain' }, body: 'hello' },
    { kind: 'test' },
  )
  await settled(delivery)

  expect(delivery.status).toBe('delivered')
  expect(delivery.attempts.map((a) => a.status)).toEqual([500, 200])
  expect(receiver.received.map((r) => r.body)).toEqual(['hello', 'hello'])
  expect(receiver.received[1]!.at - receiver.received[0]!.at).toBeGreaterThanOrEqual(55)
})

test('gives up after the last retry and records each failed attempt', async () => {
  receiver = await startTestReceiver()
  receiver.answer(503)
  const webhooks = build({ retryDelaysMs: [10, 10] })

  const delivery = await settled(
    webhooks.send({ url: receiver.url, headers: {}, body: '' }, { kind: 'test' }),
  )

  expect(delivery.status).toBe('failed')
  expect(delivery.attempts).toHaveLength(3)
  expect(webhooks.list({ status: 'failed' })).toHaveLength(1)
})

test('counts a receiver that does not answer in time, or cannot be reached, as not acknowledged', async () => {
  receiver = await startTestReceiver()
  receiver.answer(0)
  const webhooks = build({ retryDelaysMs: [], timeoutMs: 50 })

  const silent = webhooks.send({ url: receiver.url, headers: {}, body: '' }, {})
  const unreachable = webhooks.send({ url: 'http://127.0.0.1:1/hooks', headers: {}, body: '' }, {})
  await Promise.all([settled(silent), settled(unreachable)])

  expect(silent.status).toBe('failed')
  expect(silent.attempts[0]?.error).toBe('no answer within 50 ms')
  expect(unreachable.status).toBe('failed')
  expect(unreachable.attempts[0]?.error).toBeTruthy()
})

test('retryNow makes a pending retry due at once', async () => {
  receiver = await startTestReceiver()
  receiver.answer(500, 204)
  const webhooks = build({ timeScale: 1, isDelivered: (s) => s === 204 })

  const delivery = webhooks.send({ url: receiver.url, headers: {}, body: '' }, {})
  await receiver.waitFor(1)
  await new Promise((resolve) => setTimeout(resolve, 20))
  webhooks.retryNow()
  await settled(delivery)

  expect(delivery.status).toBe('delivered')
})
