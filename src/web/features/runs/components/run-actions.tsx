import DownloadIcon from '@mui/icons-material/Download'
import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogContentText from '@mui/material/DialogContentText'
import DialogTitle from '@mui/material/DialogTitle'
import { useState } from 'react'

import { apiPaths, type Run } from '../../../../contracts/api'
import { actionErrorText } from '../../../lib/error-text'
import { plural } from '../../../lib/format'
import { useCancelRun, useRetryRun } from '../api/use-run-actions'
import { isRunActive } from '../utils/run-status'

const CANCEL_TEXT =
  'Products already uploaded stay as they are. Products not started yet are not sent; the one ' +
  'being uploaded right now finishes first.'

export type RunActionsProps = { run: Run }

/** Retry the failed products, download the failed and refused ones, or cancel a running upload. */
export function RunActions({ run }: RunActionsProps) {
  const retry = useRetryRun(run.id)
  const cancel = useCancelRun(run.id)
  const [isConfirmingCancel, setIsConfirmingCancel] = useState(false)
  const { failed, refused } = run.counts
  const canRetry = failed > 0 && run.status !== 'cancelled'
  const error = retry.error ?? cancel.error
  const errorText = actionErrorText(error)

  function confirmCancel() {
    cancel.mutate(undefined, { onSettled: () => setIsConfirmingCancel(false) })
  }

  if (!canRetry && failed + refused === 0 && !isRunActive(run)) return null

  return (
    <Box component="section" aria-label="Upload actions">
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5 }}>
        {canRetry && (
          <Button
            variant="contained"
            loading={retry.isPending}
            onClick={() => retry.mutate(undefined)}
          >
            Retry {plural(failed, 'failed product', 'failed products')}
          </Button>
        )}
        {failed + refused > 0 && (
          <Button
            variant="outlined"
            component="a"
            href={apiPaths.runExport(run.id)}
            download
            startIcon={<DownloadIcon aria-hidden />}
          >
            Download failed and refused (CSV)
          </Button>
        )}
        {isRunActive(run) && (
          <Button variant="outlined" color="error" onClick={() => setIsConfirmingCancel(true)}>
            Cancel upload
          </Button>
        )}
      </Box>
      {errorText && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {errorText}
        </Alert>
      )}
      <Dialog
        open={isConfirmingCancel}
        onClose={() => setIsConfirmingCancel(false)}
        aria-labelledby="cancel-upload-title"
        aria-describedby="cancel-upload-text"
      >
        <DialogTitle id="cancel-upload-title">Cancel this upload?</DialogTitle>
        <DialogContent>
          <DialogContentText id="cancel-upload-text">{CANCEL_TEXT}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setIsConfirmingCancel(false)}>Keep uploading</Button>
          <Button color="error" loading={cancel.isPending} onClick={confirmCancel}>
            Cancel upload
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  )
}
