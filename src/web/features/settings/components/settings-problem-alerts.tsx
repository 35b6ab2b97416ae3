import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import { Link as RouterLink } from 'react-router'

export type SettingsProblemAlertsProps = { problems: string[] }

/**
 * A chosen outlet or payment type that Retail POS no longer has: eCom sales or stock wait on it,
 * so it is said where the merchant looks every day, with the way to the screen that fixes it.
 */
export function SettingsProblemAlerts({ problems }: SettingsProblemAlertsProps) {
  if (problems.length === 0) return null

  return (
    <Stack component="section" spacing={1} aria-label="Settings to check">
      {problems.map((problem) => (
        <Alert
          key={problem}
          severity="warning"
          action={
            <Button component={RouterLink} to="/settings" color="inherit" size="small">
              Open Settings
            </Button>
          }
        >
          <AlertTitle>Settings need a look</AlertTitle>
          {problem}
        </Alert>
      ))}
    </Stack>
  )
}
