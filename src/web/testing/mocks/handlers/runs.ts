import { http, HttpResponse } from 'msw'

import {
  apiPaths,
  pageQuerySchema,
  retryRunBodySchema,
  RUN_OVERLAPS,
  runItemsQuerySchema,
  startRunBodySchema,
  type ApiErrorBody,
  type Run,
  type RunItemPage,
  type RunPage,
  type RunPreview,
} from '../../../../contracts/api'
import {
  advanceRun,
  cancelRun,
  db,
  findOverlap,
  findRun,
  pageOf,
  previewRun,
  retryRun,
  startRun,
} from '../db'
import { errorResponse } from '../http-error'

// apiPaths.run(id) encodes its argument, so the route patterns are built from apiPaths.runs.
const runPath = `${apiPaths.runs}/:id`
const runItemsPath = `${apiPaths.runs}/:id/items`
const runRetryPath = `${apiPaths.runs}/:id/retry`
const runCancelPath = `${apiPaths.runs}/:id/cancel`
const runExportPath = `${apiPaths.runs}/:id/export.csv`

function overlapResponse(runId: string) {
  const body: ApiErrorBody = {
    error: {
      code: RUN_OVERLAPS,
      message: 'Some of these products are already being uploaded.',
      details: { runId },
      requestId: 'req-409-overlap',
    },
  }

  return HttpResponse.json(body, { status: 409 })
}

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

    const overlap = findOverlap(body.data)
    if (overlap) return overlapResponse(overlap.run.id)

    return HttpResponse.json<Run>(startRun(body.data).run, { status: 201 })
  }),

  http.post(apiPaths.runPreview, async ({ request }) => {
    const body = startRunBodySchema.safeParse(await request.json())
    if (!body.success) return errorResponse(400, 'invalid_body', 'The selection is not valid.')

    return HttpResponse.json<RunPreview>(previewRun(body.data))
  }),

  http.post<{ id: string }>(runRetryPath, async ({ params, request }) => {
    const record = findRun(params.id)
    if (!record) return notFound()

    const body = retryRunBodySchema.safeParse(await request.json())
    if (!body.success) return errorResponse(400, 'invalid_body', 'The items are not valid.')
    if (record.run.status === 'cancelled') {
      return errorResponse(409, 'RUN_CANCELLED', 'This upload was cancelled.')
    }
    if (retryRun(record, body.data.itemIds) === 0) {
      return errorResponse(409, 'NOTHING_TO_RETRY', 'There is no failed product to retry.')
    }

    return HttpResponse.json<Run>(record.run)
  }),

  http.post<{ id: string }>(runCancelPath, ({ params }) => {
    const record = findRun(params.id)
    if (!record) return notFound()
    if (!cancelRun(record)) {
      return errorResponse(409, 'RUN_NOT_ACTIVE', 'This upload has already finished.')
    }

    return HttpResponse.json<Run>(record.run)
  }),

  http.get<{ id: string }>(runExportPath, ({ params }) => {
    const record = findRun(params.id)
    if (!record) return notFound()

    const rows = record.items
      .filter((item) => item.status === 'failed' || item.status === 'refused')
      .map((item) => [item.name, item.sku, item.status, item.reasons.join('\n'), item.sourceId])
    const csv = [['Name', 'SKU', 'Outcome', 'Reasons', 'Source ID'], ...rows]
      .map((row) => row.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(','))
      .join('\r\n')

    return new HttpResponse(`\uFEFF${csv}\r\n`, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="upload-${record.run.id}-problems.csv"`,
      },
    })
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
