import { getJson, type EcomProduct, type PosProduct } from '../support/apis'
import { expect, test, useStack } from '../fixtures'
import { startStack, type Stack } from '../support/stack'

test.describe.configure({ mode: 'serial' })

let stack: Stack

test.beforeAll(async () => {
  stack = await startStack({
    seed: 'demo',
    env: {
      SIM_TIME_SCALE: '0.01',
      RATE_LIMIT_TIME_SCALE: '0.01',
      // Subscribes the store's Retail POS to webhooks soon after the upload links a product.
      CATCH_UP_INTERVAL_MS: '2000',
    },
  })
  useStack(stack)
})
test.afterAll(async () => stack?.stop())

async function posApi(method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.posUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.posToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)

  return res.json() as Promise<unknown>
}

async function ecomBySku(sku: string) {
  const page = await getJson<{ items: EcomProduct[] }>(
    `${stack.ecomUrl}/api/v3/${stack.ecomStoreId}/products?sku=${sku}`,
    stack.ecomToken,
  )

  return page.items[0]
}

test('a price and stock change in Retail POS reaches eCom, and support reads what was written', async ({
  app,
  listed,
  picker,
  run,
  support,
}) => {
  await app.open('/upload/pos-to-ecom')
  await picker.pick('DO-MUG-CAMP', 'Enamel Camp Mug')
  await picker.addProducts.click()
  await picker.confirm.click()
  await expect(run.status).toHaveText('Completed', { timeout: 60_000 })

  // Retail POS delivers its webhooks to the address the app subscribed the store with.
  await expect
    .poll(
      async () =>
        ((await posApi('GET', '/api/2.0/webhooks')) as { data: { url: string }[] }).data.map((w) =>
          new URL(w.url).pathname.split('/').slice(0, 5).join('/'),
        ),
      { timeout: 15_000 },
    )
    .toContain(`/api/webhooks/pos/${stack.ecomStoreId}`)

  const { data: mugs } = (await posApi('GET', '/api/2.0/products?sku=DO-MUG-CAMP')) as {
    data: PosProduct[]
  }
  const mug = mugs[0]
  const { data: outlets } = (await posApi('GET', '/api/2.0/outlets')) as { data: { id: string }[] }
  await posApi('PUT', `/api/2.1/products/${mug?.id ?? ''}`, {
    details: {
      price_excluding_tax: 17.5,
      inventory: [{ outlet_id: outlets[0]?.id ?? '', current_amount: 9 }],
    },
  })

  // The second outlet's 5 still count: 9 + 5.
  await expect
    .poll(
      async () => {
        const onEcom = await ecomBySku('DO-MUG-CAMP')

        return [onEcom?.price, onEcom?.quantity]
      },
      { timeout: 20_000 },
    )
    .toEqual([17.5, 14])

  await app.goTo('Linked products')
  await listed.search.fill('camp mug')
  await expect(listed.links.getByRole('row', { name: /Enamel Camp Mug/ })).toContainText('Synced')

  await app.goTo('Support')
  await support.search.fill('DO-MUG-CAMP')
  const product = support.product(/Enamel Camp Mug/)
  const changes = product.getByRole('table', {
    name: 'Changes, orders and earlier attempts of Enamel Camp Mug',
  })

  await expect(changes.getByRole('row').nth(1)).toContainText('A change in Retail POS')
  await expect(changes.getByRole('row').nth(1)).toContainText('Written')
  await expect(changes.getByRole('row').nth(1)).toContainText('price 17.5, stock 14')
  await app.screenshot('support-after-a-change')
})
