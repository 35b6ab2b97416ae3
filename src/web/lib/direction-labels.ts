import type { Direction } from '../../contracts/api'

export const directionTitles: Record<Direction, string> = {
  'pos-to-ecom': 'Upload Lightspeed products to eCom',
  'ecom-to-pos': 'Upload eCom products to Lightspeed',
}

export const sideNames = { pos: 'Retail POS', ecom: 'eCom' } as const
