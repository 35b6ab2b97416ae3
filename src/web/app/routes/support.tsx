import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { useSearchParams } from 'react-router'

import { PageHeading } from '../../components/page-heading'
import { LoadingState } from '../../components/loading-state'
import { QueryErrorAlert } from '../../components/query-error-alert'
import { SearchField } from '../../components/search-field'
import { supportQueries } from '../../features/support/api/support-queries'
import { SupportProductCard } from '../../features/support/components/support-product-card'
import { useDebouncedValue } from '../../lib/use-debounced-value'

const HINT =
  'Find a product by SKU, name or id to see its link, every upload that touched it, every ' +
  'change and order synced since, and what the other system answered when something failed.'

/** Support: one product across every upload. The search stays in the URL to share it. */
export function SupportRoute() {
  const [params, setParams] = useSearchParams()
  const [search, setSearch] = useState(() => params.get('q') ?? '')
  const q = useDebouncedValue(search.trim())
  const found = useQuery(supportQueries.products(q))

  useEffect(() => {
    setParams(q ? { q } : {}, { replace: true })
  }, [q, setParams])

  return (
    <Stack spacing={2}>
      <PageHeading>Support</PageHeading>
      <Typography color="text.secondary">{HINT}</Typography>
      <Box role="search">
        <SearchField
          label="Find a product by SKU, name or id"
          value={search}
          onChange={setSearch}
        />
      </Box>
      {q !== '' && found.isPending && <LoadingState label="Searching…" />}
      {found.isError && (
        <QueryErrorAlert
          error={found.error}
          what="the products"
          onRetry={() => void found.refetch()}
        />
      )}
      <Box sx={{ height: 4 }}>{found.isPlaceholderData && <LinearProgress aria-hidden />}</Box>
      {found.data && q !== '' && found.data.items.length === 0 && (
        <Typography color="text.secondary">No product matches “{q}” in any upload.</Typography>
      )}
      {found.data?.isTruncated && (
        <Alert severity="info">
          More products match; only the first ones are shown. Narrow the search.
        </Alert>
      )}
      {q !== '' &&
        found.data?.items.map((product) => (
          <SupportProductCard
            key={`${product.posProductId ?? ''}:${product.ecomProductId ?? ''}`}
            product={product}
          />
        ))}
    </Stack>
  )
}
