import Alert from '@mui/material/Alert'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Dialog from '@mui/material/Dialog'
import DialogActions from '@mui/material/DialogActions'
import DialogContent from '@mui/material/DialogContent'
import DialogTitle from '@mui/material/DialogTitle'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'

import {
  sourceSideOf,
  type Direction,
  type RunPreview,
  type StartRunBody,
} from '../../../../contracts/api'
import { LoadingState } from '../../../components/loading-state'
import { QueryErrorAlert } from '../../../components/query-error-alert'
import { sideNames } from '../../../lib/direction-labels'
import { plural } from '../../../lib/format'
import { previewQueries } from '../api/preview-queries'
import { RefusedProductsList } from './refused-products-list'

export type UploadPreviewDialogProps = {
  direction: Direction
  selection: StartRunBody['selection']
  isStarting: boolean
  startError: string | null
  onConfirm: () => void
  onBack: () => void
}

export function previewSummary(preview: RunPreview) {
  return `Create ${preview.create}, link ${preview.link}, refuse ${preview.refuse}`
}

/** The confirm step: what the upload would do, computed before anything is written. */
export function UploadPreviewDialog({
  direction,
  selection,
  isStarting,
  startError,
  onConfirm,
  onBack,
}: UploadPreviewDialogProps) {
  const preview = useQuery(previewQueries.preview({ direction, selection }))
  const target = sideNames[direction === 'pos-to-ecom' ? 'ecom' : 'pos']
  const source = sideNames[sourceSideOf(direction)]
  const checking =
    selection.kind === 'all'
      ? `Checking every product in ${source}…`
      : `Checking ${plural(selection.ids.length, 'product', 'products')}…`
  // Confirm waits for the check of this selection to answer, and again while it runs again
  // (Retry): the merchant confirms only what the dialog has shown, refused products included.
  const isChecking = preview.isPending || preview.isFetching
  const data = isChecking ? undefined : preview.data
  const isEmpty = data !== undefined && data.create + data.link === 0
  const canConfirm = data !== undefined && !isEmpty

  return (
    <Dialog
      open
      onClose={onBack}
      fullWidth
      maxWidth="md"
      aria-labelledby="upload-preview-title"
      aria-describedby="upload-preview-summary"
    >
      <DialogTitle id="upload-preview-title">Check the upload to {target}</DialogTitle>
      <DialogContent>
        {isChecking && <LoadingState label={checking} />}
        {preview.isError && !isChecking && (
          <QueryErrorAlert
            error={preview.error}
            what="what this upload would do"
            onRetry={() => void preview.refetch()}
          />
        )}
        {data && (
          <Box>
            <Typography
              id="upload-preview-summary"
              variant="h6"
              component="p"
              role="status"
              data-testid="preview-summary"
            >
              {previewSummary(data)}
            </Typography>
            <Typography color="text.secondary" sx={{ mb: 2 }}>
              {data.create} new in {target}, {data.link} linked to the {target} product with the
              same SKU, {data.refuse} refused with the reasons below. Nothing has been written yet.
            </Typography>
            {data.refuse > 0 && <RefusedProductsList preview={data} />}
          </Box>
        )}
        {startError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {startError}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onBack}>Back</Button>
        <Button
          variant="contained"
          loading={isStarting}
          disabled={!canConfirm}
          onClick={() => {
            if (canConfirm) onConfirm()
          }}
        >
          Confirm upload
        </Button>
      </DialogActions>
    </Dialog>
  )
}
