import Alert from '@mui/material/Alert'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { data, useLoaderData, useNavigate, type LoaderFunctionArgs } from 'react-router'

import {
  directionSchema,
  RUN_OVERLAPS,
  runOverlapDetailsSchema,
  sourceSideOf,
  type StartRunBody,
} from '../../../contracts/api'
import { PageHeading } from '../../components/page-heading'
import { ProductPicker } from '../../features/picker/components/product-picker'
import { UploadPreviewDialog } from '../../features/picker/components/upload-preview-dialog'
import { useStartRun } from '../../features/runs/api/use-start-run'
import { sessionQueries } from '../../features/session/api/session-queries'
import { BlockerAlerts } from '../../features/session/components/blocker-alerts'
import { isApiError } from '../../lib/api-client'
import { directionTitles, sideNames } from '../../lib/direction-labels'
import { UNREACHABLE_TITLE } from '../../lib/error-text'

export function uploadLoader({ params }: LoaderFunctionArgs) {
  const direction = directionSchema.safeParse(params.direction)
  if (!direction.success) throw data(null, { status: 404 })

  return direction.data
}

const OVERLAP_NOTICE =
  'These products are already being uploaded, so no second upload was started. This is that upload.'

/** The run that already holds these products, when the BFF refused a second one (409). */
function overlappingRunId(error: unknown) {
  if (!isApiError(error) || error.code !== RUN_OVERLAPS) return undefined
  const details = runOverlapDetailsSchema.safeParse(error.details)

  return details.success ? details.data.runId : undefined
}

function startErrorText(error: unknown) {
  if (!error) return null

  return isApiError(error) && error.status !== 0 && error.status < 500
    ? error.message
    : `${UNREACHABLE_TITLE}. Nothing was uploaded; try again.`
}

export function UploadRoute() {
  const direction = useLoaderData<typeof uploadLoader>()
  const navigate = useNavigate()
  const session = useQuery(sessionQueries.current())
  const startRun = useStartRun()
  // A second click can land before React re-renders the disabled button, or after the answer while
  // the run's page loads: only a failure lets the merchant start again.
  const isSubmitting = useRef(false)
  const [pending, setPending] = useState<StartRunBody['selection'] | null>(null)
  const side = sourceSideOf(direction)
  const sourceStore = session.data?.[side]
  const blockers = session.data?.blockers ?? []

  function confirm() {
    if (isSubmitting.current || !pending) return
    isSubmitting.current = true

    startRun.mutate(
      { direction, selection: pending },
      {
        onSuccess: (run) => void navigate(`/runs/${encodeURIComponent(run.id)}`),
        onError: (error) => {
          const runningId = overlappingRunId(error)
          if (runningId) {
            void navigate(`/runs/${encodeURIComponent(runningId)}`, {
              state: { notice: OVERLAP_NOTICE },
            })
            return
          }
          isSubmitting.current = false
        },
      },
    )
  }

  function back() {
    if (startRun.isPending) return
    startRun.reset()
    setPending(null)
  }

  return (
    <Stack spacing={2}>
      <PageHeading>{directionTitles[direction]}</PageHeading>
      <Typography color="text.secondary">
        Choose products from {sideNames[side]}, then Add products, or Upload all of them.
      </Typography>
      <BlockerAlerts blockers={blockers} />
      {session.data && !sourceStore && (
        <Alert severity="warning">{sideNames[side]} is not connected.</Alert>
      )}
      <ProductPicker
        direction={direction}
        currency={sourceStore?.currency}
        isBlocked={blockers.length > 0}
        isStarting={pending !== null}
        onStart={setPending}
      />
      {pending && (
        <UploadPreviewDialog
          direction={direction}
          selection={pending}
          isStarting={startRun.isPending || startRun.isSuccess}
          startError={startErrorText(startRun.error)}
          onConfirm={confirm}
          onBack={back}
        />
      )}
    </Stack>
  )
}
