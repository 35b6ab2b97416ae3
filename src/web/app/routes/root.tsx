import Box from '@mui/material/Box'
import Container from '@mui/material/Container'
import LinearProgress from '@mui/material/LinearProgress'
import type { QueryClient } from '@tanstack/react-query'
import { useQuery } from '@tanstack/react-query'
import { useRef } from 'react'
import { Outlet, replace, useNavigation, type LoaderFunctionArgs } from 'react-router'

import { ErrorScreen } from '../../components/error-screen'
import { LoadingState } from '../../components/loading-state'
import { RouteErrorAlert } from '../../components/route-error-alert'
import { createSession, sessionQueries } from '../../features/session/api/session-queries'
import { ConnectedStores } from '../../features/session/components/connected-stores'
import { MainNav } from '../../components/main-nav'
import { isApiError } from '../../lib/api-client'
import { usePageAnnouncement } from '../use-page-announcement'

/**
 * eCom opens the app with ?payload=…: trade it for a session cookie, then drop it from the URL
 * (a replace, so no history entry keeps the token). Without it the cookie's session is read.
 */
export function createRootLoader(queryClient: QueryClient) {
  return async function rootLoader({ request }: LoaderFunctionArgs) {
    const url = new URL(request.url)
    const payload = url.searchParams.get('payload')

    if (payload) {
      const session = await createSession(payload, { signal: request.signal })
      queryClient.setQueryData(sessionQueries.current().queryKey, session)
      url.searchParams.delete('payload')

      return replace(`${url.pathname}${url.search}${url.hash}`)
    }

    await queryClient.ensureQueryData(sessionQueries.current())

    return null
  }
}

export function RootLayout() {
  const session = useQuery(sessionQueries.current())
  const navigation = useNavigation()
  // The cookie can expire while the app is open: a later refetch answers 401.
  const lostStatus = isApiError(session.error) ? session.error.status : undefined
  const isSessionLost = lostStatus === 401 || lostStatus === 403
  const main = useRef<HTMLElement>(null)
  usePageAnnouncement(main)

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <Box sx={{ height: 4 }}>
        {navigation.state === 'loading' && <LinearProgress aria-label="Loading page" />}
      </Box>
      <Container maxWidth="lg">
        <Box
          component="header"
          sx={{
            py: 1.5,
            borderBottom: 1,
            borderColor: 'divider',
            display: 'flex',
            flexWrap: 'wrap',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 1.5,
          }}
        >
          {session.data && <ConnectedStores session={session.data} />}
          <MainNav />
        </Box>
        <Box component="main" ref={main} sx={{ py: 3 }}>
          {isSessionLost ? <ErrorScreen status={lostStatus} /> : <Outlet />}
        </Box>
      </Container>
    </Box>
  )
}

export function RootError() {
  return (
    <Container component="main" maxWidth="lg">
      <RouteErrorAlert />
    </Container>
  )
}

export function RootFallback() {
  return (
    <Container component="main" maxWidth="lg">
      <LoadingState label="Loading Listed on Lightspeed Retail…" />
    </Container>
  )
}
