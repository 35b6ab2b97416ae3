import { expect, test } from '@playwright/test'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { allEcomProducts, allPosInventory, allPosProducts, type PosProduct } from '../support/apis'
import { sharedDir, startStack, type Stack } from '../support/stack'

const catalog = resolve(sharedDir, 'catalogs/vend-xseries-product-export.csv')

test.describe.configure({ mode: 'serial' })
test.skip(!existsSync(catalog), `../shared is absent: ${catalog} is needed for this test`)

let stack: Stack

test.beforeAll(async () => {
  stack = await startStack({
    seed: 'none',
    args: ['--pos-catalog', catalog],
    // The simulators keep the published limits on a clock 100× faster, and the app paces to match.
    env: { SIM_TIME_SCALE: '0.01', RATE_LIMIT_TIME_SCALE: '0.01' },
  })
})
test.afterAll(async () => stack?.stop())

function money(n: number) {
  return Math.round(n * 100) / 100
}

test('merchant uploads the whole Vend catalog from Retail POS to eCom and sees the composite refused', async ({
  page,
}) => {
  expect(stack.output()).toMatch(/families: \d+/)

  await page.goto(stack.ecomUrl)
  const app = page.frameLocator('iframe')
  await expect(app.getByRole('heading', { name: 'Listed on Lightspeed Retail' })).toBeVisible()
  await app.getByRole('button', { name: 'Upload Lightspeed products to eCom' }).click()
  await expect(
    app.getByRole('heading', { name: 'Upload Lightspeed products to eCom' }),
  ).toBeVisible()
  await app.getByRole('searchbox', { name: 'Search by name or SKU' }).fill('Mug')
  await expect(app.getByRole('table', { name: 'Retail POS products' })).toContainText(
    'MIT Crest Mug',
  )
  await app.getByRole('searchbox', { name: 'Search by name or SKU' }).fill('')
  await app.getByRole('button', { name: 'Upload all' }).click()
  // The confirm step says what the upload will do before anything is written.
  await app.getByRole('button', { name: 'Confirm upload' }).click()

  const status = app.getByTestId('run-status')
  await expect(status).toHaveText(/Completed/, { timeout: 150_000 })
  await app.getByRole('tab', { name: 'Refused' }).click()
  const items = app.getByRole('table', { name: 'Upload items' })
  await expect(items).toContainText('Silver Bottle Small Bundle')
  await expect(items).toContainText('composite products are not supported')

  // What landed on eCom, checked against the POS simulator's own data.
  const pos = (await allPosProducts(stack)).filter((p) => !p.deleted_at)
  const inventory = await allPosInventory(stack)
  const ecom = await allEcomProducts(stack)
  const families = new Map<string, PosProduct[]>()
  for (const p of pos) {
    const id = p.variant_parent_id || p.id
    families.set(id, [...(families.get(id) ?? []), p])
  }
  const ecomSkus = ecom.flatMap((e) =>
    e.combinations?.length ? e.combinations.map((c) => c.sku ?? '') : [e.sku ?? ''],
  )
  const stockOf = (id: string) =>
    inventory
      .filter((i) => i.product_id === id)
      .reduce((sum, i) => sum + Math.max(0, i.inventory_level), 0)

  let uploaded = 0
  let refused = 0
  for (const members of families.values()) {
    const composite = members.some((m) => m.is_composite)
    const skus = members.map((m) => m.sku.trim())
    const onEcom = ecom.filter((e) =>
      [e.sku, ...(e.combinations ?? []).map((c) => c.sku)].some((s) => s && skus.includes(s)),
    )
    if (composite) {
      expect(onEcom, `composite ${members[0]?.name} must not be on eCom`).toHaveLength(0)
      refused++
      continue
    }
    if (onEcom.length === 0) {
      refused++
      continue
    }
    uploaded++
    expect(onEcom, `${members[0]?.name} must be on eCom once`).toHaveLength(1)
    const product = onEcom[0]!
    expect(product.name).toBe(members[0]!.name.trim())
    for (const member of members) {
      const variant = product.combinations?.length
        ? product.combinations.find((c) => c.sku === member.sku.trim())
        : product
      expect(variant, `${member.sku} of ${member.name}`).toBeTruthy()
      expect(variant?.price ?? product.price).toBe(money(member.price_excluding_tax))
      if (member.has_inventory !== false) {
        expect(variant?.quantity ?? product.quantity ?? 0).toBe(stockOf(member.id))
      }
    }
  }
  expect(new Set(ecomSkus).size).toBe(ecomSkus.length)
  expect(ecom).toHaveLength(uploaded)

  await app.getByRole('tab', { name: 'All' }).click()
  await expect(status).toHaveText(`Completed: ${refused} refused`)
  await expect(app.getByText('Failed: 0')).toBeVisible()
  test.info().annotations.push({
    type: 'figures',
    description: `${families.size} families: ${uploaded} uploaded, ${refused} refused`,
  })
})
