import { http, HttpResponse } from 'msw'

import { apiPaths, supportQuerySchema, type SupportSearch } from '../../../../contracts/api'
import { searchSupport } from '../db'
import { errorResponse } from '../http-error'

export const supportHandlers = [
  http.get(apiPaths.supportProducts, ({ request }) => {
    const query = supportQuerySchema.safeParse(
      Object.fromEntries(new URL(request.url).searchParams),
    )
    if (!query.success) return errorResponse(400, 'INVALID_REQUEST', 'Type something to search.')

    return HttpResponse.json<SupportSearch>(searchSupport(query.data.q))
  }),
]
