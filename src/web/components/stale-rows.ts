import type { SxProps, Theme } from '@mui/material/styles'

/**
 * The rows of the page before, kept on screen while the next page loads (placeholder data): dimmed
 * and out of reach, so nobody ticks or acts on a row thinking it belongs to the page asked for.
 * Controls in such rows are disabled as well, for the keyboard.
 */
export const staleRowsSx: SxProps<Theme> = {
  opacity: 0.5,
  pointerEvents: 'none',
  transition: 'opacity 150ms',
}
