import { allEcomProducts } from '../support/apis'
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

test('merchant retries a product eCom refused once, and it is created once', async ({
  app,
  picker,
  run,
}) => {
  // eCom refuses the first create it gets; the other product goes on.
  await addEcomFault(stack, {
    method: 'POST',
    path: ECOM_PRODUCT_CREATE,
    kind: 'status',
    status: 400,
    times: 1,
  })
  await app.open('/upload/pos-to-ecom')
  await picker.pick('DO-WALLET', 'Leather Card Wallet')
  await picker.pick('DO-GIFTWRAP', 'Gift Wrapping')
  await picker.addProducts.click()
  await picker.confirm.click()

  await expect(run.status).toHaveText('Completed: 1 failed', { timeout: 60_000 })
  await expect(run.count('Failed')).toHaveText('Failed: 1')
  await run.showItems('Failed')
  await expect(run.items).toContainText('eCom refused the data')
  await app.screenshot('sync-status-failed-item')
  await run.items.getByRole('button', { name: /^Retry / }).click()

  await expect(run.status).toHaveText('Completed', { timeout: 60_000 })
  await expect(run.count('Failed')).toHaveText('Failed: 0')
  await expect(run.count('Created')).toHaveText('Created: 2')
  const names = (await allEcomProducts(stack)).map((p) => p.name)
  expect(names.filter((name) => name === 'Gift Wrapping')).toHaveLength(1)
  expect(names.filter((name) => name === 'Leather Card Wallet')).toHaveLength(1)
})
