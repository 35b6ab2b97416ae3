/**
 * Where a store's Retail POS stock and eCom sales go: the outlet that serves its online store, the
 * outlets whose stock eCom sells, and the payment type its eCom sales are paid with. Each is the
 * store's own choice on the Settings screen when it made one, else the app's setting from its
 * environment (POS_ONLINE_OUTLET, POS_STOCK_OUTLETS, POS_ECOM_PAYMENT_TYPE), else a default.
 * A choice that no longer fits the store is a SettingError saying what to choose instead.
 */
import type { SaveStoreSettingsBody, StoreSettings, StoreSettingsSaved } from '../../contracts/api'
import type { PosOutlet, PosPaymentType } from '../../connectors/pos/pos-schemas'
import { AppError, SettingError } from '../errors'
import {
  findStoreChoices,
  saveStoreChoices,
  type SavedChoices,
  type StoreChoices,
} from '../store/store-settings-store'
import { markStoreDirty } from '../store/sync-store'
import type { AppContext } from './context'
import { storeReadings } from './store-readings'

type Source = 'store' | 'app'

/**
 * A setting as it applies now: its value, or why it has none; a value can come with a problem
 * too (a warning: part of the choice is gone, the rest applies).
 */
export type Resolved<T> = { source: Source } & (
  { value: T; problem: string | null } | { value: null; problem: string }
)

const SETTINGS = 'choose another in the app’s Settings'

/** The record's name, as Retail POS lists it or as it was when chosen, to say which one is gone. */
const nameOf = (
  all: readonly { id: string; name?: string | null }[],
  id: string,
  names: StoreChoices['names'],
) => {
  const name = all.find((i) => i.id === id)?.name?.trim() || names?.[id]

  return name ? `"${name}"` : 'one'
}

/** Names a merchant gives the payment type of online orders, most telling first. */
const ECOM_PAYMENT_NAMES: readonly ((name: string) => boolean)[] = [
  (name) => name.includes('ecom'),
  (name) => name.includes('online'),
  (name) => name === 'other',
]

const key = (name: string | null | undefined) => (name ?? '').trim().toLowerCase()
const listed = (items: readonly { id: string; name?: string | null }[]) =>
  items.map((i) => `"${i.name ?? i.id}"`).join(', ') || 'none'
const live = <T extends { deleted_at?: string | null }>(items: readonly T[]) =>
  items.filter((i) => !i.deleted_at)

/** The store's saved choices (version 0 when it has saved none). */
export function storeChoices(ctx: AppContext, storeId: number): Promise<SavedChoices> {
  return findStoreChoices(ctx.db, storeId)
}

type Named = { id: string; name?: string | null; deleted_at?: string | null }

/**
 * One Retail POS record: the store's choice (by id), else the app's (by id or name, any case),
 * else `fallback`. `what` names it in the problem ("outlet", "payment type"); `setting` is the
 * environment variable, `instead` what the merchant can do about it.
 */
function resolveRecord<T extends Named>(
  all: readonly T[],
  chosenId: string | null,
  names: StoreChoices['names'],
  appWanted: string | undefined,
  words: { what: string; chosenFor: string; setting: string; instead: string },
  fallback: (items: T[]) => Resolved<T>,
): Resolved<T> {
  const items = live(all)
  const theirNames = `${words.what}s are ${listed(items)}`

  if (chosenId !== null) {
    const found = items.find((i) => i.id === chosenId)

    return found
      ? { source: 'store', value: found, problem: null }
      : {
          source: 'store',
          value: null,
          problem: `The ${words.what} chosen for ${words.chosenFor} (${nameOf(all, chosenId, names)}) is no longer in Retail POS: ${SETTINGS}. Its ${theirNames}.`,
        }
  }

  if (appWanted !== undefined) {
    const found = items.find((i) => i.id === appWanted || key(i.name) === key(appWanted))

    return found
      ? { source: 'app', value: found, problem: null }
      : {
          source: 'app',
          value: null,
          problem: `Retail POS has no ${words.what} "${appWanted}" (${words.setting}); its ${theirNames}. ${words.instead}`,
        }
  }

  return fallback(items)
}

/**
 * The outlet that serves the online store: eCom sales are recorded at one of its registers and
 * stock uploaded from eCom lands there. The store's choice, the app's, else the first outlet.
 */
export function resolveOnlineOutlet(
  all: readonly PosOutlet[],
  choices: StoreChoices,
  appWanted: string | undefined,
): Resolved<PosOutlet> {
  const words = {
    what: 'outlet',
    chosenFor: 'the online store',
    setting: 'POS_ONLINE_OUTLET',
    instead: 'Choose the online store’s outlet in the app’s Settings.',
  }

  return resolveRecord(all, choices.onlineOutletId, choices.names, appWanted, words, ([first]) =>
    first
      ? { source: 'app', value: first, problem: null }
      : {
          source: 'app',
          value: null,
          problem:
            'Retail POS has no outlet to record eCom sales and stock in; add one in Retail POS.',
        },
  )
}

/** The ids of the outlets whose stock eCom sells; 'all' for every outlet. */
export function resolveStockOutlets(
  all: readonly PosOutlet[],
  choices: StoreChoices,
  appWanted: readonly string[],
): Resolved<ReadonlySet<string> | 'all'> {
  const outlets = live(all)

  if (choices.stockOutletIds === 'all') return { source: 'store', value: 'all', problem: null }

  if (choices.stockOutletIds !== null) {
    const ids = new Set(outlets.map((o) => o.id))
    const kept = choices.stockOutletIds.filter((id) => ids.has(id))
    const gone = choices.stockOutletIds
      .filter((id) => !ids.has(id))
      .map((id) => nameOf(all, id, choices.names))

    if (gone.length === 0) return { source: 'store', value: new Set(kept), problem: null }
    // The outlets still there go on counting: one closed outlet must not stop every product.
    if (kept.length > 0) {
      return {
        source: 'store',
        value: new Set(kept),
        problem: `${gone.join(', ')}, among the outlets eCom sells from, ${gone.length === 1 ? 'is' : 'are'} no longer in Retail POS: eCom counts the stock of ${listed(outlets.filter((o) => kept.includes(o.id)))} only. Check the outlets in the app’s Settings.`,
      }
    }

    return {
      source: 'store',
      value: null,
      problem: `None of the outlets eCom sells from (${gone.join(', ')}) is in Retail POS any more, so no stock reaches eCom: ${SETTINGS}. Its outlets are ${listed(outlets)}.`,
    }
  }

  if (appWanted.length === 0) return { source: 'app', value: 'all', problem: null }

  const found = new Set<string>()
  const missing: string[] = []

  for (const name of appWanted) {
    const outlet = outlets.find((o) => o.id === name || key(o.name) === key(name))

    if (outlet) found.add(outlet.id)
    else missing.push(`"${name}"`)
  }

  return missing.length === 0
    ? { source: 'app', value: found, problem: null }
    : {
        source: 'app',
        value: null,
        problem: `POS_STOCK_OUTLETS names ${missing.join(', ')}, which Retail POS does not have; its outlets are ${listed(outlets)}. Choose the outlets eCom sells from in the app’s Settings.`,
      }
}

/**
 * The payment type eCom sales are paid with: the store's choice, the app's, else the first named
 * like "eCom", then "Online", then "Other".
 */
export function resolvePaymentType(
  all: readonly PosPaymentType[],
  choices: StoreChoices,
  appWanted: string | undefined,
): Resolved<PosPaymentType> {
  const words = {
    what: 'payment type',
    chosenFor: 'eCom sales',
    setting: 'POS_ECOM_PAYMENT_TYPE',
    instead: 'Choose one in the app’s Settings.',
  }

  return resolveRecord(all, choices.ecomPaymentTypeId, choices.names, appWanted, words, (types) => {
    const plain = (t: PosPaymentType) => key(t.name).replace(/[^\p{L}\p{N}]/gu, '')
    const found = ECOM_PAYMENT_NAMES.map((matches) => types.find((t) => matches(plain(t)))).find(
      (t) => t !== undefined,
    )

    return found
      ? { source: 'app', value: found, problem: null }
      : {
          source: 'app',
          value: null,
          problem: `Retail POS has no payment type named like "eCom", "Online" or "Other" to pay eCom sales with; choose one of its payment types in the app’s Settings: ${listed(types)}.`,
        }
  })
}

/** The value of a resolved setting, or its problem thrown as a SettingError when it has none. */
export function settled<T>(resolved: Resolved<T>): T {
  if (resolved.value === null) throw new SettingError(resolved.problem ?? 'A setting has no value')

  return resolved.value
}

/** What the store's Retail POS offers to choose from. */
interface PosOptions {
  outlets: PosOutlet[]
  paymentTypes: PosPaymentType[]
}

async function readPosOptions(ctx: AppContext, storeId: number): Promise<PosOptions> {
  const pos = await ctx.connections.pos(storeId)
  const [outlets, paymentTypes] = await Promise.all([pos.listOutlets(), pos.listPaymentTypes()])

  return { outlets, paymentTypes }
}

/** Each setting resolved against the store's Retail POS: the app's settings fill the gaps. */
function resolveAll(ctx: AppContext, { outlets, paymentTypes }: PosOptions, choices: StoreChoices) {
  const app = ctx.config.pos

  return {
    online: resolveOnlineOutlet(outlets, choices, app.onlineOutlet),
    stock: resolveStockOutlets(outlets, choices, app.stockOutlets),
    payment: resolvePaymentType(paymentTypes, choices, app.ecomPaymentType),
  }
}

/** The Settings screen: each setting as it applies now, with the options Retail POS offers. */
export async function describeStoreSettings(
  ctx: AppContext,
  storeId: number,
): Promise<StoreSettings> {
  const [options, choices] = await Promise.all([
    readPosOptions(ctx, storeId),
    storeChoices(ctx, storeId),
  ])

  return settingsView(ctx, options, choices)
}

function settingsView(ctx: AppContext, options: PosOptions, choices: SavedChoices): StoreSettings {
  const { online, stock, payment } = resolveAll(ctx, options, choices)
  const choice = (item: { id: string; name?: string | null }) => ({
    id: item.id,
    name: item.name?.trim() || item.id,
  })

  return {
    outlets: live(options.outlets).map(choice),
    paymentTypes: live(options.paymentTypes).map(choice),
    onlineOutlet: { id: online.value?.id ?? null, source: online.source, problem: online.problem },
    stockOutlets: {
      ids: stock.value === 'all' ? 'all' : stock.value ? [...stock.value] : [],
      source: stock.source,
      problem: stock.problem,
    },
    ecomPaymentType: {
      id: payment.value?.id ?? null,
      source: payment.source,
      problem: payment.problem,
    },
    updatedAt: choices.updatedAt,
  }
}

/**
 * Saves the store's choices, each checked against its Retail POS. When the outlets eCom sells
 * from change, every linked product's eCom stock is counted again (the ongoing sync re-reads
 * them, paced like any change).
 */
export async function saveStoreSettings(
  ctx: AppContext,
  storeId: number,
  body: SaveStoreSettingsBody,
): Promise<StoreSettingsSaved> {
  const [options, before] = await Promise.all([
    readPosOptions(ctx, storeId),
    storeChoices(ctx, storeId),
  ])
  const { outlets, paymentTypes } = options
  const outletIds = new Set(live(outlets).map((o) => o.id))
  const paymentTypeIds = new Set(live(paymentTypes).map((t) => t.id))
  const problems: string[] = []

  if (body.onlineOutletId !== null && !outletIds.has(body.onlineOutletId)) {
    problems.push(`onlineOutletId: Retail POS has no outlet ${body.onlineOutletId}`)
  }
  if (Array.isArray(body.stockOutletIds)) {
    for (const id of body.stockOutletIds) {
      if (!outletIds.has(id)) problems.push(`stockOutletIds: Retail POS has no outlet ${id}`)
    }
  }
  if (body.ecomPaymentTypeId !== null && !paymentTypeIds.has(body.ecomPaymentTypeId)) {
    problems.push(`ecomPaymentTypeId: Retail POS has no payment type ${body.ecomPaymentTypeId}`)
  }
  if (problems.length === 0) {
    // eCom orders take their stock at the online store's outlet: an outlet eCom does not count
    // would leave eCom's quantity where it was after every order, and it would oversell.
    const draft = { ...before, ...body, stockOutletIds: body.stockOutletIds }
    const resolved = resolveAll(ctx, options, draft)
    const online = resolved.online.value
    const stock = resolved.stock.value

    if (online && stock && stock !== 'all' && !stock.has(online.id)) {
      problems.push(
        `stockOutletIds: "${online.name ?? online.id}", the outlet that serves the online store, must be one of the outlets eCom sells from, or eCom orders would never lower eCom's stock`,
      )
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'INVALID_SETTINGS',
      `The settings were not saved: ${problems.join('; ')}.` +
        (problems.some((p) => p.includes('Retail POS has no'))
          ? ' Reload the page to see its outlets and payment types as they are now.'
          : ''),
      { details: problems },
    )
  }

  const chosenIds = [
    body.onlineOutletId,
    ...(Array.isArray(body.stockOutletIds) ? body.stockOutletIds : []),
    body.ecomPaymentTypeId,
  ]
  const names = Object.fromEntries(
    [...live(outlets), ...live(paymentTypes)]
      .filter((r) => chosenIds.includes(r.id) && r.name)
      .map((r) => [r.id, (r.name ?? '').trim()]),
  )
  const choices: StoreChoices = {
    names,
    onlineOutletId: body.onlineOutletId,
    stockOutletIds: Array.isArray(body.stockOutletIds)
      ? [...new Set(body.stockOutletIds)]
      : body.stockOutletIds,
    ecomPaymentTypeId: body.ecomPaymentTypeId,
  }
  const counted = (c: StoreChoices) => {
    const stock = resolveAll(ctx, options, c).stock.value

    return stock === null || stock === 'all' ? String(stock) : [...stock].sort().join(',')
  }

  await saveStoreChoices(ctx.db, storeId, choices)

  const recounting =
    counted(before) === counted(choices) ? 0 : await markStoreDirty(ctx.db, storeId)

  if (recounting > 0) ctx.ongoing?.wake()

  // Answered from what was just read and saved: no second round of reads from Retail POS.
  return { settings: settingsView(ctx, options, await storeChoices(ctx, storeId)), recounting }
}

const problemReadings = storeReadings<string[]>(60_000)

/**
 * What is wrong with the store's settings now, in the words of the Settings screen, for the
 * banner every page shows: a sale that cannot be recorded or stock that cannot be counted must
 * not wait for the merchant to open Settings. Read again at most once a minute, and at once
 * after a save; none when Retail POS cannot be read (the session says so otherwise).
 */
export async function storeSettingsProblems(ctx: AppContext, storeId: number): Promise<string[]> {
  const choices = await storeChoices(ctx, storeId)

  return problemReadings(ctx, storeId, choices.version, async () => {
    try {
      const { online, stock, payment } = resolveAll(
        ctx,
        await readPosOptions(ctx, storeId),
        choices,
      )

      return [online.problem, stock.problem, payment.problem].filter(
        (problem): problem is string => problem !== null,
      )
    } catch {
      return []
    }
  })
}
