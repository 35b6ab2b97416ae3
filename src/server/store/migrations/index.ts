import type { Migration } from 'kysely'
import { initial } from './001-initial'
import { screens } from './003-screens'

/** Every migration, by name; they run in name order. One file each; add, never change. */
export const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '003-screens': screens,
}
