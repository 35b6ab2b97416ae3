import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'

import { isRunActive } from '../utils/run-status'
import { runQueries } from './run-queries'

/** Calls onFinished once when a run that was being followed stops being active. */
export function useRunFinished(runId: string | undefined, onFinished: () => void) {
  const run = useQuery({ ...runQueries.detail(runId ?? ''), enabled: runId !== undefined })
  const isActive = isRunActive(run.data)
  const wasActive = useRef(isActive)

  useEffect(() => {
    if (wasActive.current && !isActive) onFinished()
    wasActive.current = isActive
  }, [isActive, onFinished])
}
