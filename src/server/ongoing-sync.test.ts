// After the upload, with Retail POS as the system of record: each row of the article's two rules
// tables (ARCHITECTURE.md "After the upload"), changed on one side through its simulator's API,
// delivered as that side's webhook (or found by the catch-up), and checked on the other side
// through its API.
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { catchUp } from './services/ongoing/catch-up'
import { pendingWork } from './store/sync-store'
import { listDeliveries } from './store/webhook-store'
import { OTHER_STORE_ID, STORE_ID, startTestWorld, type TestWorld } from './testing/test-world'

interface EcomCombinationView {
  id: number
  sku?: string
  price?: number
  quantity?: number
  options: { name: string; value: string }[]
}

interface EcomProductView {
  id: number
  sku?: string
  name: string
  description: string
  price: number
  quantity?: number
  unlimited?: boolean
  enabled: boolean
  categoryIds?: number[]
  combinations?: EcomCombinationView[]
}

interface PosProductView {
  id: string
  name: string
  sku: string
  price_excluding_tax: number
  is_active: boolean
  description: string | null
  variant_parent_id: string | null
  deleted_at: string | null
}

let world: TestWorld
let cookie: string
let outlet: string
let mugId: string
let teeIds: string[]
let lampId: string

beforeAll(async () => {
  world = await startTestWorld()
  cookie = await world.openSession()
  outlet =
    (await world.posApi<{ data: { id: string }[] }>('GET', '/api/2.0/outlets')).data[0]?.id ?? ''
  const size = (
    await world.posApi<{ data: { id: string } }>('POST', '/api/2.0/variant_attributes', {
      name: 'Size',
    })
  ).data.id
  const tag = await world.posApi<{ data: string }>('POST', '/api/2.0/tags', { name: 'Mugs' })

  ;[mugId = ''] = (
    await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Crest Mug',
      sku: 'MUG-1',
      description: '<p>Ceramic.</p>',
      price_excluding_tax: 12.5,
      tag_ids: [tag.data],
      inventory: [{ outlet_id: outlet, current_amount: 10 }],
    })
  ).data
  teeIds = (
    await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Leaf Tee',
      variants: [
        {
          sku: 'LEAF-S',
          price_excluding_tax: 20,
          variant_definitions: [{ attribute_id: size, value: 'S' }],
          inventory: [{ outlet_id: outlet, current_amount: 3 }],
        },
        {
          sku: 'LEAF-M',
          price_excluding_tax: 22,
          variant_definitions: [{ attribute_id: size, value: 'M' }],
          inventory: [{ outlet_id: outlet, current_amount: 5 }],
        },
      ],
    })
  ).data
  ;[lampId = ''] = (
    await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
      name: 'Desk Lamp',
      sku: 'LAMP-1',
      price_excluding_tax: 40,
      inventory: [{ outlet_id: outlet, current_amount: 2 }],
    })
  ).data

  const run = await world.upload(cookie, { direction: 'pos-to-ecom', selection: { kind: 'all' } })

  if (run.counts.created !== 3) throw new Error(`upload: ${JSON.stringify(run)}`)
}, 30_000)
afterAll(async () => world?.stop())

async function ecomBySku(sku: string): Promise<EcomProductView> {
  const page = await world.ecomApi<{ items: EcomProductView[] }>(
    'GET',
    `/products?sku=${encodeURIComponent(sku)}`,
  )
  const [found] = page.items

  if (!found) throw new Error(`no eCom product with SKU ${sku}`)

  return found
}

async function posProduct(id: string): Promise<PosProductView> {
  return (await world.posApi<{ data: PosProductView }>('GET', `/api/2.0/products/${id}`)).data
}

async function posStock(id: string): Promise<number> {
  const res = await world.posApi<{ data: { outlet_id: string; inventory_level: number }[] }>(
    'GET',
    `/api/2.0/products/${id}/inventory`,
  )

  return res.data.find((r) => r.outlet_id === outlet)?.inventory_level ?? 0
}

/** What X-Series puts in a product.update payload (the API 1.0 shape, API-FACTS §2.11). */
async function productHint(id: string) {
  const p = await posProduct(id)

  return {
    id: p.id,
    name: p.name,
    sku: p.sku,
    active: p.is_active,
    variant_parent_id: p.variant_parent_id ?? '',
  }
}

/** Waits until the ongoing sync has worked every delivery and synced every marked link. */
async function settled() {
  await expect
    .poll(() => pendingWork(world.ctx.db), { timeout: 10_000, interval: 50 })
    .toEqual({ deliveries: 0, links: 0 })
}

let nextEvent = 0

function ecomEvent(eventType: string, entityId: number | string, data?: Record<string, unknown>) {
  nextEvent += 1

  return {
    eventId: `00000000-0000-4000-8000-${String(nextEvent).padStart(12, '0')}`,
    eventCreated: 1_760_000_000 + nextEvent,
    storeId: STORE_ID,
    entityId,
    eventType,
    ...(data ? { data } : {}),
  }
}

describe('Retail POS → eCom after the upload', () => {
  test('the first sync after an upload writes nothing to eCom when nothing changed', async () => {
    const ecom = await world.ctx.connections.ecom(STORE_ID)
    const writes = [
      vi.spyOn(ecom, 'updateProduct'),
      vi.spyOn(ecom, 'updateCombination'),
      vi.spyOn(ecom, 'createCombination'),
    ]

    await world.ongoing.catchUpNow()
    await settled()

    expect(writes.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0])
    expect(await catchUp(world.ctx)).toBe(0)
    for (const spy of writes) spy.mockRestore()
  })

  test('name, stock, SKU and price updated in Retail POS are updated on eCom within seconds', async () => {
    const before = await ecomBySku('MUG-1')

    await world.posApi('PUT', `/api/2.1/products/${mugId}`, {
      common: { name: 'Crest Mug XL' },
      details: {
        sku: 'MUG-1XL',
        price_excluding_tax: 13.75,
        inventory: [{ outlet_id: outlet, current_amount: 7 }],
      },
    })
    const delivered = await world.postPosWebhook('product.update', await productHint(mugId))

    expect(delivered.statusCode).toBe(200)
    await expect
      .poll(async () => world.ecomApi<EcomProductView>('GET', `/products/${before.id}`), {
        timeout: 10_000,
        interval: 100,
      })
      .toMatchObject({ name: 'Crest Mug XL', sku: 'MUG-1XL', price: 13.75, quantity: 7 })
  })

  test('a stock change alone, delivered as inventory.update, is updated on eCom', async () => {
    const tee = await ecomBySku('LEAF-M')

    await world.posApi('PUT', `/api/2.1/products/${teeIds[1]}`, {
      details: { inventory: [{ outlet_id: outlet, current_amount: 1 }] },
    })
    await world.postPosWebhook('inventory.update', {
      product_id: teeIds[1],
      outlet_id: outlet,
      count: 1,
    })

    await expect
      .poll(
        async () =>
          (await world.ecomApi<EcomProductView>('GET', `/products/${tee.id}`)).combinations?.find(
            (c) => c.sku === 'LEAF-M',
          )?.quantity,
        { timeout: 10_000, interval: 100 },
      )
      .toBe(1)
  })

  test('description, images and tags changed in Retail POS change nothing on eCom', async () => {
    const before = await ecomBySku('LAMP-1')
    const tag = await world.posApi<{ data: string }>('POST', '/api/2.0/tags', { name: 'Lighting' })

    await world.posApi('PUT', `/api/2.1/products/${lampId}`, {
      common: { description: '<p>Now with a dimmer.</p>', tag_ids: [tag.data] },
    })
    await world.postPosWebhook('product.update', await productHint(lampId))
    await settled()

    const after = await world.ecomApi<EcomProductView>('GET', `/products/${before.id}`)

    expect(after).toMatchObject({
      description: before.description,
      categoryIds: before.categoryIds,
      name: 'Desk Lamp',
      price: 40,
      quantity: 2,
    })
  })

  test('a variant added in Retail POS is added on eCom under the real option names', async () => {
    const attributes = await world.posApi<{ data: { id: string; name: string }[] }>(
      'GET',
      '/api/2.0/variant_attributes',
    )
    const size = attributes.data.find((a) => a.name === 'Size')?.id ?? ''
    const [largeId = ''] = (
      await world.posApi<{ data: string[] }>('POST', '/api/2.1/products', {
        common: { name: 'Leaf Tee' },
        details: {
          sku: 'LEAF-L',
          price_excluding_tax: 24,
          variant_attribute_values: [{ attribute_id: size, attribute_value: 'L' }],
          inventory: [{ outlet_id: outlet, current_amount: 4 }],
        },
      })
    ).data
    const tee = await ecomBySku('LEAF-S')

    await world.postPosWebhook('product.update', await productHint(largeId))

    await expect
      .poll(
        async () =>
          (await world.ecomApi<EcomProductView>('GET', `/products/${tee.id}`)).combinations?.map(
            (c) => [c.sku, c.options.map((o) => [o.name, o.value]), c.price, c.quantity],
          ),
        { timeout: 10_000, interval: 100 },
      )
      .toContainEqual(['LEAF-L', [['Size', 'L']], 24, 4])
  })

  test('a product deactivated in Retail POS is disabled on eCom, and enabled again when activated', async () => {
    const lamp = await ecomBySku('LAMP-1')
    const enabled = async () =>
      (await world.ecomApi<EcomProductView>('GET', `/products/${lamp.id}`)).enabled

    await world.posApi('PUT', `/api/2.1/products/${lampId}`, { details: { is_active: false } })
    await world.postPosWebhook('product.update', await productHint(lampId))
    await expect.poll(enabled, { timeout: 10_000, interval: 100 }).toBe(false)

    await world.posApi('PUT', `/api/2.1/products/${lampId}`, { details: { is_active: true } })
    await world.postPosWebhook('product.update', await productHint(lampId))
    await expect.poll(enabled, { timeout: 10_000, interval: 100 }).toBe(true)
  })

  test('the catch-up finds a Retail POS change no webhook brought, and a second catch-up changes nothing', async () => {
    const lamp = await ecomBySku('LAMP-1')

    await world.posApi('PUT', `/api/2.1/products/${lampId}`, {
      details: { price_excluding_tax: 42.5 },
    })
    await world.ongoing.catchUpNow()

    await expect
      .poll(
        async () => (await world.ecomApi<EcomProductView>('GET', `/products/${lamp.id}`)).price,
        { timeout: 10_000, interval: 100 },
      )
      .toBe(42.5)
    await settled()
    expect(await catchUp(world.ctx)).toBe(0)
  })

  test('the catch-up gives a newly uploaded product its first sync, with the changes no webhook brought', async () => {
    const [vaseId = ''] = (
      await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
        name: 'Glass Vase',
        sku: 'VASE-1',
        price_excluding_tax: 18,
        inventory: [{ outlet_id: outlet, current_amount: 3 }],
      })
    ).data
    await world.upload(cookie, {
      direction: 'pos-to-ecom',
      selection: { kind: 'ids', ids: [vaseId] },
    })
    const vase = await ecomBySku('VASE-1')

    await world.posApi('PUT', `/api/2.1/products/${vaseId}`, {
      common: { name: 'Glass Vase, tall' },
      details: { inventory: [{ outlet_id: outlet, current_amount: 8 }] },
    })
    await world.ongoing.catchUpNow()

    await expect
      .poll(async () => world.ecomApi<EcomProductView>('GET', `/products/${vase.id}`), {
        timeout: 10_000,
        interval: 100,
      })
      .toMatchObject({ name: 'Glass Vase, tall', quantity: 8, price: 18 })
    await settled()
    expect(await catchUp(world.ctx)).toBe(0)
  })

  test('a product linked in two stores sharing a Retail POS account is updated in both', async () => {
    const [clockId = ''] = (
      await world.posApi<{ data: string[] }>('POST', '/api/2.0/products', {
        name: 'Wall Clock',
        sku: 'CLOCK-1',
        price_excluding_tax: 30,
        inventory: [{ outlet_id: outlet, current_amount: 6 }],
      })
    ).data
    const other = await world.openSession(OTHER_STORE_ID)
    const selection = { direction: 'pos-to-ecom', selection: { kind: 'ids', ids: [clockId] } }
    await world.upload(cookie, selection)
    await world.upload(other, selection)
    const clockIn = async (storeId: number) => {
      const page = await world.ecomApi<{ items: EcomProductView[] }>(
        'GET',
        '/products?sku=CLOCK-1',
        undefined,
        storeId,
      )

      return page.items.map((p) => [p.price, p.quantity])
    }

    await world.posApi('PUT', `/api/2.1/products/${clockId}`, {
      details: { price_excluding_tax: 32, inventory: [{ outlet_id: outlet, current_amount: 4 }] },
    })
    // Both stores use the one Retail POS account here, and each subscribed it to its own address,
    // so Retail POS delivers the change to each.
    for (const storeId of [STORE_ID, OTHER_STORE_ID]) {
      await world.postPosWebhook('product.update', await productHint(clockId), storeId)
    }

    await expect
      .poll(() => clockIn(STORE_ID), { timeout: 10_000, interval: 100 })
      .toEqual([[32, 4]])
    await expect
      .poll(() => clockIn(OTHER_STORE_ID), { timeout: 10_000, interval: 100 })
      .toEqual([[32, 4]])
  })

  test('the same Retail POS delivery twice is recorded once', async () => {
    const hint = { ...(await productHint(lampId)), updated_at: new Date().toISOString() }
    const before = (await listDeliveries(world.ctx.db, { source: 'pos' })).length

    const answers = [
      await world.postPosWebhook('product.update', hint),
      await world.postPosWebhook('product.update', hint),
    ]
    await settled()

    expect(answers.map((a) => a.json())).toEqual([
      { received: true, recorded: true },
      { received: true, recorded: false },
    ])
    expect((await listDeliveries(world.ctx.db, { source: 'pos' })).length).toBe(before + 1)
  })
})

describe('eCom → Retail POS after the upload', () => {
  test('eCom edits, a variant added, disabled, enabled or deleted on eCom change nothing in Retail POS', async () => {
    const tee = await ecomBySku('LEAF-S')
    const lamp = await ecomBySku('LAMP-1')
    const posBefore = await Promise.all([...teeIds, lampId].map(posProduct))
    const stockBefore = await Promise.all([...teeIds, lampId].map(posStock))

    await world.ecomApi('PUT', `/products/${tee.id}`, {
      name: 'Leaf Tee (online)',
      price: 99,
      description: '<p>Edited online.</p>',
    })
    await world.ecomApi('POST', `/products/${tee.id}/combinations`, {
      sku: 'LEAF-XS',
      options: [{ name: 'Size', value: 'XS' }],
      price: 18,
      quantity: 9,
    })
    await world.ecomApi('PUT', `/products/${tee.id}`, { enabled: false })
    await world.ecomApi('PUT', `/products/${tee.id}`, { enabled: true })
    await world.ecomApi('DELETE', `/products/${lamp.id}`)
    for (const e of [
      ecomEvent('product.updated', tee.id),
      ecomEvent('product.updated', tee.id),
      ecomEvent('product.deleted', lamp.id),
    ]) {
      expect((await world.postEcomWebhook(e)).statusCode).toBe(200)
    }
    await settled()

    expect(await Promise.all([...teeIds, lampId].map(posProduct))).toEqual(posBefore)
    expect(await Promise.all([...teeIds, lampId].map(posStock))).toEqual(stockBefore)
    expect(
      (await world.posApi<{ data: unknown[] }>('GET', `/api/2.0/products?sku=LEAF-XS`)).data,
    ).toEqual([])
    expect((await listDeliveries(world.ctx.db, { source: 'ecom' })).map((d) => d.status)).toEqual([
      'ignored',
      'ignored',
      'ignored',
    ])
  })

  test('a webhook with a missing or wrong signature is refused with 401 and changes nothing', async () => {
    const recordedBefore = (await listDeliveries(world.ctx.db)).length
    const stockBefore = await posStock(teeIds[1] ?? '')
    const forged = ecomEvent('order.created', 104, { orderId: 'FORGED', newPaymentStatus: 'PAID' })

    const wrong = await world.postEcomWebhook(forged, {
      signature: 'MeV28XtFal4HCkYFvdilwckJinc6Dtp4ZWpPhm/pzd4=',
    })
    const missing = await world.postEcomWebhook(forged, { signature: null })
    await settled()

    expect([wrong.statusCode, missing.statusCode]).toEqual([401, 401])
    expect(wrong.json()).toMatchObject({ error: { code: 'WEBHOOK_SIGNATURE' } })
    expect((await listDeliveries(world.ctx.db)).length).toBe(recordedBefore)
    expect(await posStock(teeIds[1] ?? '')).toBe(stockBefore)
  })
})

describe('a product deleted in Retail POS', () => {
  test('stays on eCom as it is, and its link reads deleted in Retail POS', async () => {
    const mug = await ecomBySku('MUG-1XL')

    await world.posApi('DELETE', `/api/2.0/products/${mugId}`)
    await world.postPosWebhook('product.update', {
      ...(await productHint(mugId)),
      deleted_at: new Date().toISOString(),
    })
    await settled()

    const links = await world.app.inject({
      method: 'GET',
      url: '/api/links?q=MUG-1XL',
      headers: { cookie },
    })
    expect(await world.ecomApi<EcomProductView>('GET', `/products/${mug.id}`)).toMatchObject({
      name: 'Crest Mug XL',
      enabled: true,
      quantity: 7,
    })
    expect(links.json()).toMatchObject({ items: [{ state: 'deleted_in_pos' }] })
  })
})
