import { HttpResponse } from 'msw'

import type { ApiErrorBody } from '../../../contracts/api'

export function errorResponse(status: number, code: string, message: string) {
  const body: ApiErrorBody = { error: { code, message, requestId: `req-${status}-${code}` } }

  return HttpResponse.json(body, { status })
}
