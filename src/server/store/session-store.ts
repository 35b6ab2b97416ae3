import type { Db } from './db'
import { nowIso } from './clock'

export async function upsertStore(
  db: Db,
  store: { storeId: number; sealedToken: string; lang: string },
) {
  const now = nowIso()
  await db
    .insertInto('stores')
    .values({
      store_id: store.storeId,
      ecom_token: store.sealedToken,
      lang: store.lang,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc
        .column('store_id')
        .doUpdateSet({ ecom_token: store.sealedToken, lang: store.lang, updated_at: now }),
    )
    .execute()
}

export async function findStore(db: Db, storeId: number) {
  return db.selectFrom('stores').selectAll().where('store_id', '=', storeId).executeTakeFirst()
}

export async function insertSession(
  db: Db,
  session: { id: string; storeId: number; expiresAt: string },
) {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      store_id: session.storeId,
      created_at: nowIso(),
      expires_at: session.expiresAt,
    })
    .execute()
}

export async function findLiveSession(db: Db, id: string) {
  return db
    .selectFrom('sessions')
    .select(['id', 'store_id', 'expires_at'])
    .where('id', '=', id)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst()
}
