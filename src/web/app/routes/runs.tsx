import Link from '@mui/material/Link'
import Stack from '@mui/material/Stack'
import { Link as RouterLink } from 'react-router'

import { PageHeading } from '../../components/page-heading'
import { RunHistoryTable } from '../../features/runs/components/run-history-table'

export function RunsRoute() {
  return (
    <Stack spacing={3}>
      <PageHeading>Upload history</PageHeading>
      <RunHistoryTable />
      <Link component={RouterLink} to="/">
        Back to Listed on Lightspeed Retail
      </Link>
    </Stack>
  )
}
