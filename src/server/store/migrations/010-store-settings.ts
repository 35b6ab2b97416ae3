import { type Kysely, type Migration } from 'kysely'

/**
 * What each store chose on the Settings screen (decision 009-settings-per-store): the Retail POS
 * outlet that serves its online store, the outlets whose stock eCom sells, and the payment type
 * its eCom sales are paid with. A column left null follows the app's setting (environment).
 */
export const storeSettings: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('store_settings')
      .addColumn('store_id', 'integer', (c) => c.primaryKey())
      /** A Retail POS outlet id. */
      .addColumn('online_outlet_id', 'text')
      /** JSON array of Retail POS outlet ids; null: the app's setting (by default every outlet). */
      .addColumn('stock_outlet_ids', 'text')
      /** A Retail POS payment type id. */
      .addColumn('ecom_payment_type_id', 'text')
      /** JSON {id: name} of the records chosen, to name one Retail POS no longer lists. */
      .addColumn('names', 'text', (c) => c.notNull().defaultTo('{}'))
      /** Raised by every save, so each process knows its cached reading of the settings is old. */
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()
  },
}
