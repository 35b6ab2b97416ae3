import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Link from '@mui/material/Link'
import { isRouteErrorResponse, Link as RouterLink, useRevalidator, useRouteError } from 'react-router'

import { isApiError } from '../lib/api-client'
import { errorKindOf, SESSION_EXPIRED_TEXT, UNREACHABLE_TITLE } from '../lib/error-text'

function statusOf(error: unknown) {
  if (isApiError(error)) return error.status
  if (isRouteErrorResponse(error)) return error.status

  return undefined
}

/** errorElement of every route: the Alert is chosen by the status of what failed. */
export function RouteErrorAlert() {
  const error = useRouteError()
  const revalidator = useRevalidator()
  const status = statusOf(error)
  const kind = isApiError(error) || isRouteErrorResponse(error) ? errorKindOf(status) : 'other'

  return (
    <Box component="main" sx={{ p: 3 }}>
      {kind === 'session-expired' && (
        <Alert severity="warning">
          <AlertTitle>Session expired</AlertTitle>
          {SESSION_EXPIRED_TEXT}
        </Alert>
      )}
      {kind === 'not-found' && (
        <Alert severity="info">
          <AlertTitle>Not found</AlertTitle>
          This page does not exist or is no longer available.{' '}
          <Link component={RouterLink} to="/">
            Back to Listed on Lightspeed Retail
          </Link>
        </Alert>
      )}
      {kind === 'unreachable' && (
        <Alert
          severity="error"
          action={
            <Button
              color="inherit"
              size="small"
              loading={revalidator.state === 'loading'}
              onClick={() => void revalidator.revalidate()}
            >
              Retry
            </Button>
          }
        >
          <AlertTitle>{UNREACHABLE_TITLE}</AlertTitle>
          Check your connection, then try again.
        </Alert>
      )}
      {kind === 'other' && (
        <Alert severity="error">
          <AlertTitle>Something went wrong</AlertTitle>
          {isApiError(error) ? error.message : 'The app hit an unexpected problem.'}
          {isApiError(error) && error.requestId && ` Reference for support: ${error.requestId}.`}
        </Alert>
      )}
    </Box>
  )
}
