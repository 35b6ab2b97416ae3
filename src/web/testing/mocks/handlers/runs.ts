import { http, HttpResponse } from 'msw'

import {
  apiPaths,
  pageQuerySchema,
  runItemsQuerySchema,
  startRunBodySchema,
  type Run,
  type RunItemPage,
  type RunPage,
} from '../../../../contracts/api'
import { advanceRun, db, findRun, pageOf, startRun } from '../db'
import { errorResponse } from '../http-error'

// apiPaths.run(id) encodes its argument, so the route patterns are built from apiPaths.runs.
const runPath = `${apiPaths.runs}/:id`
const runItemsPath = `${apiPaths.runs}/:id/items`

function notFound() {
  return errorResponse(404, 'run_not_found', 'This upload does not exist.')
}

export const runHandlers = [
  http.get(apiPaths.runs, ({ request }) => {
    const query = pageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
    if (!query.success) return errorResponse(400, 'invalid_query', 'The page is not valid.')

    const newestFirst = db.runs
      .map((record) => record.run)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt))

    return HttpResponse.json<RunPage>(pageOf(newestFirst, query.data.page, query.data.pageSize))
  }),

  http.post(apiPaths.runs, async ({ request }) => {
    const body = startRunBodySchema.safeParse(await request.json())
    if (!body.success) return errorResponse(400, 'invalid_body', 'The selection is not valid.')

    const blocker = db.session.blockers[0]
    if (blocker) return errorResponse(409, blocker.code, blocker.message)

    return HttpResponse.json<Run>(startRun(body.data).run, { status: 201 })
  }),

  http.get<{ id: string }>(runPath, ({ params }) => {
    const record = findRun(params.id)
    if (!record) return notFound()

    advanceRun(record)

    return HttpResponse.json<Run>(record.run)
  }),

  http.get<{ id: string }>(runItemsPath, ({ params, request }) => {
    const record = findRun(params.id)
    if (!record) return notFound()

    const query = runItemsQuerySchema.safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    )
    if (!query.success) return errorResponse(400, 'invalid_query', 'The filter is not valid.')

    const { status, page, pageSize } = query.data
    const items = record.items.filter((item) => status === undefined || item.status === status)

    return HttpResponse.json<RunItemPage>(pageOf(items, page, pageSize))
  }),
]
