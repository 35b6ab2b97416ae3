import type { Migration } from 'kysely'
import { initial } from './001-initial'
import { ongoingSync } from './002-ongoing-sync'
import { screens } from './003-screens'
import { sharedWork } from './004-shared-work'
import { fencedCreates } from './005-fenced-creates'

/** Every migration, by name; they run in name order. One file each; add, never change. */
export const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-ongoing-sync': ongoingSync,
  '003-screens': screens,
  '004-shared-work': sharedWork,
  '005-fenced-creates': fencedCreates,
}
