import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import { useState } from 'react'

// LIMITATION: connecting or disconnecting a store's own Retail POS account (X-Series OAuth) is
// not offered yet; every store uses the account the app was set up with (POS_API_URL, POS_TOKEN).
// The control says so instead of pretending to work.
const NOT_YET_TEXT =
  'This app uses the Retail POS account it was set up with. Connecting your own Retail POS ' +
  'account, or disconnecting it, from here is coming soon. Until then, ask the person who set ' +
  'up the app to change it.'

/** Connect or disconnect Retail POS: says plainly that it is not offered yet. */
export function PosConnectionButton({ isConnected }: { isConnected: boolean }) {
  const [isOpen, setIsOpen] = useState(false)
  const label = isConnected ? 'Disconnect Retail POS' : 'Connect Retail POS'

  return (
    <>
      <Button size="small" onClick={() => setIsOpen(true)}>
        {label}
      </Button>
      <Dialog
        open={isOpen}
        onClose={() => setIsOpen(false)}
        aria-labelledby="pos-connection-title"
        aria-describedby="pos-connection-text"
      >
        <DialogTitle id="pos-connection-title">{label}</DialogTitle>
        <DialogContent>
          <DialogContentText id="pos-connection-text">{NOT_YET_TEXT}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setIsOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  )
}
