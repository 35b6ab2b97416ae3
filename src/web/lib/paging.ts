/** Keeps a zero-based page index inside the pages that exist, e.g. after the total shrank. */
export function clampPage(page: number, total: number, pageSize: number) {
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1)

  return Math.min(page, lastPage)
}
