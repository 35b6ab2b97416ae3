import type { ItemStatus, LinkState } from '../../contracts/api'

/** What an item's outcome is called on every screen. */
export const itemStatusLabels: Record<ItemStatus, string> = {
  pending: 'Pending',
  running: 'In progress',
  created: 'Created',
  linked: 'Linked',
  failed: 'Failed',
  refused: 'Refused',
}

/** What a link's state is called on every screen. */
export const linkStateLabels: Record<LinkState, string> = {
  synced: 'Synced',
  pending: 'Pending',
  failed: 'Failed',
  deleted_in_pos: 'Deleted in Retail POS',
}
