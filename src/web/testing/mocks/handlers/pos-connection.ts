import { http, HttpResponse } from 'msw'

import {
  apiPaths,
  type PosConnection,
  type PosConnectionView,
  type PosConnectStart,
} from '../../../../contracts/api'
import { buildUnconnectedSession } from '../../builders/session'
import { db } from '../db'

/** Where the mock sends the merchant to allow the app (the POS simulator's page). */
export const MOCK_AUTHORIZE_URL =
  'http://localhost:3001/connect?response_type=code&client_id=pos-ecom-sync-demo&state=mock-state'

export const posConnectionHandlers = [
  http.get(apiPaths.posConnection, () =>
    HttpResponse.json<PosConnectionView>({ ...db.session.posConnection, store: db.session.pos }),
  ),

  http.post(apiPaths.posConnect, () =>
    HttpResponse.json<PosConnectStart>({ authorizeUrl: MOCK_AUTHORIZE_URL }),
  ),

  http.post(apiPaths.posDisconnect, () => {
    db.session = buildUnconnectedSession({ storeId: db.session.storeId, ecom: db.session.ecom })

    return HttpResponse.json<PosConnection>(db.session.posConnection)
  }),
]
