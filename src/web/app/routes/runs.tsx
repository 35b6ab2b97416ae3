import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { Link as RouterLink } from 'react-router'

import { RunHistoryTable } from '../../features/runs/components/run-history-table'

export function RunsRoute() {
  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        Upload history
      </Typography>
      <RunHistoryTable />
      <Link component={RouterLink} to="/">
        Back to Listed on Lightspeed Retail
      </Link>
    </Stack>
  )
}
