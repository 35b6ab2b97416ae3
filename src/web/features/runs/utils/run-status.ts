import type { Run, RunStatus } from '../../../../contracts/api'
import { completedWords } from '../../../../contracts/run-words'
import { formatDuration, formatRate, formatTime } from '../../../lib/format'

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
      return completedWords(run.counts)
    case 'failed':
      return 'Failed'
    case 'cancelled':
      return 'Cancelled'
  }
}

/** The pace of an active run in words: its rate over the last minute and the time left. */
export function runPaceText(run: Run) {
  const pace = run.pace
  if (run.status === 'queued') return 'Starting…'
  if (!pace) return 'Measuring the pace…'
  if (pace.secondsLeft === null) return `${formatRate(pace.perMinute)} over the last minute`

  return `${formatRate(pace.perMinute)} · ${formatDuration(pace.secondsLeft)} left`
}
