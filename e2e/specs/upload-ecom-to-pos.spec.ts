import { expect, test } from '@playwright/test'
import { allPosInventory, allPosProducts } from '../support/apis'
import { startStack, type Stack } from '../support/stack'

test.describe.configure({ mode: 'serial' })

let stack: Stack

test.beforeAll(async () => {
  stack = await startStack({
    seed: 'demo',
    env: { SIM_TIME_SCALE: '0.01', RATE_LIMIT_TIME_SCALE: '0.01' },
  })
})
test.afterAll(async () => stack?.stop())

test('merchant picks a few eCom products by name and SKU and uploads them to Retail POS', async ({
  page,
}) => {
  await page.goto(stack.ecomUrl)
  const app = page.frameLocator('iframe')
  await app.getByRole('button', { name: 'Upload eCom products to Lightspeed' }).click()
  const search = app.getByRole('searchbox', { name: 'Search by name or SKU' })
  const table = app.getByRole('table', { name: 'eCom products' })

  for (const [query, name] of [
    ['Crème', 'Café Crème Enamel Mug ☕'],
    ['DO-SHELL', 'Summit Rain Shell'],
    ['Beanie', 'Ørsted Knit Beanie'],
    ['V-Neck', 'Organic V-Neck Tee'],
  ]) {
    await search.fill(query!)
    await app.getByRole('checkbox', { name: `Select ${name}` }).check()
  }
  await expect(app.getByText('4 selected')).toBeVisible()
  await search.fill('')
  await expect(table).toContainText('Trailhead Merino Tee')
  await app.getByRole('button', { name: 'Add products' }).click()
  // The confirm step says what the upload will do before anything is written.
  await app.getByRole('button', { name: 'Confirm upload' }).click()

  const status = app.getByTestId('run-status')
  await expect(status).toHaveText('Completed: 1 refused', { timeout: 60_000 })
  await expect(app.getByText('Created: 2')).toBeVisible()
  // The demo Retail POS catalog already sells the mug under the same SKU: it is linked, not copied.
  await expect(app.getByText('Linked: 1')).toBeVisible()
  await app.getByRole('tab', { name: 'Refused' }).click()
  await expect(app.getByRole('table', { name: 'Upload items' })).toContainText(
    'has no value for Size',
  )

  const pos = (await allPosProducts(stack)).filter((p) => !p.deleted_at)
  const inventory = await allPosInventory(stack)
  const bySku = new Map(pos.map((p) => [p.sku, p]))
  const stock = (sku: string) =>
    inventory
      .filter((i) => i.product_id === bySku.get(sku)?.id)
      .reduce((s, i) => s + i.inventory_level, 0)

  expect(pos.filter((p) => p.sku === 'DO-MUG-CREME')).toHaveLength(1)
  expect(
    ['DO-SHELL-M', 'DO-SHELL-L', 'DO-SHELL-XL'].map((sku) => [
      bySku.get(sku)?.price_excluding_tax,
      stock(sku),
    ]),
  ).toEqual([
    [149, 7],
    [154, 2],
    [159, 0],
  ])
  expect(bySku.get('DO-SHELL-L')?.variant_options).toEqual([
    expect.objectContaining({ name: 'Size', value: 'L' }),
  ])
  expect(bySku.get('DO-BEANIE')).toMatchObject({ name: 'Ørsted Knit Beanie', has_inventory: false })
  expect(pos.some((p) => p.name === 'Organic V-Neck Tee')).toBe(false)
})
