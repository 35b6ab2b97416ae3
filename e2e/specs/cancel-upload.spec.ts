import { allEcomProducts } from '../support/apis'
import { addEcomFault, ECOM_PRODUCT_CREATE } from '../support/faults'
import { expect, test, useStack } from '../fixtures'
import type { RunPage } from '../pages/run.page'
import { startStack, type Stack } from '../support/stack'

test.describe.configure({ mode: 'serial' })

let stack: Stack

test.beforeAll(async () => {
  stack = await startStack({
    seed: 'demo',
    // One product at a time, each create answered slowly: the upload is still going when cancelled.
    env: { SIM_TIME_SCALE: '0.01', RATE_LIMIT_TIME_SCALE: '0.01', UPLOAD_CONCURRENCY: '1' },
  })
  useStack(stack)
})
test.afterAll(async () => stack?.stop())

async function createdCount(run: RunPage) {
  await expect(run.count('Created')).toBeVisible()

  return Number((await run.count('Created').textContent())?.replace(/\D/g, ''))
}

test('merchant cancels a running upload: the products not started never reach eCom', async ({
  app,
  listed,
  picker,
  run,
}) => {
  await addEcomFault(stack, {
    method: 'POST',
    path: ECOM_PRODUCT_CREATE,
    kind: 'slow',
    delayMs: 1000,
  })
  const before = (await allEcomProducts(stack)).length
  await app.open()
  await listed.uploadToEcom.click()
  await picker.uploadAll.click()
  await picker.confirm.click()
  await expect(run.count('Created')).not.toHaveText('Created: 0', { timeout: 30_000 })
  await expect(run.pace).toBeVisible()

  await run.cancelButton.click()
  await expect(run.cancelDialog).toBeVisible()
  await app.screenshot('cancel-upload')
  await run.cancelDialog.getByRole('button', { name: 'Cancel upload' }).click()

  await expect(run.status).toHaveText('Cancelled')
  await expect(run.count('Left')).not.toHaveText('Left: 0')
  const atCancel = await createdCount(run)
  await app.screenshot('sync-status-cancelled')

  // The product being written when the merchant cancelled may still finish; nothing after it.
  await app.page.waitForTimeout(4_000)
  await run.page.reload()
  const settled = await createdCount(run)
  await app.page.waitForTimeout(3_000)
  await run.page.reload()

  await expect(run.status).toHaveText('Cancelled')
  expect(settled - atCancel).toBeLessThanOrEqual(1)
  expect(await createdCount(run)).toBe(settled)
  await run.showItems('Pending')
  await expect(run.items).toContainText('Pending')
  expect(await allEcomProducts(stack)).toHaveLength(before + settled)
})
