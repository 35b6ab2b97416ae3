import type { ItemStatus, Run, RunStatus } from '../../../../contracts/api'
import { formatTime, plural } from '../../../lib/format'

const ACTIVE_STATUSES: ReadonlySet<RunStatus> = new Set(['queued', 'running', 'waiting'])

export function isRunActive(run: Run | undefined) {
  return run !== undefined && ACTIVE_STATUSES.has(run.status)
}

export function runStatusText(run: Run) {
  switch (run.status) {
    case 'queued':
      return 'Queued'
    case 'running':
      return 'Running'
    case 'waiting':
      return run.waitingUntil
        ? `Waiting for the rate limit until ${formatTime(run.waitingUntil)}`
        : 'Waiting for the rate limit'
    case 'completed':
      return 'Completed'
    case 'completed_with_errors':
      return `Completed with ${plural(run.counts.failed + run.counts.refused, 'error', 'errors')}`
    case 'failed':
      return 'Failed'
    case 'cancelled':
      return 'Cancelled'
  }
}

export const itemStatusLabels: Record<ItemStatus, string> = {
  pending: 'Pending',
  running: 'In progress',
  created: 'Created',
  linked: 'Linked',
  failed: 'Failed',
  refused: 'Refused',
}
