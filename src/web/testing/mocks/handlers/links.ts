import { http, HttpResponse } from 'msw'

import { apiPaths, linksQuerySchema, type LinkPage } from '../../../../contracts/api'
import { db, matchesSearch, pageOf } from '../db'
import { errorResponse } from '../http-error'

export const linkHandlers = [
  http.get(apiPaths.links, ({ request }) => {
    const params = Object.fromEntries(new URL(request.url).searchParams)
    const query = linksQuerySchema.safeParse(params)
    if (!query.success) return errorResponse(400, 'invalid_query', 'The search is not valid.')

    const { q, state, page, pageSize } = query.data
    const found = db.links.filter(
      (link) => matchesSearch(link, q) && (state === undefined || link.state === state),
    )

    return HttpResponse.json<LinkPage>(pageOf(found, page, pageSize))
  }),
]
