/**
 * What the app shows about the two connected stores, and the checks the help article asks for
 * before any upload: the same tax mode and the same currency on both sides.
 */
import type { ConnectedStore, Session } from '../../contracts/api'
import { findStore } from '../store/session-store'
import { unauthorized } from '../errors'
import type { AppContext } from './context'
import { describePosConnection } from './pos-connection'
import { isPosNotConnected, NEEDS_RECONNECT, NOT_CONNECTED } from './pos-tokens'
import { storeSettingsProblems } from './store-settings'
import { describeUpstreamError } from './upstream-words'

type Blocker = Session['blockers'][number]

export async function describeSession(
  ctx: AppContext,
  storeId: number,
  lang?: string,
): Promise<Session> {
  const store = await findStore(ctx.db, storeId)
  if (!store) throw unauthorized()
  const blockers: Blocker[] = []
  const [ecom, pos] = await Promise.all([
    ctx.connections.ecomSettings(storeId).catch((error: unknown) => {
      blockers.push({ code: 'ECOM_UNAVAILABLE', message: describeUpstreamError(error, 'eCom') })
      return null
    }),
    ctx.connections.posSettings(storeId).catch((error: unknown) => {
      if (!isPosNotConnected(error)) {
        blockers.push({
          code: 'POS_UNAVAILABLE',
          message: describeUpstreamError(error, 'Retail POS'),
        })
      }
      return null
    }),
  ])
  // Read after the settings: a refresh Retail POS refused just now shows as needing reconnect.
  const posConnection = await describePosConnection(ctx, storeId)
  if (posConnection.status === 'not_connected') {
    blockers.push({ code: NOT_CONNECTED, message: NOT_CONNECTED_WORDS })
  }
  if (posConnection.status === 'needs_reconnect') {
    blockers.push({ code: NEEDS_RECONNECT, message: posConnection.message ?? NOT_CONNECTED_WORDS })
  }
  if (ecom && pos) blockers.push(...compareStores(pos, ecom))
  const isConnected = posConnection.status === 'connected' && pos !== null

  return {
    storeId,
    lang: lang ?? store.lang,
    ecom,
    pos: posConnection.status === 'connected' ? pos : null,
    posConnection,
    blockers,
    settingsProblems: isConnected ? await storeSettingsProblems(ctx, storeId) : [],
  }
}

const NOT_CONNECTED_WORDS =
  'Retail POS is not connected to this store. Select Connect Retail POS at the top of the app ' +
  'and allow the app on Retail POS’s page, then upload.'

function taxWords(store: ConnectedStore) {
  return store.taxExclusive ? 'excluding tax' : 'including tax'
}

export function compareStores(pos: ConnectedStore, ecom: ConnectedStore): Blocker[] {
  const blockers: Blocker[] = []
  if (pos.taxExclusive !== ecom.taxExclusive) {
    blockers.push({
      code: 'TAX_MODE_MISMATCH',
      message:
        `Retail POS prices are entered ${taxWords(pos)} but eCom prices are ${taxWords(ecom)}. ` +
        'Make them the same before uploading: in eCom under Settings > Taxes, or in Retail POS ' +
        'under Setup > General.',
    })
  }
  if (pos.currency.toUpperCase() !== ecom.currency.toUpperCase()) {
    blockers.push({
      code: 'CURRENCY_MISMATCH',
      message:
        `Retail POS uses ${pos.currency} but eCom uses ${ecom.currency}. Set eCom's currency ` +
        `(Settings > General > Regional settings) to ${pos.currency} before uploading.`,
    })
  }

  return blockers
}
