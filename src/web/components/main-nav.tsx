import Box from '@mui/material/Box'
import Link from '@mui/material/Link'
import { NavLink } from 'react-router'

const LINKS = [
  { to: '/', label: 'Linked products', end: true },
  { to: '/runs', label: 'Upload history', end: false },
  { to: '/support', label: 'Support', end: false },
  { to: '/settings', label: 'Settings', end: false },
] as const

/** The app's sections, in the header of every page; the current one is marked for screen readers. */
export function MainNav() {
  return (
    <Box component="nav" aria-label="Main">
      <Box component="ul" sx={{ display: 'flex', gap: 2.5, listStyle: 'none', m: 0, p: 0 }}>
        {LINKS.map((link) => (
          <li key={link.to}>
            <Link
              component={NavLink}
              to={link.to}
              end={link.end}
              underline="hover"
              sx={{ '&.active': { fontWeight: 600, textDecoration: 'underline' } }}
            >
              {link.label}
            </Link>
          </li>
        ))}
      </Box>
    </Box>
  )
}
