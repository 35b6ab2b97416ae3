import type { Link } from '../../../contracts/api'
import { nextId } from './sequence'

export function buildLink(overrides: Partial<Link> = {}): Link {
  const n = nextId()

  return {
    id: `link-${n}`,
    name: `Linked product ${n}`,
    sku: `LNK-${n}`,
    posProductId: `pos-${n}`,
    ecomProductId: `${700000 + n}`,
    variantCount: 1,
    state: 'synced',
    lastError: null,
    updatedAt: '2026-01-15T10:00:00.000Z',
    ...overrides,
  }
}
