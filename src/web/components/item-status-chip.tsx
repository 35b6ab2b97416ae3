import Chip from '@mui/material/Chip'

import type { ItemStatus } from '../../contracts/api'
import { itemStatusLabels } from '../lib/status-labels'

const colors = {
  pending: 'default',
  running: 'info',
  created: 'success',
  linked: 'success',
  failed: 'error',
  refused: 'warning',
} as const

export type ItemStatusChipProps = { status: ItemStatus }

export function ItemStatusChip({ status }: ItemStatusChipProps) {
  return (
    <Chip size="small" variant="outlined" color={colors[status]} label={itemStatusLabels[status]} />
  )
}
