import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Typography from '@mui/material/Typography'
import { useState } from 'react'

import type { PosConnection } from '../../../../contracts/api'
import { useConnectPos, type ConnectPosState } from '../api/use-connect-pos'
import { DisconnectPosDialog } from './disconnect-pos-dialog'

const WAITING_TEXT = 'Allow the app in the Retail POS window to finish connecting.'
const BLOCKED_TEXT = 'Your browser did not open the Retail POS window.'
const CONNECTED_TEXT = 'Retail POS is connected.'

export type PosConnectionControlsProps = {
  connection: PosConnection
  /** The Retail POS store's name, when it answered. */
  storeName: string | null
}

/** Connect, reconnect or disconnect the store's Retail POS, and how a connect is going. */
export function PosConnectionControls({ connection, storeName }: PosConnectionControlsProps) {
  const connect = useConnectPos()
  const [isConfirming, setIsConfirming] = useState(false)
  const { step } = connect.state
  const isBusy = step === 'starting' || step === 'waiting'

  return (
    <>
      {/* Always there, so that screen readers announce what it says when it changes. */}
      <Typography role="status" variant="body2" component="span">
        {isBusy ? WAITING_TEXT : ''}
      </Typography>
      {isBusy ? (
        <Button size="small" onClick={connect.cancel}>
          Stop connecting
        </Button>
      ) : connection.status === 'connected' ? (
        <Button size="small" onClick={() => setIsConfirming(true)}>
          Disconnect Retail POS
        </Button>
      ) : (
        <Button
          size="small"
          variant="contained"
          color={connection.status === 'needs_reconnect' ? 'warning' : 'primary'}
          onClick={() => void connect.start()}
        >
          {connection.status === 'needs_reconnect' ? 'Reconnect Retail POS' : 'Connect Retail POS'}
        </Button>
      )}
      <ConnectOutcome
        state={connect.state}
        onOpen={connect.openBlocked}
        onDismiss={connect.dismiss}
      />
      <DisconnectPosDialog
        isOpen={isConfirming}
        storeName={storeName}
        onClose={() => setIsConfirming(false)}
      />
    </>
  )
}

type ConnectOutcomeProps = { state: ConnectPosState; onOpen: () => void; onDismiss: () => void }

/** What became of the last connect: connected, refused, or a window the browser blocked. */
function ConnectOutcome({ state, onOpen, onDismiss }: ConnectOutcomeProps) {
  const sx = { flexBasis: '100%' }

  if (state.step === 'blocked') {
    return (
      <Alert
        severity="warning"
        sx={sx}
        action={
          <Button color="inherit" size="small" onClick={onOpen}>
            Open Retail POS
          </Button>
        }
      >
        {BLOCKED_TEXT}
      </Alert>
    )
  }
  if (state.step === 'failed') {
    return (
      <Alert severity="error" sx={sx} onClose={onDismiss}>
        {state.message}
      </Alert>
    )
  }
  if (state.step !== 'done') return null

  return (
    <Alert
      severity={state.outcome === 'connected' ? 'success' : 'error'}
      sx={sx}
      onClose={onDismiss}
    >
      {state.outcome === 'connected' ? CONNECTED_TEXT : state.message}
    </Alert>
  )
}
