/**
 * A webhook receiver for the simulators' tests: a local HTTP server that records every request and
 * answers with the statuses it is told to, in order (the last one repeats).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http'

export interface ReceivedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
  at: number
}

export interface TestReceiver {
  url: string
  received: ReceivedRequest[]
  /**
   * Statuses for the next answers, in order; the last one answers every request after. 0 never
   * answers.
   */
  answer(...statuses: number[]): void
  /** Waits until `count` requests have arrived, or fails after timeoutMs. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>
  close(): Promise<void>
}

export async function startTestReceiver(path = '/hooks'): Promise<TestReceiver> {
  const received: ReceivedRequest[] = []
  let statuses = [200]
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      })
      const status = statuses.length > 1 ? (statuses.shift() ?? 200) : (statuses[0] ?? 200)
      // 0 stands for a receiver that never answers, to run into the sender's timeout.
      if (status !== 0) response.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    answer(...next) {
      statuses = next.length > 0 ? next : [200]
    },
    async waitFor(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`expected ${count} webhook requests, got ${received.length}`)
        }
        await new Promise((resolve) => setTimeout(resolve, 10))
      }

      return received.slice(0, count)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
