import type { Run, RunCounts, RunItem } from '../../../contracts/api'
import { nextId } from './sequence'

export function buildRunCounts(overrides: Partial<RunCounts> = {}): RunCounts {
  return { total: 0, created: 0, linked: 0, failed: 0, refused: 0, pending: 0, ...overrides }
}

export function buildRun(overrides: Partial<Run> = {}): Run {
  const n = nextId()

  return {
    id: `run-${n}`,
    direction: 'pos-to-ecom',
    status: 'queued',
    counts: buildRunCounts(),
    message: null,
    waitingUntil: null,
    createdAt: new Date(Date.UTC(2026, 0, 15, 9, 0, n % 60)).toISOString(),
    finishedAt: null,
    ...overrides,
  }
}

export function buildRunItem(overrides: Partial<RunItem> = {}): RunItem {
  const n = nextId()

  return {
    id: `item-${n}`,
    sourceId: `src-${n}`,
    name: `Product ${n}`,
    sku: `SKU-${n}`,
    status: 'pending',
    targetId: null,
    reasons: [],
    updatedAt: '2026-01-15T09:00:00.000Z',
    ...overrides,
  }
}
