import { type Kysely, type Migration } from 'kysely'

/**
 * Each eCom store's own Retail POS connection (X-Series OAuth), its tokens sealed with the app's
 * secret box, and the `state` of each connect started and not yet finished.
 */
export const posOAuthConnections: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('pos_connections')
      .addColumn('store_id', 'integer', (c) => c.primaryKey())
      /** 'connected', 'needs_reconnect' (a refresh was refused) or 'disconnected'. */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('domain_prefix', 'text')
      .addColumn('api_url', 'text')
      .addColumn('access_token', 'text')
      .addColumn('refresh_token', 'text')
      .addColumn('expires_at', 'text')
      /** Grows with every new set of tokens, so a refresh can be claimed by one process only. */
      .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('refresh_owner', 'text')
      .addColumn('refresh_until', 'text')
      /** Why the connection needs the merchant (plain words). */
      .addColumn('problem', 'text')
      .addColumn('connected_by', 'text')
      .addColumn('connected_at', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute()

    await db.schema
      .createTable('pos_oauth_states')
      /** sha256 of the state; the state itself only travels through the merchant's browser. */
      .addColumn('state_hash', 'text', (c) => c.primaryKey())
      .addColumn('store_id', 'integer', (c) => c.notNull())
      /** The session that started the connect (its id, itself a hash). */
      .addColumn('session_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute()
    await db.schema
      .createIndex('pos_oauth_states_store')
      .on('pos_oauth_states')
      .column('store_id')
      .execute()
  },
}
