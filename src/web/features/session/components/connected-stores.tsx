import StorefrontOutlinedIcon from '@mui/icons-material/StorefrontOutlined'
import Box from '@mui/material/Box'
import Typography from '@mui/material/Typography'

import type { ConnectedStore, Session } from '../../../../contracts/api'
import { PosConnectionControls } from './pos-connection-controls'

function storeDetail(store: ConnectedStore) {
  const taxMode = store.taxExclusive ? 'Tax exclusive' : 'Tax inclusive'

  return `${store.name} · ${store.currency} · ${taxMode}`
}

/** The Retail POS line: the store it reaches (and its domain prefix), or what is missing. */
function posDetail({ pos, posConnection }: Session) {
  const prefix = posConnection.domainPrefix ? ` (${posConnection.domainPrefix})` : ''

  if (posConnection.status === 'not_connected') return 'Not connected'
  if (posConnection.status === 'needs_reconnect') return `Needs reconnecting${prefix}`
  if (!pos) return `Connected${prefix}, not answering`

  return `${storeDetail(pos)}${prefix}`
}

function StoreLine({ side, detail }: { side: string; detail: string }) {
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

/** Both stores side by side, with name, currency and tax mode, and the Retail POS connection. */
export function ConnectedStores({ session }: ConnectedStoresProps) {
  return (
    <Box
      component="section"
      aria-label="Connected stores"
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        alignItems: 'center',
        gap: 1.5,
        color: 'text.secondary',
      }}
    >
      <StorefrontOutlinedIcon fontSize="small" aria-hidden />
      <Box
        component="ul"
        sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, m: 0, p: 0 }}
      >
        <StoreLine
          side="eCom"
          detail={session.ecom ? storeDetail(session.ecom) : 'Not connected'}
        />
        <StoreLine side="Retail POS" detail={posDetail(session)} />
      </Box>
      <PosConnectionControls
        connection={session.posConnection}
        storeName={session.pos?.name ?? null}
      />
    </Box>
  )
}
