import Box from '@mui/material/Box'
import { isRouteErrorResponse, useRevalidator, useRouteError } from 'react-router'

import { isApiError } from '../lib/api-client'
import { ErrorScreen } from './error-screen'

/** errorElement of every route: the Alert is chosen by the status of what failed. */
export function RouteErrorAlert() {
  const error = useRouteError()
  const revalidator = useRevalidator()

  if (isApiError(error)) {
    return (
      <Box sx={{ py: 3 }}>
        <ErrorScreen
          status={error.status}
          message={error.message}
          requestId={error.requestId}
          isRetrying={revalidator.state === 'loading'}
          onRetry={() => void revalidator.revalidate()}
        />
      </Box>
    )
  }

  const status = isRouteErrorResponse(error) ? error.status : undefined

  return (
    <Box sx={{ py: 3 }}>
      <ErrorScreen
        status={status}
        message={status === undefined ? 'The app hit an unexpected problem.' : undefined}
        isRetrying={revalidator.state === 'loading'}
        onRetry={() => void revalidator.revalidate()}
      />
    </Box>
  )
}
