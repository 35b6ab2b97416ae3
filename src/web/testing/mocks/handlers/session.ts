import { http, HttpResponse } from 'msw'

import { apiPaths, createSessionBodySchema, type Session } from '../../../../contracts/api'
import { db } from '../db'
import { errorResponse } from '../http-error'

export const sessionHandlers = [
  http.get(apiPaths.session, () => HttpResponse.json<Session>(db.session)),

  http.post(apiPaths.session, async ({ request }) => {
    const body = createSessionBodySchema.safeParse(await request.json())
    if (!body.success) return errorResponse(400, 'invalid_payload', 'The payload is missing.')

    return HttpResponse.json<Session>(db.session, {
      headers: { 'set-cookie': 'sid=mock-session; Path=/; HttpOnly; SameSite=None; Secure' },
    })
  }),
]
