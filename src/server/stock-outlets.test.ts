/**
 * A merchant whose warehouse should not sell online names the outlets that stock the web store
 * (POS_STOCK_OUTLETS): eCom's quantity counts only their stock, at upload and after it, and the
 * picker shows the same figure.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { pendingWork } from './store/sync-store'
import { POS_TOKEN, startTestWorld, type TestWorld } from './testing/test-world'

async function setOutlets(w: TestWorld, names: string[]) {
  const [main] = (
    await w.posApi<{ data: { id: string; name: string }[] }>('GET', '/api/2.0/outlets')
  ).data
  const res = await fetch(`${w.posUrl}/_sim/outlets`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${POS_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      outlets: [{ id: main?.id, name: main?.name }, ...names.map((name) => ({ name }))],
    }),
  })
  const { data } = (await res.json()) as { data: { id: string; name: string }[] }

  return Object.fromEntries(data.map((o) => [o.name, o.id]))
}

async function ecomQuantity(w: TestWorld, sku: string) {
  const page = await w.ecomApi<{ items: { quantity?: number }[] }>('GET', `/products?sku=${sku}`)

  return page.items[0]?.quantity
}

describe('with POS_STOCK_OUTLETS naming the shop floor, not the warehouse', () => {
  let w: TestWorld
  let cookie: string
  let outlets: Record<string, string>
  let mugId: string

  beforeAll(async () => {
    w = await startTestWorld({ env: { POS_STOCK_OUTLETS: 'harbor shop' } })
    cookie = await w.openSession()
    outlets = await setOutlets(w, ['Harbor Shop', 'Warehouse'])
    ;[mugId = ''] = (
      await w.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
        name: 'Harbor Mug',
        sku: 'HMUG-1',
        price_excluding_tax: 9,
        inventory: [
          { outlet_id: outlets['Harbor Shop'], current_amount: 5 },
          { outlet_id: outlets.Warehouse, current_amount: 40 },
        ],
      })
    ).data
  }, 60_000)
  afterAll(async () => w?.stop())

  test('the picker and the upload count only the named outlet', async () => {
    const picked = await w.app.inject({
      method: 'GET',
      url: '/api/source-products?side=pos&q=HMUG-1',
      headers: { cookie },
    })
    await w.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })

    expect(picked.json()).toMatchObject({ items: [{ name: 'Harbor Mug', stock: 5 }] })
    expect(await ecomQuantity(w, 'HMUG-1')).toBe(5)
  })

  test('stock moved in the warehouse changes nothing on eCom; in the shop it does', async () => {
    const settled = () =>
      expect
        .poll(() => pendingWork(w.ctx.db), { timeout: 10_000, interval: 50 })
        .toEqual({ deliveries: 0, links: 0 })
    const moveTo = async (outlet: string, level: number) => {
      await w.posApi('PUT', `/api/2.1/products/${mugId}`, {
        details: { inventory: [{ outlet_id: outlets[outlet], current_amount: level }] },
      })
      await w.postPosWebhook('inventory.update', {
        product_id: mugId,
        outlet_id: outlets[outlet],
        count: level,
      })
      await settled()
    }

    await moveTo('Warehouse', 12)
    expect(await ecomQuantity(w, 'HMUG-1')).toBe(5)

    await moveTo('Harbor Shop', 2)
    expect(await ecomQuantity(w, 'HMUG-1')).toBe(2)
  })
})

test('an outlet POS_STOCK_OUTLETS names that Retail POS does not have fails the upload, saying which outlets there are', async () => {
  const w = await startTestWorld({ env: { POS_STOCK_OUTLETS: 'Main Outlet, Attic' } })
  try {
    const cookie = await w.openSession()
    await w.posApi('POST', '/api/2.0/products', {
      name: 'Attic Lamp',
      sku: 'ALAMP-1',
      price_excluding_tax: 20,
    })
    const run = await w.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })
    const items = await w.app.inject({
      method: 'GET',
      url: `/api/runs/${run.id}/items`,
      headers: { cookie },
    })

    expect(run.counts).toMatchObject({ failed: 1, created: 0 })
    expect(JSON.stringify(items.json())).toMatch(
      /POS_STOCK_OUTLETS names \\"Attic\\", which Retail POS does not have; its outlets are \\".*Change the setting, then retry/,
    )
    expect(await ecomQuantity(w, 'ALAMP-1')).toBeUndefined()
  } finally {
    await w.stop()
  }
})
