import { allEcomProducts } from '../support/apis'
import { addEcomFault, clearEcomFaults, ECOM_PRODUCT_CREATE } from '../support/faults'
import { expect, test, useStack } from '../fixtures'
import { AppPage } from '../pages/app.page'
import { PickerPage } from '../pages/picker.page'
import { RunPage } from '../pages/run.page'
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

const PICKS = [
  ['DO-HOOD', 'Trail Hoodie'],
  ['DO-MUG-CAMP', 'Enamel Camp Mug'],
] as const

test('merchant double-clicks Confirm and starts the same products from a second tab: one upload does the work', async ({
  app,
  page,
  context,
  picker,
  run,
}) => {
  // eCom answers each create slowly, so the first upload is still running when the second asks.
  await addEcomFault(stack, {
    method: 'POST',
    path: ECOM_PRODUCT_CREATE,
    kind: 'slow',
    delayMs: 8000,
  })
  const other = await context.newPage()
  const otherApp = new AppPage(other, stack)
  const otherPicker = new PickerPage(other)
  const otherRun = new RunPage(other)
  await app.open('/upload/pos-to-ecom')
  await otherApp.open('/upload/pos-to-ecom')
  for (const [sku, name] of PICKS) {
    await picker.pick(sku, name)
    await otherPicker.pick(sku, name)
  }

  await picker.addProducts.click()
  await expect(picker.previewSummary).toHaveText('Create 2, link 0, refuse 0')
  await picker.confirm.dblclick()
  await expect(run.heading).toBeVisible()
  const firstRun = page.url()

  await otherPicker.addProducts.click()
  await expect(otherPicker.previewSummary).toBeVisible()
  await otherPicker.confirm.click()
  await expect(otherRun.heading).toBeVisible()
  await expect(
    other.getByText(/already being uploaded, so no second upload was started/),
  ).toBeVisible()
  await otherApp.screenshot('sync-status-second-tab')

  expect(other.url()).toBe(firstRun)
  const runs = await page.request.get(`${stack.appUrl}/api/runs`)
  expect(((await runs.json()) as { total: number }).total).toBe(1)

  await clearEcomFaults(stack)
  await expect(run.status).toHaveText('Completed', { timeout: 60_000 })
  const names = (await allEcomProducts(stack)).map((p) => p.name)
  expect(names.filter((name) => name === 'Trail Hoodie')).toHaveLength(1)
  expect(names.filter((name) => name === 'Enamel Camp Mug')).toHaveLength(1)
})
