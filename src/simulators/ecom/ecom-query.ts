/** Query-string readers that answer Ecwid's 400 WRONG_PARAMETER for a value they cannot read. */
import { wrongParameter } from './ecom-errors'

export type Query = Record<string, string | undefined>

export const MAX_PAGE_SIZE = 100

export function readInt(query: Query, name: string, min = 0): number | undefined {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) throw wrongParameter(name, raw)

  return value
}

export function readNumber(query: Query, name: string): number | undefined {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined
  const value = Number(raw)
  if (!Number.isFinite(value)) throw wrongParameter(name, raw)

  return value
}

export function readBool(query: Query, name: string): boolean | undefined {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined
  if (raw !== 'true' && raw !== 'false') throw wrongParameter(name, raw)

  return raw === 'true'
}

export function readIntList(query: Query, name: string): number[] | undefined {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined

  return raw.split(',').map((part) => {
    const value = Number(part.trim())
    if (!Number.isInteger(value) || value < 0) throw wrongParameter(name, raw)

    return value
  })
}

/** UNIX seconds, or one of Ecwid's date formats ("2024-09-04", "2024-09-04 07:20:11 +0000"). */
export function readDate(query: Query, name: string): number | undefined {
  const raw = query[name]
  if (raw === undefined || raw === '') return undefined
  if (/^\d+$/.test(raw)) return Number(raw)
  const iso = raw.replace(' ', 'T').replace(/ ?([+-]\d{2})(\d{2})$/, '$1:$2')
  const millis = Date.parse(/T/.test(iso) || iso.length > 10 ? iso : `${iso}T00:00:00Z`)
  if (Number.isNaN(millis)) throw wrongParameter(name, raw)

  return Math.floor(millis / 1000)
}

/** Ecwid caps limit at 100 without complaint; the envelope shows the limit it used. */
export function readPaging(query: Query): { offset: number; limit: number } {
  const offset = readInt(query, 'offset') ?? 0
  const limit = Math.min(readInt(query, 'limit') ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE)

  return { offset, limit }
}
