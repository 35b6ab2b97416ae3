import { http, HttpResponse } from 'msw'

import {
  apiPaths,
  sourceProductsQuerySchema,
  type SourceProductPage,
} from '../../../../contracts/api'
import { db, matchesSearch, pageOf } from '../db'
import { errorResponse } from '../http-error'

export const sourceProductHandlers = [
  http.get(apiPaths.sourceProducts, ({ request }) => {
    const params = Object.fromEntries(new URL(request.url).searchParams)
    const query = sourceProductsQuerySchema.safeParse(params)
    if (!query.success) return errorResponse(400, 'invalid_query', 'The search is not valid.')

    const { side, q, page, pageSize } = query.data
    const found = db.products[side].filter((product) => matchesSearch(product, q))

    return HttpResponse.json<SourceProductPage>(pageOf(found, page, pageSize))
  }),
]
