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
}

/** Paging for a list the BFF pages: a new page size starts again at the first page. */
export function ServerPagination(props: ServerPaginationProps) {
  return (
    <TablePagination
      component="div"
      count={props.total}
      page={clampPage(props.page, props.total, props.pageSize)}
      rowsPerPage={props.pageSize}
      rowsPerPageOptions={props.pageSizes}
      onPageChange={(_, next) => props.onPageChange(next)}
      onRowsPerPageChange={(event) => {
        props.onPageSizeChange(Number(event.target.value))
        props.onPageChange(0)
      }}
    />
  )
}
