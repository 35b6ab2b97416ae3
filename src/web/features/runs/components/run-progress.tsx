import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import Typography from '@mui/material/Typography'

import type { Run } from '../../../../contracts/api'
import { isRunActive, runPaceText, runStatusText } from '../utils/run-status'

export type RunProgressProps = { run: Run }

export function RunProgress({ run }: RunProgressProps) {
  const { counts } = run
  const done = counts.total - counts.pending
  const percent = counts.total === 0 ? (isRunActive(run) ? 0 : 100) : (done / counts.total) * 100
  const countLines = [
    ['Created', counts.created],
    ['Linked', counts.linked],
    ['Failed', counts.failed],
    ['Refused', counts.refused],
    ['Left', counts.pending],
  ] as const

  return (
    <Box>
      <Typography
        role="status"
        data-testid="run-status"
        variant="subtitle1"
        sx={{ fontWeight: 600 }}
      >
        {runStatusText(run)}
      </Typography>
      {isRunActive(run) && (
        <Typography variant="body2" data-testid="run-pace">
          {runPaceText(run)}
        </Typography>
      )}
      {run.message && run.message !== runStatusText(run) && (
        <Typography variant="body2" color="text.secondary">
          {run.message}
        </Typography>
      )}
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label="Upload progress"
        sx={{ my: 1.5, height: 8, borderRadius: 1 }}
      />
      <Typography variant="body2">
        {done} of {counts.total} processed
      </Typography>
      <Box
        component="ul"
        aria-label="Counts"
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, listStyle: 'none', p: 0, m: 0, mt: 1 }}
      >
        {countLines.map(([label, value]) => (
          <Typography component="li" variant="body2" key={label}>
            {label}: {value}
          </Typography>
        ))}
      </Box>
    </Box>
  )
}
