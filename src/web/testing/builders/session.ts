import type { ConnectedStore, Session } from '../../../contracts/api'

export function buildConnectedStore(overrides: Partial<ConnectedStore> = {}): ConnectedStore {
  return { name: 'Leaf & Co', currency: 'USD', taxExclusive: true, ...overrides }
}

export function buildSession(overrides: Partial<Session> = {}): Session {
  return {
    storeId: 1003,
    lang: 'en',
    ecom: buildConnectedStore({ name: 'Leaf & Co online' }),
    pos: buildConnectedStore({ name: 'Leaf & Co shop' }),
    blockers: [],
    ...overrides,
  }
}
