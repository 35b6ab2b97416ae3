import type { Migration } from 'kysely'
import { initial } from './001-initial'
import { ongoingSync } from './002-ongoing-sync'
import { screens } from './003-screens'
import { sharedWork } from './004-shared-work'
import { registerSales } from './005-register-sales'
import { searchTextColumns } from './006-search-text'
import { productEvents } from './007-product-events'
import { posOAuthConnections } from './008-pos-oauth-connections'
import { fencedCreates } from './009-fenced-creates'
import { storeSettings } from './010-store-settings'

/** Every migration, by name; they run in name order. One file each; add, never change. */
export const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-ongoing-sync': ongoingSync,
  '003-screens': screens,
  '004-shared-work': sharedWork,
  '005-register-sales': registerSales,
  '006-search-text': searchTextColumns,
  '007-product-events': productEvents,
  '008-pos-oauth-connections': posOAuthConnections,
  '009-fenced-creates': fencedCreates,
  '010-store-settings': storeSettings,
}
