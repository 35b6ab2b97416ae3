import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Stack from '@mui/material/Stack'

import type { Session } from '../../../../contracts/api'

export type BlockerAlertsProps = { blockers: Session['blockers'] }

/** What stops an upload right now; each message from the BFF says what to change and where. */
export function BlockerAlerts({ blockers }: BlockerAlertsProps) {
  if (blockers.length === 0) return null

  return (
    <Stack component="section" spacing={1} aria-label="Before you upload">
      {blockers.map((blocker) => (
        <Alert key={blocker.code} severity="warning" data-blocker={blocker.code}>
          <AlertTitle>Uploads are paused</AlertTitle>
          {blocker.message}
        </Alert>
      ))}
    </Stack>
  )
}
