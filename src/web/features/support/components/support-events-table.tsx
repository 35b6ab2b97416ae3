import Chip from '@mui/material/Chip'
import Link from '@mui/material/Link'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { Link as RouterLink } from 'react-router'

import type { SupportEvent } from '../../../../contracts/api'
import { formatDateTime } from '../../../lib/format'
import { UpstreamDetail } from './upstream-detail'

const origins: Record<SupportEvent['origin'], string> = {
  'pos-change': 'A change in Retail POS',
  'ecom-order': 'An eCom order',
  'earlier-attempt': 'An earlier attempt of an upload',
}

const outcomes = {
  done: { label: 'Written', color: 'success' },
  failed: { label: 'Failed', color: 'error' },
  notice: { label: 'Note', color: 'default' },
} as const

export type SupportEventsTableProps = { title: string; events: SupportEvent[] }

/** What happened to the product besides its uploads' latest outcomes, newest first. */
export function SupportEventsTable({ title, events }: SupportEventsTableProps) {
  if (events.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ my: 1 }}>
        Nothing has happened to this product besides its uploads.
      </Typography>
    )
  }

  return (
    <TableContainer sx={{ my: 1 }}>
      <Table size="small" aria-label={`Changes, orders and earlier attempts of ${title}`}>
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>From</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>What happened</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {events.map((event) => (
            <TableRow key={event.eventId}>
              <TableCell>{formatDateTime(event.at)}</TableCell>
              <TableCell>
                {event.runId ? (
                  <Link component={RouterLink} to={`/runs/${encodeURIComponent(event.runId)}`}>
                    {origins[event.origin]}
                  </Link>
                ) : (
                  origins[event.origin]
                )}
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  variant="outlined"
                  color={outcomes[event.outcome].color}
                  label={outcomes[event.outcome].label}
                />
              </TableCell>
              <TableCell>
                {event.summary}
                {event.detail && <UpstreamDetail detail={event.detail} />}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  )
}
