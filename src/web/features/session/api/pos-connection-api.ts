import { apiPaths, posConnectionSchema, posConnectStartSchema } from '../../../../contracts/api'
import { apiClient } from '../../../lib/api-client'

/** Starts a connect: the BFF answers with Retail POS's page where the merchant allows the app. */
export function startPosConnect() {
  return apiClient.post(apiPaths.posConnect, posConnectStartSchema, {})
}

export function disconnectPos() {
  return apiClient.post(apiPaths.posDisconnect, posConnectionSchema, {})
}
