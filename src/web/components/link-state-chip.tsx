import Chip from '@mui/material/Chip'

import type { LinkState } from '../../contracts/api'
import { linkStateLabels } from '../lib/status-labels'

const colors = {
  synced: 'success',
  pending: 'info',
  failed: 'error',
  deleted_in_pos: 'default',
} as const

export type LinkStateChipProps = { state: LinkState }

export function LinkStateChip({ state }: LinkStateChipProps) {
  return (
    <Chip size="small" variant="outlined" color={colors[state]} label={linkStateLabels[state]} />
  )
}
