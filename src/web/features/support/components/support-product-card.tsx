import Box from '@mui/material/Box'
import Link from '@mui/material/Link'
import Paper from '@mui/material/Paper'
import Typography from '@mui/material/Typography'
import { useId } from 'react'
import { Link as RouterLink } from 'react-router'

import type { SupportProduct } from '../../../../contracts/api'
import { LinkStateChip } from '../../../components/link-state-chip'
import { SupportHistoryTable } from './support-history-table'
import { SupportErrorList } from './support-error-list'
import { SupportEventsTable } from './support-events-table'

export type SupportProductCardProps = { product: SupportProduct }

/**
 * One product as support sees it: its link, its last errors, every upload that touched it, and
 * what happened since (changes synced from Retail POS, eCom orders, failures a retry replaced).
 */
export function SupportProductCard({ product }: SupportProductCardProps) {
  const headingId = useId()
  const title = product.name || 'Product without a name'

  return (
    <Paper component="section" variant="outlined" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Typography id={headingId} variant="h6" component="h2">
        {title}
        {product.sku && (
          <Typography component="span" color="text.secondary" sx={{ ml: 1 }}>
            SKU {product.sku}
          </Typography>
        )}
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, my: 1 }}
      >
        <dt>Link</dt>
        <dd>
          {product.link ? <LinkStateChip state={product.link.state} /> : 'Not linked'}
          {product.link?.lastError && (
            <Typography component="span" variant="body2" color="error" sx={{ ml: 1 }}>
              {product.link.lastError}
            </Typography>
          )}
        </dd>
        <dt>Retail POS id</dt>
        <dd>{product.posProductId ?? '—'}</dd>
        <dt>eCom id</dt>
        <dd>{product.ecomProductId ?? '—'}</dd>
      </Box>
      {product.lastErrors.length > 0 && <SupportErrorList items={product.lastErrors} />}
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        Uploads
      </Typography>
      <SupportHistoryTable title={title} items={product.history} />
      <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
        Changes, orders and earlier attempts
      </Typography>
      <SupportEventsTable title={title} events={product.events} />
      {product.history[0] && (
        <Link component={RouterLink} to={`/runs/${encodeURIComponent(product.history[0].runId)}`}>
          Open the latest upload of {title}
        </Link>
      )}
    </Paper>
  )
}
