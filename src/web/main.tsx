// Must come first: it configures zod before the contracts build their schemas.
import './lib/zod-config'

import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { RouterProvider } from 'react-router/dom'

import { AppProvider } from './app/provider'
import { createAppRouter } from './app/router'
import { createQueryClient } from './lib/query-client'

async function enableMocking() {
  if (!import.meta.env.DEV || import.meta.env.VITE_API_MOCKING !== 'true') return

  const { worker } = await import('./testing/mocks/browser')
  await worker.start({ onUnhandledRequest: 'bypass' })
}

async function start() {
  await enableMocking()

  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root element')

  const queryClient = createQueryClient()
  const router = createAppRouter(queryClient)

  createRoot(root).render(
    <StrictMode>
      <AppProvider queryClient={queryClient}>
        <RouterProvider router={router} />
      </AppProvider>
    </StrictMode>,
  )
}

void start()
