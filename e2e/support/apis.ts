/** Reading both sides the way a merchant's other tools would: through the simulators' APIs. */
import type { Stack } from './stack'

export async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`)

  return (await res.json()) as T
}

export interface EcomProduct {
  id: number
  sku?: string
  name: string
  price: number
  quantity?: number
  unlimited?: boolean
  enabled: boolean
  combinations?: {
    id: number
    sku?: string
    price?: number
    quantity?: number
    unlimited?: boolean
    options: { name: string; value: string }[]
  }[]
}

export async function allEcomProducts(stack: Stack): Promise<EcomProduct[]> {
  const all: EcomProduct[] = []
  for (let offset = 0; ; offset += 100) {
    const page = await getJson<{ total: number; items: EcomProduct[] }>(
      `${stack.ecomUrl}/api/v3/${stack.ecomStoreId}/products?limit=100&offset=${offset}`,
      stack.ecomToken,
    )
    all.push(...page.items)
    if (offset + 100 >= page.total) return all
  }
}

export interface PosProduct {
  id: string
  name: string
  sku: string
  variant_parent_id?: string | null
  has_variants?: boolean
  has_inventory?: boolean
  is_composite?: boolean
  price_excluding_tax: number
  variant_options?: { name: string; value: string }[]
  deleted_at?: string | null
}

async function allVersioned<T>(stack: Stack, path: string): Promise<T[]> {
  const all: T[] = []
  let after = 0
  for (;;) {
    const page = await getJson<{ data: T[]; version: { max: number | null } }>(
      `${stack.posUrl}/api/2.0/${path}${path.includes('?') ? '&' : '?'}page_size=1000&after=${after}`,
      stack.posToken,
    )
    if (page.data.length === 0 || page.version.max === null) return all
    all.push(...page.data)
    after = page.version.max
  }
}

export function allPosProducts(stack: Stack) {
  return allVersioned<PosProduct>(stack, 'products')
}

export function allPosInventory(stack: Stack) {
  return allVersioned<{ product_id: string; outlet_id: string; inventory_level: number }>(
    stack,
    'inventory',
  )
}
