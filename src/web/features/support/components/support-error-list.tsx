import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'

import type { SupportItem } from '../../../../contracts/api'
import { ItemStatusChip } from '../../../components/item-status-chip'
import { directionTitles } from '../../../lib/direction-labels'
import { formatDateTime } from '../../../lib/format'
import { UpstreamDetail } from './upstream-detail'

export type SupportErrorListProps = { items: SupportItem[] }

/** The product's latest failures and refusals, with what the other system answered. */
export function SupportErrorList({ items }: SupportErrorListProps) {
  return (
    <Box sx={{ my: 2 }}>
      <Typography variant="subtitle1" component="h3">
        Last errors
      </Typography>
      <Box component="ul" sx={{ pl: 0, listStyle: 'none', m: 0 }}>
        {items.map((item) => (
          <Box
            component="li"
            key={item.itemId}
            sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}
          >
            <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
              <ItemStatusChip status={item.status} />
              <Typography variant="body2">
                {formatDateTime(item.updatedAt)} · {directionTitles[item.direction]}
              </Typography>
            </Box>
            <Box component="ul" sx={{ pl: 2.5, my: 0.5 }}>
              {item.reasons.map((reason, index) => (
                <Typography component="li" variant="body2" key={index}>
                  {reason}
                </Typography>
              ))}
            </Box>
            {item.detail && <UpstreamDetail detail={item.detail} />}
          </Box>
        ))}
      </Box>
    </Box>
  )
}
