import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import Link from '@mui/material/Link'
import { Link as RouterLink } from 'react-router'

import { errorKindOf, SESSION_EXPIRED_TEXT, UNREACHABLE_TITLE } from '../lib/error-text'

export type ErrorScreenProps = {
  status: number | undefined
  message?: string | undefined
  requestId?: string | undefined
  isRetrying?: boolean
  onRetry?: (() => void) | undefined
}

/**
 * A whole page that could not be shown, explained by the status of what failed. Its title is the
 * page's h1, focused after a navigation like any PageHeading.
 */
export function ErrorScreen({ status, message, requestId, isRetrying, onRetry }: ErrorScreenProps) {
  const kind = status === undefined && message ? 'other' : errorKindOf(status)

  if (kind === 'session-expired') {
    return (
      <Alert severity="warning">
        <AlertTitle component="h1" tabIndex={-1}>
          Session expired
        </AlertTitle>
        {SESSION_EXPIRED_TEXT}
      </Alert>
    )
  }

  if (kind === 'not-found') {
    return (
      <Alert severity="info">
        <AlertTitle component="h1" tabIndex={-1}>
          Not found
        </AlertTitle>
        This page does not exist or is no longer available.{' '}
        <Link component={RouterLink} to="/">
          Back to Listed on Lightspeed Retail
        </Link>
      </Alert>
    )
  }

  if (kind === 'unreachable') {
    const retry = onRetry && (
      <Button color="inherit" size="small" loading={isRetrying ?? false} onClick={onRetry}>
        Retry
      </Button>
    )

    return (
      <Alert severity="error" action={retry}>
        <AlertTitle component="h1" tabIndex={-1}>
          {UNREACHABLE_TITLE}
        </AlertTitle>
        Check your connection, then try again.
      </Alert>
    )
  }

  return (
    <Alert severity="error">
      <AlertTitle component="h1" tabIndex={-1}>
        Something went wrong
      </AlertTitle>
      {message ?? 'The app hit an unexpected problem.'}
      {requestId && ` Reference for support: ${requestId}.`}
    </Alert>
  )
}
