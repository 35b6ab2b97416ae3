import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactElement } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'

import { AppProvider } from '../app/provider'
import { createAppRouter } from '../app/router'

type Disposable = { dispose: () => void }

const routers = new Set<Disposable>()

export function disposeRouters() {
  for (const router of routers) router.dispose()
  routers.clear()
}

function createTestQueryClient() {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: 10_000 }, mutations: { retry: false } },
  })
}

/** Renders the whole app at a URL, as the eCom admin's iframe would open it. */
export function renderApp(url = '/') {
  window.history.replaceState(null, '', url)

  const queryClient = createTestQueryClient()
  const router = createAppRouter(queryClient)
  routers.add(router)

  const user = userEvent.setup()
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  )

  return { ...view, user, router, queryClient }
}

/** Renders one component with the providers it needs, inside a router at the given path. */
export function renderWithProviders(ui: ReactElement, { path = '/' }: { path?: string } = {}) {
  const queryClient = createTestQueryClient()
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [path] })
  routers.add(router)

  const user = userEvent.setup()
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  )

  return { ...view, user, router, queryClient }
}
