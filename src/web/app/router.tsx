import type { QueryClient } from '@tanstack/react-query'
import { createBrowserRouter, type RouteObject } from 'react-router'

import { RouteErrorAlert } from '../components/route-error-alert'
import { HomeRoute } from './routes/home'
import { createRootLoader, RootError, RootFallback, RootLayout } from './routes/root'

export function createRoutes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      id: 'root',
      path: '/',
      loader: createRootLoader(queryClient),
      element: <RootLayout />,
      errorElement: <RootError />,
      hydrateFallbackElement: <RootFallback />,
      children: [
        {
          errorElement: <RouteErrorAlert />,
          children: [
            { index: true, element: <HomeRoute /> },
            {
              path: 'upload/:direction',
              lazy: async () => {
                const route = await import('./routes/upload')

                return { loader: route.uploadLoader, Component: route.UploadRoute }
              },
            },
            {
              path: 'runs',
              lazy: async () => ({ Component: (await import('./routes/runs')).RunsRoute }),
            },
            {
              path: 'runs/:id',
              lazy: async () => {
                const route = await import('./routes/run')

                return { loader: route.createRunLoader(queryClient), Component: route.RunRoute }
              },
            },
            {
              path: 'support',
              lazy: async () => ({ Component: (await import('./routes/support')).SupportRoute }),
            },
            {
              path: 'settings',
              lazy: async () => ({ Component: (await import('./routes/settings')).SettingsRoute }),
            },
            { path: '*', loader: notFound, element: null },
          ],
        },
      ],
    },
  ]
}

function notFound(): never {
  throw new Response(null, { status: 404 })
}

export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter(createRoutes(queryClient))
}
