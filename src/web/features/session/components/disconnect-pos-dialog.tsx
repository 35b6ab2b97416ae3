import Alert from '@mui/material/Alert'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'

import { actionErrorText } from '../../../lib/error-text'
import { useDisconnectPos } from '../api/use-disconnect-pos'

export type DisconnectPosDialogProps = {
  isOpen: boolean
  /** The Retail POS store's name, when it answered. */
  storeName: string | null
  onClose: () => void
}

/** Asks before the app forgets its access to Retail POS. */
export function DisconnectPosDialog({ isOpen, storeName, onClose }: DisconnectPosDialogProps) {
  const disconnect = useDisconnectPos()
  const errorText = actionErrorText(disconnect.error)
  const store = storeName ? `${storeName} in Retail POS` : 'Retail POS'

  function close() {
    disconnect.reset()
    onClose()
  }

  return (
    <Dialog
      open={isOpen}
      onClose={close}
      aria-labelledby="disconnect-pos-title"
      aria-describedby="disconnect-pos-text"
    >
      <DialogTitle id="disconnect-pos-title">Disconnect Retail POS?</DialogTitle>
      <DialogContent>
        <DialogContentText id="disconnect-pos-text">
          The app forgets its access to {store}. Uploads stop, and eCom no longer follows changes
          made in Retail POS, until you connect again. Products already on eCom stay as they are.
        </DialogContentText>
        {errorText && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {errorText}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>Keep connected</Button>
        <Button
          color="error"
          loading={disconnect.isPending}
          onClick={() => disconnect.mutate(undefined, { onSuccess: close })}
        >
          Disconnect
        </Button>
      </DialogActions>
    </Dialog>
  )
}
