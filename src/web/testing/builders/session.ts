import type { ConnectedStore, PosConnection, Session } from '../../../contracts/api'

export function buildConnectedStore(overrides: Partial<ConnectedStore> = {}): ConnectedStore {
  return { name: 'Leaf & Co', currency: 'USD', taxExclusive: true, ...overrides }
}

export function buildPosConnection(overrides: Partial<PosConnection> = {}): PosConnection {
  return {
    status: 'connected',
    method: 'oauth',
    domainPrefix: 'leafandco',
    connectedAt: '2026-03-02T09:30:00.000Z',
    message: null,
    ...overrides,
  }
}

export function buildSession(overrides: Partial<Session> = {}): Session {
  return {
    storeId: 1003,
    lang: 'en',
    ecom: buildConnectedStore({ name: 'Leaf & Co online' }),
    pos: buildConnectedStore({ name: 'Leaf & Co shop' }),
    posConnection: buildPosConnection(),
    blockers: [],
    settingsProblems: [],
    ...overrides,
  }
}

/** The session of a store whose Retail POS is not connected, as the BFF describes it. */
export function buildUnconnectedSession(overrides: Partial<Session> = {}): Session {
  return buildSession({
    pos: null,
    posConnection: buildPosConnection({
      status: 'not_connected',
      method: null,
      domainPrefix: null,
      connectedAt: null,
    }),
    blockers: [
      {
        code: 'POS_NOT_CONNECTED',
        message:
          'Retail POS is not connected to this store. Select Connect Retail POS at the top of ' +
          'the app and allow the app on Retail POS’s page, then upload.',
      },
    ],
    ...overrides,
  })
}
