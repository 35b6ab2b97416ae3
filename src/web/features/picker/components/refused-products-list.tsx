import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'

import type { RunPreview } from '../../../../contracts/api'

export type RefusedProductsListProps = { preview: RunPreview }

/** Each refused product with every reason at once, so the merchant fixes it in one go. */
export function RefusedProductsList({ preview }: RefusedProductsListProps) {
  const unlisted = preview.refuse - preview.refused.length

  return (
    <Box component="section" aria-labelledby="refused-products-heading">
      <Typography id="refused-products-heading" variant="subtitle1" component="h3">
        Refused products
      </Typography>
      <Box component="ul" aria-label="Refused products" sx={{ pl: 2.5, my: 1 }}>
        {preview.refused.map((product) => (
          <li key={product.sourceId}>
            <Typography sx={{ fontWeight: 600 }}>
              {product.name || 'Product without a name'}
              {product.sku && ` (${product.sku})`}
            </Typography>
            <Box component="ul" sx={{ pl: 2, mb: 1 }}>
              {product.reasons.map((reason, index) => (
                <Typography component="li" variant="body2" key={index}>
                  {reason}
                </Typography>
              ))}
            </Box>
          </li>
        ))}
      </Box>
      {unlisted > 0 && (
        <Typography variant="body2" color="text.secondary">
          {unlisted} more refused products are not listed here. After the upload, download the full
          list from its sync status.
        </Typography>
      )}
    </Box>
  )
}
