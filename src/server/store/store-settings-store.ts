/** Each store's choices on the Settings screen (table store_settings). */
import { nowIso } from './clock'
import type { Db } from './db'

export interface StoreChoices {
  /** A Retail POS outlet id, or null to follow the app's setting. */
  onlineOutletId: string | null
  /** Retail POS outlet ids, 'all' for every outlet, or null to follow the app's setting. */
  stockOutletIds: string[] | 'all' | null
  /** A Retail POS payment type id, or null to follow the app's setting. */
  ecomPaymentTypeId: string | null
  /** The chosen records' names when they were saved, by id. */
  names?: Readonly<Record<string, string>>
}

export interface SavedChoices extends StoreChoices {
  /** 0 while the store has saved nothing; raised by every save. */
  version: number
  updatedAt: string | null
}

const NOTHING_SAVED: SavedChoices = {
  onlineOutletId: null,
  stockOutletIds: null,
  ecomPaymentTypeId: null,
  names: {},
  version: 0,
  updatedAt: null,
}

export async function findStoreChoices(db: Db, storeId: number): Promise<SavedChoices> {
  const row = await db
    .selectFrom('store_settings')
    .selectAll()
    .where('store_id', '=', storeId)
    .executeTakeFirst()

  if (!row) return NOTHING_SAVED

  return {
    onlineOutletId: row.online_outlet_id,
    stockOutletIds: row.stock_outlet_ids === null ? null : parseIds(row.stock_outlet_ids),
    ecomPaymentTypeId: row.ecom_payment_type_id,
    names: parseNames(row.names),
    version: Number(row.version),
    updatedAt: row.updated_at,
  }
}

/** Replaces the store's choices whole, raising their version. */
export async function saveStoreChoices(db: Db, storeId: number, choices: StoreChoices) {
  const values = {
    online_outlet_id: choices.onlineOutletId,
    stock_outlet_ids:
      choices.stockOutletIds === null ? null : JSON.stringify(choices.stockOutletIds),
    ecom_payment_type_id: choices.ecomPaymentTypeId,
    names: JSON.stringify(choices.names ?? {}),
    updated_at: nowIso(),
  }

  await db
    .insertInto('store_settings')
    .values({ store_id: storeId, version: 1, ...values })
    .onConflict((oc) =>
      oc
        .column('store_id')
        .doUpdateSet((eb) => ({ ...values, version: eb('store_settings.version', '+', 1) })),
    )
    .execute()
}

function parseIds(json: string): string[] | 'all' {
  const value: unknown = JSON.parse(json)

  if (value === 'all') return 'all'

  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string') : []
}

function parseNames(json: string): Record<string, string> {
  const value: unknown = JSON.parse(json)

  if (typeof value !== 'object' || value === null) return {}

  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}
