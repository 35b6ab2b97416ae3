import Link from '@mui/material/Link'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableContainer from '@mui/material/TableContainer'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { Link as RouterLink } from 'react-router'

import type { SupportItem } from '../../../../contracts/api'
import { ItemStatusChip } from '../../../components/item-status-chip'
import { directionTitles, uploadLinkName } from '../../../lib/direction-labels'
import { formatDateTime } from '../../../lib/format'
import { itemStatusLabels } from '../../../lib/status-labels'

export type SupportHistoryTableProps = { title: string; items: SupportItem[] }

/** Every upload that touched the product, newest first. */
export function SupportHistoryTable({ title, items }: SupportHistoryTableProps) {
  if (items.length === 0) {
    return (
      <Typography color="text.secondary" sx={{ my: 1 }}>
        No upload has touched this product yet.
      </Typography>
    )
  }

  return (
    <TableContainer sx={{ my: 1 }}>
      <Table size="small" aria-label={`Uploads of ${title}`}>
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Upload</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Reasons</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.itemId}>
              <TableCell>
                <Link
                  component={RouterLink}
                  to={`/runs/${encodeURIComponent(item.runId)}`}
                  aria-label={uploadLinkName(
                    formatDateTime(item.updatedAt),
                    item.direction,
                    itemStatusLabels[item.status],
                  )}
                >
                  {formatDateTime(item.updatedAt)}
                </Link>
              </TableCell>
              <TableCell>{directionTitles[item.direction]}</TableCell>
              <TableCell>
                <ItemStatusChip status={item.status} />
              </TableCell>
              <TableCell>{item.reasons.join(' ')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  )
}
