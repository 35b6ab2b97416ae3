import type { z } from 'zod'

import { apiErrorBodySchema } from '../../contracts/api'

const UNREACHABLE_MESSAGE = 'The app could not reach its service.'

/** A failed call to the BFF: a non-2xx answer, no answer (status 0), or an unreadable one. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown
  readonly requestId: string | undefined

  constructor(options: {
    status: number
    code: string
    message: string
    details?: unknown
    requestId?: string | undefined
  }) {
    super(options.message)
    this.name = 'ApiError'
    this.status = options.status
    this.code = options.code
    this.details = options.details
    this.requestId = options.requestId
  }
}

export type QueryParams = Record<string, string | number | undefined>

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT'
  query?: QueryParams
  body?: unknown
  signal?: AbortSignal | undefined
}

function buildUrl(path: string, query: QueryParams = {}) {
  const url = new URL(path, window.location.origin)

  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(key, String(value))
  }

  return url
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined

  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function errorFromResponse(response: Response, body: unknown) {
  const parsed = apiErrorBodySchema.safeParse(body)

  if (parsed.success) {
    return new ApiError({ status: response.status, ...parsed.data.error })
  }

  // A proxy or gateway answered instead of the BFF: no error body to show.
  return new ApiError({
    status: response.status,
    code: 'unexpected_response',
    message:
      response.status >= 500 ? UNREACHABLE_MESSAGE : `The service answered ${response.status}.`,
  })
}

/**
 * The only caller of fetch in the SPA. Parses every answer with its contract schema so that
 * components never see unchecked data, and turns every failure into an ApiError.
 */
export async function apiRequest<T>(
  path: string,
  schema: z.ZodType<T>,
  options: RequestOptions = {},
): Promise<T> {
  const { method = 'GET', query, body, signal } = options
  const hasBody = body !== undefined
  let response: Response

  try {
    response = await fetch(buildUrl(path, query), {
      method,
      signal: signal ?? null,
      credentials: 'same-origin',
      headers: hasBody
        ? { accept: 'application/json', 'content-type': 'application/json' }
        : { accept: 'application/json' },
      body: hasBody ? JSON.stringify(body) : null,
    })
  } catch (error) {
    if (signal?.aborted) throw error

    throw new ApiError({ status: 0, code: 'network_error', message: UNREACHABLE_MESSAGE })
  }

  const json = await readJson(response)
  if (!response.ok) throw errorFromResponse(response, json)

  const parsed = schema.safeParse(json)

  if (!parsed.success) {
    throw new ApiError({
      status: 502,
      code: 'invalid_response',
      message: 'The service answered with data the app does not understand.',
      details: parsed.error.issues,
      requestId: response.headers.get('x-request-id') ?? undefined,
    })
  }

  return parsed.data
}

export const apiClient = {
  get<T>(
    path: string,
    schema: z.ZodType<T>,
    options: Omit<RequestOptions, 'method' | 'body'> = {},
  ) {
    return apiRequest(path, schema, { ...options, method: 'GET' })
  },
  post<T>(
    path: string,
    schema: z.ZodType<T>,
    body: unknown,
    options: Omit<RequestOptions, 'method' | 'body'> = {},
  ) {
    return apiRequest(path, schema, { ...options, method: 'POST', body })
  },
  put<T>(
    path: string,
    schema: z.ZodType<T>,
    body: unknown,
    options: Omit<RequestOptions, 'method' | 'body'> = {},
  ) {
    return apiRequest(path, schema, { ...options, method: 'PUT', body })
  },
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}
