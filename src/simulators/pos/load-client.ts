/**
 * The catalog loader's HTTP client for the POS simulator. Its requests carry the back-office
 * header (a CSV import in Retail POS's own screens is no API client, so it is not rate limited);
 * a 429 is still waited out, in case the simulator in front is another one.
 */
import { BACK_OFFICE_HEADER } from './back-office'

export interface LoadTarget {
  baseUrl: string
  token: string
}

export type PostAnswer = { ok: true; ids: string[] } | { ok: false; status: number; error: string }

export interface LoadClient {
  send<T>(method: string, path: string, body?: unknown): Promise<T>
  post(path: string, body: unknown): Promise<PostAnswer>
  /** Every item of a version-cursor collection (or a plain `{data: [...]}` list). */
  all<T>(path: string): Promise<T[]>
}

const MAX_WAITS = 5

function retryDelayMs(header: string | null): number {
  if (!header) return 1000
  const seconds = Number(header)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now()

  return Math.min(Math.max(ms, 100), 60_000)
}

export function loadClient(target: LoadTarget): LoadClient {
  const base = target.baseUrl.replace(/\/+$/, '')

  async function request(method: string, path: string, body?: unknown) {
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${target.token}`,
          accept: 'application/json',
          [BACK_OFFICE_HEADER]: '1',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      if (response.status !== 429 || attempt >= MAX_WAITS) {
        const text = await response.text()

        return { status: response.status, json: text ? (JSON.parse(text) as unknown) : {} }
      }
      await new Promise((resolve) =>
        setTimeout(resolve, retryDelayMs(response.headers.get('retry-after'))),
      )
    }
  }

  const errorOf = (json: unknown) => {
    const error = (json as { error?: unknown }).error

    return typeof error === 'string' ? error : JSON.stringify(json)
  }

  return {
    async send<T>(method: string, path: string, body?: unknown) {
      const { status, json } = await request(method, path, body)
      if (status >= 400) throw new Error(`${method} ${path} answered ${status}: ${errorOf(json)}`)

      return json as T
    },
    async post(path, body) {
      const { status, json } = await request('POST', path, body)
      if (status >= 400) return { ok: false, status, error: errorOf(json) }

      return { ok: true, ids: (json as { data: string[] }).data }
    },
    async all<T>(path: string) {
      const items: T[] = []
      let after = 0
      for (;;) {
        const separator = path.includes('?') ? '&' : '?'
        const page = (await this.send(
          'GET',
          `${path}${separator}after=${after}&page_size=1000`,
        )) as { data: T[]; version?: { max: number | null } }
        items.push(...page.data)
        const max = page.version?.max
        if (page.data.length === 0 || max === undefined || max === null) return items
        after = max
      }
    },
  }
}
