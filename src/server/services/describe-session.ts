/**
 * What the app shows about the two connected stores, and the checks the help article asks for
 * before any upload: the same tax mode and the same currency on both sides.
 */
import type { ConnectedStore, Session } from '../../contracts/api'
import { findStore } from '../store/session-store'
import { unauthorized } from '../errors'
import type { AppContext } from './context'
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
      blockers.push({
        code: 'POS_UNAVAILABLE',
        message: describeUpstreamError(error, 'Retail POS'),
      })
      return null
    }),
  ])
  if (ecom && pos) blockers.push(...compareStores(pos, ecom))

  return { storeId, lang: lang ?? store.lang, ecom, pos, blockers }
}

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
