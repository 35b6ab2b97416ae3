import TablePagination from '@mui/material/TablePagination'
import { clampPage } from '../lib/paging'

export type ServerPaginationProps = {
  total: number
  /** Zero-based. */
  page: number
  pageSize: number
  pageSizes: number[]
  onPageChange: (page: number) => void
  onPageSizeChange: (pageSize: number) => void
  /** The rows shown are still those of the page before (placeholder data). */
  isLoading?: boolean
}

/**
 * Paging for a list the BFF pages: a new page size starts again at the first page. While the page
 * asked for loads, the range says so instead of naming rows that are not on screen yet.
 */
export function ServerPagination(props: ServerPaginationProps) {
  return (
    <TablePagination
      component="div"
      count={props.total}
      page={clampPage(props.page, props.total, props.pageSize)}
      rowsPerPage={props.pageSize}
      rowsPerPageOptions={props.pageSizes}
      labelDisplayedRows={({ from, to, count }) =>
        props.isLoading ? `Loading ${from}–${to} of ${count}…` : `${from}–${to} of ${count}`
      }
      onPageChange={(_, next) => props.onPageChange(next)}
      onRowsPerPageChange={(event) => {
        props.onPageSizeChange(Number(event.target.value))
        props.onPageChange(0)
      }}
    />
  )
}
