import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'

import type { SupportItem } from '../../../../contracts/api'
import { ItemStatusChip } from '../../../components/item-status-chip'
import { directionTitles } from '../../../lib/direction-labels'
import { formatDateTime } from '../../../lib/format'

export type SupportErrorListProps = { items: SupportItem[] }

/** The upstream's answer as it came, formatted when it is JSON. */
export function readableDetail(detail: string) {
  try {
    return JSON.stringify(JSON.parse(detail), null, 2)
  } catch {
    return detail
  }
}

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
            {item.detail && (
              <details>
                <summary>What the other system answered</summary>
                <Box
                  component="pre"
                  sx={{ m: 0, p: 1, bgcolor: 'grey.100', overflowX: 'auto', fontSize: 12 }}
                >
                  {readableDetail(item.detail)}
                </Box>
              </details>
            )}
          </Box>
        ))}
      </Box>
    </Box>
  )
}
