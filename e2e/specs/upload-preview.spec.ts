import { allEcomProducts } from '../support/apis'
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

test('merchant sees what an upload will do, goes back, then confirms and gets exactly that', async ({
  app,
  listed,
  picker,
  run,
}) => {
  const before = (await allEcomProducts(stack)).length
  await app.open()
  await app.screenshot('listed')
  await listed.uploadToEcom.click()
  await expect(picker.search).toBeVisible()
  await app.screenshot('picker')

  await picker.uploadAll.click()
  await expect(picker.previewSummary).toHaveText(/^Create \d+, link \d+, refuse \d+$/)
  const summary = (await picker.previewSummary.textContent()) ?? ''
  const [create, link, refuse] = (summary.match(/\d+/g) ?? []).map(Number)
  await expect(picker.refusedProducts).toContainText('composite products are not supported')
  await app.screenshot('upload-preview')

  expect(await allEcomProducts(stack)).toHaveLength(before)
  await picker.back.click()
  await expect(picker.preview).toBeHidden()

  await picker.uploadAll.click()
  await expect(picker.previewSummary).toHaveText(summary)
  await picker.confirm.click()
  await expect(run.heading).toBeVisible()
  await expect(run.status).toHaveText(/^Completed/, { timeout: 90_000 })
  await expect(run.count('Created')).toHaveText(`Created: ${create}`)
  await expect(run.count('Linked')).toHaveText(`Linked: ${link}`)
  await expect(run.count('Refused')).toHaveText(`Refused: ${refuse}`)
  await app.screenshot('sync-status')

  expect(await allEcomProducts(stack)).toHaveLength(before + (create ?? 0))
})
