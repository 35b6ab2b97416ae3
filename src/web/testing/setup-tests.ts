import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'

import { resetDb } from './mocks/db'
import { server } from './mocks/node'
import { disposeRouters } from './render-with-providers'

// Generous waits: the suite shares CI machines, and MUI renders slowly in jsdom.
configure({ asyncUtilTimeout: 5_000 })
vi.setConfig({ testTimeout: 30_000 })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))

beforeEach(() => {
  vi.spyOn(console, 'error')
})

afterEach(() => {
  const errors = vi.mocked(console.error).mock.calls

  cleanup()
  disposeRouters()
  server.resetHandlers()
  resetDb()
  window.history.replaceState(null, '', '/')
  vi.restoreAllMocks()

  if (errors.length > 0) {
    const text = errors.map((args) => args.map(String).join(' ')).join('\n')
    throw new Error(`console.error was called during the test:\n${text}`)
  }
})

afterAll(() => server.close())
