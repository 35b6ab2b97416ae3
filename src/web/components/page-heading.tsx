import Typography from '@mui/material/Typography'
import type { ReactNode } from 'react'

/**
 * A page's h1. After each navigation the root layout moves focus here so screen readers announce
 * the new page; tabIndex -1 lets it take that focus without adding a stop to the Tab order.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  return (
    <Typography variant="h5" component="h1" tabIndex={-1}>
      {children}
    </Typography>
  )
}
