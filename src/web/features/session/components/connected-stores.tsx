import StorefrontOutlinedIcon from '@mui/icons-material/StorefrontOutlined'
import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'

import type { ConnectedStore, Session } from '../../../../contracts/api'
import { PosConnectionButton } from './pos-connection-button'

function StoreLine({ side, store }: { side: string; store: ConnectedStore | null }) {
  const taxMode = store?.taxExclusive ? 'Tax exclusive' : 'Tax inclusive'
  const detail = store ? `${store.name} · ${store.currency} · ${taxMode}` : 'Not connected'

  return (
    <Typography component="li" variant="body2" sx={{ listStyle: 'none' }}>
      <Box component="span" sx={{ fontWeight: 600 }}>
        {side}:
      </Box>{' '}
      {detail}
    </Typography>
  )
}

export type ConnectedStoresProps = { session: Session }

export function ConnectedStores({ session }: ConnectedStoresProps) {
  return (
    <Box
      component="section"
      aria-label="Connected stores"
      sx={{ display: 'flex', alignItems: 'center', gap: 1.5, color: 'text.secondary' }}
    >
      <StorefrontOutlinedIcon fontSize="small" aria-hidden />
      <Box
        component="ul"
        sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, m: 0, p: 0 }}
      >
        <StoreLine side="eCom" store={session.ecom} />
        <StoreLine side="Retail POS" store={session.pos} />
      </Box>
      <PosConnectionButton isConnected={session.pos !== null} />
    </Box>
  )
}
