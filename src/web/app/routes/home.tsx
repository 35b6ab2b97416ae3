import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useNavigate } from 'react-router'

import type { Direction } from '../../../contracts/api'
import { PageHeading } from '../../components/page-heading'
import { linkQueries } from '../../features/links/api/link-queries'
import { LinksTable } from '../../features/links/components/links-table'
import { runQueries } from '../../features/runs/api/run-queries'
import { useRunFinished } from '../../features/runs/api/use-run-finished'
import { RunStatusPanel } from '../../features/runs/components/run-status-panel'
import { sessionQueries } from '../../features/session/api/session-queries'
import { BlockerAlerts } from '../../features/session/components/blocker-alerts'
import { SettingsProblemAlerts } from '../../features/settings/components/settings-problem-alerts'
import { directionTitles } from '../../lib/direction-labels'

const DIRECTIONS: Direction[] = ['pos-to-ecom', 'ecom-to-pos']

export function HomeRoute() {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const session = useQuery(sessionQueries.current())
  const latest = useQuery(runQueries.list({ page: 1, pageSize: 1 }))
  const latestRunId = latest.data?.items[0]?.id
  const blockers = session.data?.blockers ?? []
  const isBlocked = blockers.length > 0

  const refreshLinks = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: linkQueries.all() })
  }, [queryClient])
  useRunFinished(latestRunId, refreshLinks)

  return (
    <Stack spacing={3}>
      <PageHeading>Listed on Lightspeed Retail</PageHeading>
      <Typography color="text.secondary">
        Move products between Retail POS and eCom. Once uploaded, Retail POS leads: edit name, SKU,
        price and stock there and eCom follows.
      </Typography>
      <BlockerAlerts blockers={blockers} />
      <SettingsProblemAlerts problems={session.data?.settingsProblems ?? []} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        {DIRECTIONS.map((direction) => (
          <Button
            key={direction}
            variant="contained"
            disabled={isBlocked}
            onClick={() => void navigate(`/upload/${direction}`)}
          >
            {directionTitles[direction]}
          </Button>
        ))}
      </Box>
      {latestRunId && <RunStatusPanel runId={latestRunId} />}
      <LinksTable />
    </Stack>
  )
}
