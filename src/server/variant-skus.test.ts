/**
 * A variation on eCom sells from its own stock only when it has a SKU of its own: without one it
 * inherits the product's SKU and stock (API-FACTS §1.9, decision 010). So every variation the app
 * writes carries its variant's SKU and stock, at upload and after it, a Retail POS variant without
 * a SKU stays off eCom with a reason, and the eCom picker counts stock the variations share with
 * their product once. Checked through the simulators' APIs, as the merchant's tools would see it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startTestWorld, type TestWorld } from './testing/test-world'

interface EcomCombinationView {
  sku?: string
  quantity?: number
  unlimited?: boolean
  options: { name: string; value: string }[]
}

interface EcomProductView {
  id: number
  sku?: string
  name: string
  quantity?: number
}

let world: TestWorld
let cookie: string

const NO_SKU_REASON =
  '"Mystery Tee": each variant needs its own unique SKU (no SKU: M); add one in Retail POS: on eCom a variant without a SKU sells from the whole product\'s stock'

// The demo catalog, as `npm start` seeds it: its Mystery Tee has size M without a SKU, and stock
// at two outlets.
beforeAll(async () => {
  world = await startTestWorld({ pos: { seed: 'demo' } })
  cookie = await world.openSession()
}, 60_000)
afterAll(async () => world?.stop())

interface PosVariantView {
  id: string
  sku: string
  variant_options?: { name: string; value: string }[]
}

/** The variants of a demo family as Retail POS lists them, by their option value. */
async function posVariants(name: string): Promise<Map<string, PosVariantView>> {
  const res = await world.posApi<{ data: PosVariantView[] }>(
    'GET',
    `/api/2.0/products?name=${encodeURIComponent(name)}`,
  )

  return new Map(res.data.map((p) => [p.variant_options?.map((o) => o.value).join(' / ') ?? '', p]))
}

async function familyId(q: string): Promise<string> {
  const res = await world.app.inject({
    method: 'GET',
    url: `/api/source-products?side=pos&q=${encodeURIComponent(q)}`,
    headers: { cookie },
  })

  return (res.json() as { items: { sourceId: string }[] }).items[0]?.sourceId ?? ''
}

async function outlets(): Promise<Record<string, string>> {
  const res = await world.posApi<{ data: { id: string; name: string }[] }>(
    'GET',
    '/api/2.0/outlets',
  )

  return Object.fromEntries(res.data.map((o) => [o.name, o.id]))
}

async function ecomByName(name: string): Promise<EcomProductView | undefined> {
  const page = await world.ecomApi<{ items: EcomProductView[] }>('GET', '/products?limit=100')

  return page.items.find((p) => p.name === name)
}

/** The variations as eCom's own endpoint answers them: SKU and the stock each sells from. */
async function combinations(productId: number) {
  const list = await world.ecomApi<EcomCombinationView[]>(
    'GET',
    `/products/${productId}/combinations`,
  )

  return list.map((c) => [c.options[0]?.value, c.sku ?? null, c.quantity])
}

async function hint(id: string) {
  const p = (
    await world.posApi<{
      data: { id: string; name: string; sku: string; is_active: boolean; variant_parent_id: string }
    }>('GET', `/api/2.0/products/${id}`)
  ).data

  return {
    id: p.id,
    name: p.name,
    sku: p.sku,
    active: p.is_active,
    variant_parent_id: p.variant_parent_id ?? '',
  }
}

describe('Retail POS → eCom: every variation carries its own SKU and stock', () => {
  test('a family with a variant without a SKU is refused saying why; another lands with each variation’s own SKU and stock', async () => {
    const ids = [await familyId('Mystery Tee'), await familyId('Kids Rain Jacket')]
    const run = await world.upload(cookie, {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids },
    })
    const items = await world.items(cookie, run.id)
    const jacket = await ecomByName('Kids Rain Jacket')

    expect(run.counts).toMatchObject({ total: 2, created: 1, refused: 1, failed: 0 })
    expect(items.find((i) => i.name === 'Mystery Tee')).toMatchObject({
      status: 'refused',
      reasons: [NO_SKU_REASON],
    })
    expect(await ecomByName('Mystery Tee')).toBeUndefined()
    // Stock at Main Street and Harbor Pop-up: 4: 2 + 0, 6: 0 + 0, 8: 1 + 0.
    expect(await combinations(jacket?.id ?? 0)).toEqual([
      ['4', 'DO-RAINKID-4', 2],
      ['6', 'DO-RAINKID-6', 0],
      ['8', 'DO-RAINKID-8', 1],
    ])
  })

  test('a variant at -3 at one outlet sells on eCom only what the other outlet has', async () => {
    const jacket = await ecomByName('Kids Rain Jacket')
    const variant = (await posVariants('Kids Rain Jacket')).get('4')
    const where = await outlets()

    await world.posApi('PUT', `/api/2.1/products/${variant?.id}`, {
      details: {
        inventory: [
          { outlet_id: where['Main Street'], current_amount: -3 },
          { outlet_id: where['Harbor Pop-up'], current_amount: 1 },
        ],
      },
    })
    await world.postPosWebhook('product.update', await hint(variant?.id ?? ''))

    await expect
      .poll(async () => (await combinations(jacket?.id ?? 0)).find(([value]) => value === '4'), {
        timeout: 10_000,
        interval: 100,
      })
      .toEqual(['4', 'DO-RAINKID-4', 1])
  })

  test('once the variant has a SKU in Retail POS, the product goes up with each variation’s own SKU and stock', async () => {
    const m = (await posVariants('Mystery Tee')).get('M')

    expect(m?.sku).toBe('')
    await world.posApi('PUT', `/api/2.1/products/${m?.id}`, { details: { sku: 'DO-MYSTERY-M' } })
    const run = await world.upload(cookie, {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids: [await familyId('Mystery Tee')] },
    })
    const mystery = await ecomByName('Mystery Tee')

    expect(run.counts).toMatchObject({ created: 1, refused: 0 })
    // Stock at Main Street and Harbor Pop-up: S 5 + 1, M 4 + 1, L 3 + 1.
    expect(await combinations(mystery?.id ?? 0)).toHaveLength(3)
    expect(await combinations(mystery?.id ?? 0)).toEqual(
      expect.arrayContaining([
        ['S', 'DO-MYSTERY-S', 6],
        ['M', 'DO-MYSTERY-M', 5],
        ['L', 'DO-MYSTERY-L', 4],
      ]),
    )
    expect(mystery).toMatchObject({ quantity: 15 })
  })
})

describe('the eCom picker (GET /api/source-products?side=ecom)', () => {
  test('counts the stock variations share with their product once, and shows the product’s SKU', async () => {
    await world.ecomApi('POST', '/products', {
      name: 'Packable Down Vest',
      sku: 'VEST',
      price: 119,
      quantity: 8,
      combinations: ['S', 'M', 'L'].map((value) => ({ options: [{ name: 'Size', value }] })),
    })
    await world.ecomApi('POST', '/products', {
      name: 'Insulated Bottle 750 ml',
      sku: 'BOTTLE-750',
      price: 29,
      quantity: 25,
      combinations: [
        { options: [{ name: 'Colour', value: 'Glacier' }], sku: 'BOTTLE-750-GLA', quantity: 10 },
        { options: [{ name: 'Colour', value: 'Ember' }], sku: 'BOTTLE-750-EMB', quantity: 4 },
      ],
    })
    await world.ecomApi('POST', '/products', {
      name: 'Made-to-order Beanie',
      sku: 'BEANIE',
      price: 24,
      unlimited: true,
      combinations: [{ options: [{ name: 'Colour', value: 'Navy' }] }],
    })

    const picker = async (q: string) =>
      (
        await world.app.inject({
          method: 'GET',
          url: `/api/source-products?side=ecom&q=${encodeURIComponent(q)}`,
          headers: { cookie },
        })
      ).json() as { items: { name: string; sku: string; stock: number | null }[] }

    expect((await picker('Packable')).items).toMatchObject([
      { name: 'Packable Down Vest', sku: 'VEST', stock: 8 },
    ])
    expect((await picker('Insulated')).items).toMatchObject([
      { name: 'Insulated Bottle 750 ml', sku: 'BOTTLE-750', stock: 14 },
    ])
    expect((await picker('Beanie')).items).toMatchObject([
      { name: 'Made-to-order Beanie', sku: 'BEANIE', stock: null },
    ])
  })
})
