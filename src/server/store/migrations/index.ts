import type { Migration } from 'kysely'
import { initial } from './001-initial'
import { sharedWork } from './002-shared-work'

/** Every migration, by name; they run in name order. One file each; add, never change. */
export const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-shared-work': sharedWork,
}
