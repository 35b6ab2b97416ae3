import { addEcomFault, ECOM_PRODUCT_CREATE } from '../support/faults'
import { expect, test, useStack } from '../fixtures'
import { startStack, type Stack } from '../support/stack'

test.describe.configure({ mode: 'serial' })

let stack: Stack

test.beforeAll(async () => {
  stack = await startStack({
    seed: 'demo',
    env: { SIM_TIME_SCALE: '0.01', RATE_LIMIT_TIME_SCALE: '0.01' },
  })
  useStack(stack)
})
test.afterAll(async () => stack?.stop())

test('support finds a product by SKU and sees every upload of it, with what eCom answered when it failed', async ({
  app,
  picker,
  run,
  support,
}) => {
  await addEcomFault(stack, {
    method: 'POST',
    path: ECOM_PRODUCT_CREATE,
    kind: 'status',
    status: 400,
    times: 1,
  })
  await app.open('/upload/pos-to-ecom')
  await picker.pick('DO-GIFTWRAP', 'Gift Wrapping')
  await picker.addProducts.click()
  await picker.confirm.click()
  await expect(run.status).toHaveText('Completed: 1 failed', { timeout: 60_000 })
  // A second upload of the same product, which works this time.
  await app.page.goto(`${stack.appUrl}/upload/pos-to-ecom`)
  await picker.pick('DO-GIFTWRAP', 'Gift Wrapping')
  await picker.addProducts.click()
  await picker.confirm.click()
  await expect(run.status).toHaveText('Completed', { timeout: 60_000 })

  await app.goTo('Support')
  await expect(support.heading).toBeVisible()
  await support.search.fill('DO-GIFTWRAP')
  const product = support.product(/Gift Wrapping/)

  await expect(product).toBeVisible()
  await expect(product.getByText('Synced')).toBeVisible()
  const history = product.getByRole('table', { name: 'Uploads of Gift Wrapping' })
  await expect(history.getByRole('row')).toHaveCount(3)
  await expect(history.getByRole('row').nth(1)).toContainText('Created')
  await expect(history.getByRole('row').nth(2)).toContainText('Failed')
  await expect(product.getByText('Last errors')).toBeVisible()
  await product.getByText('What the other system answered').click()
  await expect(product.locator('pre')).toContainText('"status": 400')
  await app.screenshot('support')
  expect(app.page.url()).toContain('/support?q=DO-GIFTWRAP')
})
