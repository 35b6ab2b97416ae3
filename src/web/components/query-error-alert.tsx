import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'

import { isApiError } from '../lib/api-client'
import { errorKindOf, SESSION_EXPIRED_TEXT, UNREACHABLE_TITLE } from '../lib/error-text'

export type QueryErrorAlertProps = {
  error: unknown
  what: string
  onRetry: () => void
}

/** A section that failed to load inside a page that works: says what failed and offers Retry. */
export function QueryErrorAlert({ error, what, onRetry }: QueryErrorAlertProps) {
  const kind = errorKindOf(isApiError(error) ? error.status : undefined)

  if (kind === 'session-expired') return <Alert severity="warning">{SESSION_EXPIRED_TEXT}</Alert>

  const retry = (
    <Button color="inherit" size="small" onClick={onRetry}>
      Retry
    </Button>
  )
  const detail =
    kind === 'unreachable' || !isApiError(error) ? `${UNREACHABLE_TITLE}.` : error.message

  return (
    <Alert severity="error" action={retry}>
      <AlertTitle>Could not load {what}</AlertTitle>
      {detail}
    </Alert>
  )
}
