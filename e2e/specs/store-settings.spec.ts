import { getJson, type EcomProduct } from '../support/apis'
import { expect, test, useStack } from '../fixtures'
import { startStack, type Stack } from '../support/stack'

test.describe.configure({ mode: 'serial' })

let stack: Stack

test.beforeAll(async () => {
  stack = await startStack({
    seed: 'demo',
    env: { SIM_TIME_SCALE: '0.01', RATE_LIMIT_TIME_SCALE: '0.01', CATCH_UP_INTERVAL_MS: '2000' },
  })
  useStack(stack)
})
test.afterAll(async () => stack?.stop())

async function ecomQuantity(sku: string) {
  const page = await getJson<{ items: EcomProduct[] }>(
    `${stack.ecomUrl}/api/v3/${stack.ecomStoreId}/products?sku=${sku}`,
    stack.ecomToken,
  )

  return page.items[0]?.quantity
}

test('merchant sells online only what the pop-up holds, and eCom’s stock follows without any change in Retail POS', async ({
  app,
  picker,
  run,
  settings,
}) => {
  await app.open('/upload/pos-to-ecom')
  await picker.pick('DO-MUG-CAMP', 'Enamel Camp Mug')
  await picker.addProducts.click()
  await picker.confirm.click()
  await expect(run.status).toHaveText('Completed', { timeout: 60_000 })
  // Main Street's 15 and the pop-up's 5.
  expect(await ecomQuantity('DO-MUG-CAMP')).toBe(20)

  await app.goTo('Settings')
  await expect(settings.onlineOutlet).toHaveValue(/.+/)
  await expect(settings.form).toContainText('Not chosen yet')
  await settings.onlineOutlet.selectOption({ label: 'Harbor Pop-up' })
  await settings.onlyTheseOutlets.check()
  await settings.outlet('Main Street').uncheck()
  await settings.paymentType.selectOption({ label: 'Cash' })
  await settings.save.click()

  await expect(settings.form).toContainText(
    'Settings saved. eCom stock is being counted again for 1 linked product',
  )
  await app.screenshot('settings')
  await expect.poll(() => ecomQuantity('DO-MUG-CAMP'), { timeout: 20_000 }).toBe(5)

  // Opened again, the page shows the store's own choices.
  await app.open('/settings')
  await expect(settings.onlineOutlet).toHaveValue(/.+/)
  await expect(settings.form).not.toContainText('Not chosen yet')
  await expect(settings.outlet('Main Street')).not.toBeChecked()
  await expect(settings.outlet('Harbor Pop-up')).toBeChecked()
  expect(await settings.onlineOutlet.locator('option:checked').textContent()).toBe('Harbor Pop-up')
  expect(await settings.paymentType.locator('option:checked').textContent()).toBe('Cash')
})
