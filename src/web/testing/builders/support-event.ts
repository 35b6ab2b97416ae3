import type { SupportEvent } from '../../../contracts/api'
import { nextId } from './sequence'

export function buildSupportEvent(overrides: Partial<SupportEvent> = {}): SupportEvent {
  const n = nextId()

  return {
    eventId: `event-${n}`,
    at: '2026-01-16T10:00:00.000Z',
    origin: 'pos-change',
    direction: 'pos-to-ecom',
    runId: null,
    outcome: 'done',
    summary: 'Written to eCom after a change in Retail POS: price 14, stock 3.',
    detail: null,
    ...overrides,
  }
}
