/**
 * The API 2.0 version cursor: `after` (exclusive), `before` (exclusive), `page_size`, `deleted`.
 * Neither the spec nor the docs state a default or maximum page size [X3, API-FACTS §5.1]; this
 * simulator answers 100 by default and at most 1000, the search endpoint's documented cap, and
 * clamps a larger request rather than refusing it, as search does.
 */
import { PosApiError } from './pos-errors'

export const DEFAULT_PAGE_SIZE = 100
export const MAX_PAGE_SIZE = 1000

export type Query = Record<string, string | string[] | undefined>

export interface CursorParams {
  after: number
  before: number
  limit: number
  includeDeleted: boolean
}

export function single(query: Query, key: string): string | undefined {
  const value = query[key]

  return Array.isArray(value) ? value[0] : value
}

export function many(query: Query, key: string): string[] {
  const value = query[key]
  if (value === undefined) return []

  return Array.isArray(value) ? value : [value]
}

export function integerParam(query: Query, key: string): number | undefined {
  const raw = single(query, key)
  if (raw === undefined || raw === '') return undefined
  if (!/^\d+$/.test(raw)) throw new PosApiError(400, `${key} must be a non-negative integer`)

  return Number(raw)
}

export function booleanParam(query: Query, key: string): boolean {
  const raw = single(query, key)?.toLowerCase()

  return raw === 'true' || raw === '1'
}

export function pageSize(query: Query): number {
  const size = integerParam(query, 'page_size') ?? DEFAULT_PAGE_SIZE
  if (size < 1) throw new PosApiError(400, 'page_size must be at least 1')

  return Math.min(size, MAX_PAGE_SIZE)
}

export function cursorParams(query: Query): CursorParams {
  return {
    after: integerParam(query, 'after') ?? 0,
    before: integerParam(query, 'before') ?? Number.POSITIVE_INFINITY,
    limit: pageSize(query),
    includeDeleted: booleanParam(query, 'deleted'),
  }
}

/** `{data, version: {min, max}}`; [X2] gives null bounds for an empty page. */
export function page<T>(items: { version: number }[], data: T[]) {
  const first = items[0]
  const last = items.at(-1)

  return {
    data,
    version: { min: first?.version ?? null, max: last?.version ?? null },
  }
}
