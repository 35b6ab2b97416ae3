import Alert from '@mui/material/Alert'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'

import { PageHeading } from '../../components/page-heading'
import { LoadingState } from '../../components/loading-state'
import { QueryErrorAlert } from '../../components/query-error-alert'
import { settingsQueries } from '../../features/settings/api/settings-queries'
import { StoreSettingsForm } from '../../features/settings/components/store-settings-form'
import { sessionQueries } from '../../features/session/api/session-queries'

/** Settings: which Retail POS outlets stock the online store and serve it, and how it is paid. */
export function SettingsRoute() {
  const session = useQuery(sessionQueries.current())
  const isPosConnected = session.data?.posConnection.status === 'connected'
  const settings = useQuery({ ...settingsQueries.current(), enabled: isPosConnected })

  return (
    <Stack spacing={2}>
      <PageHeading>Settings</PageHeading>
      <Typography color="text.secondary">
        Choose, among your Retail POS outlets, the ones whose stock eCom sells and the one that
        serves your online store, and how eCom sales are paid in Retail POS.
      </Typography>
      {session.data && !isPosConnected && (
        <Alert severity="info">
          Connect Retail POS (at the top of the app) to choose its outlets and payment type here.
        </Alert>
      )}
      {isPosConnected && settings.isPending && <LoadingState label="Loading the settings…" />}
      {settings.isError && (
        <QueryErrorAlert
          error={settings.error}
          what="the settings"
          onRetry={() => void settings.refetch()}
        />
      )}
      {settings.data && <StoreSettingsForm settings={settings.data} />}
    </Stack>
  )
}
