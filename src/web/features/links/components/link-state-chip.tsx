import Chip from '@mui/material/Chip'

import type { LinkState } from '../../../../contracts/api'

export const linkStateLabels: Record<LinkState, string> = {
  synced: 'Synced',
  pending: 'Pending',
  failed: 'Failed',
  deleted_in_pos: 'Deleted in Retail POS',
}

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
