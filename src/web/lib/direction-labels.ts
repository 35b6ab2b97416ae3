import type { Direction } from '../../contracts/api'

export const directionTitles: Record<Direction, string> = {
  'pos-to-ecom': 'Upload Lightspeed products to eCom',
  'ecom-to-pos': 'Upload eCom products to Lightspeed',
}

export const sideNames = { pos: 'Retail POS', ecom: 'eCom' } as const

/** Which way an upload went, in words a screen reader says well (an arrow is read as "right arrow"). */
export const directionRoutes: Record<Direction, string> = {
  'pos-to-ecom': `${sideNames.pos} to ${sideNames.ecom}`,
  'ecom-to-pos': `${sideNames.ecom} to ${sideNames.pos}`,
}

/**
 * The accessible name of a link to an upload that shows only its date: read out of its row, the
 * date alone does not say what the link opens. It starts with the date so that the name still
 * contains what is seen, for people who speak to their screen reader.
 */
export function uploadLinkName(date: string, direction: Direction, status: string) {
  return `Upload of ${date}: ${directionRoutes[direction]}, ${status.charAt(0).toLowerCase()}${status.slice(1)}`
}
