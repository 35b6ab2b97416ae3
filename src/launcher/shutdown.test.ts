// What `npm start` and `npm run app` print about Retail POS: a restart keeps the stores' OAuth
// connections, and the banner must not tell the merchant to connect again.
import { afterEach, expect, test, vi } from 'vitest'
import { loadConfig } from '../server/config'
import { printUrls } from './shutdown'

function printed(connectedPosStores: number, env: Record<string, string> = {}) {
  const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
  printUrls(loadConfig({ DATA_DIR: '/tmp/unused', ...env }), {
    app: true,
    simulators: true,
    connectedPosStores,
  })

  return write.mock.calls.map(([text]) => String(text)).join('')
}

afterEach(() => vi.restoreAllMocks())

test('a first start says Retail POS is not connected yet and how to connect it', () => {
  expect(printed(0)).toContain(
    'Retail POS: not connected yet; in the app select Connect Retail POS, then Allow',
  )
})

test('a restart with a store connected says so instead of asking to connect', () => {
  const text = printed(1)

  expect(text).toContain('Retail POS: connected for 1 store (kept from an earlier start)')
  expect(text).not.toContain('not connected yet')
})

test('with a personal token for every store, nothing is said about connecting', () => {
  expect(printed(0, { POS_TOKEN: 'pos-demo-token' })).not.toContain('Retail POS:')
})
