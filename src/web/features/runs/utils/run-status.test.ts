import { expect, test } from 'vitest'

import { buildRun, buildRunCounts } from '../../../testing/builders/run'
import { isRunActive, runPaceText, runStatusText } from './run-status'

test('names every run status in words', () => {
  const counts = buildRunCounts({ total: 5, failed: 1, refused: 2 })

  expect(runStatusText(buildRun({ status: 'queued' }))).toBe('Queued')
  expect(runStatusText(buildRun({ status: 'running' }))).toBe('Running')
  expect(runStatusText(buildRun({ status: 'waiting' }))).toBe('Waiting for the rate limit')
  expect(runStatusText(buildRun({ status: 'completed' }))).toBe('Completed')
  expect(runStatusText(buildRun({ status: 'completed_with_errors', counts }))).toBe(
    'Completed: 1 failed, 2 refused',
  )
  expect(runStatusText(buildRun({ status: 'failed' }))).toBe('Failed')
  expect(runStatusText(buildRun({ status: 'cancelled' }))).toBe('Cancelled')
})

test('tells until when a run waits for the rate limit, in local time', () => {
  const waitingUntil = new Date(2026, 0, 15, 14, 5, 10).toISOString()

  expect(runStatusText(buildRun({ status: 'waiting', waitingUntil }))).toBe(
    `Waiting for the rate limit until ${new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date(2026, 0, 15, 14, 5, 10))}`,
  )
})

test('follows only queued, running and waiting runs', () => {
  expect(isRunActive(buildRun({ status: 'waiting' }))).toBe(true)
  expect(isRunActive(buildRun({ status: 'completed_with_errors' }))).toBe(false)
  expect(isRunActive(undefined)).toBe(false)
})

test('tells the pace of an active run and the time left at that pace', () => {
  const paced = (perMinute: number, secondsLeft: number | null) =>
    runPaceText(buildRun({ status: 'running', pace: { perMinute, secondsLeft } }))

  expect(paced(42, 200)).toBe('42 products a minute · about 3 min left')
  expect(paced(1, 30)).toBe('1 product a minute · less than a minute left')
  expect(paced(2.5, 5_000)).toBe('2.5 products a minute · about 1 h 23 min left')
  expect(paced(0, null)).toBe('0 products a minute over the last minute')
  expect(runPaceText(buildRun({ status: 'running', pace: null }))).toBe('Measuring the pace…')
  expect(runPaceText(buildRun({ status: 'queued' }))).toBe('Starting…')
})
