import { seriousViolations } from '../support/axe'
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

test('every screen and dialog has no serious or critical accessibility problem, and works from the keyboard', async ({
  app,
  listed,
  picker,
  run,
  support,
  page,
}) => {
  // Nothing on these screens should leave an error in the browser's console: a blocked script, a
  // missing file, a failed request the screen does not explain.
  const consoleErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error')
      consoleErrors.push(`${message.text()} (${message.location().url})`)
  })
  await app.open()
  await expect(listed.page.getByRole('heading', { name: 'Linked products' })).toBeVisible()
  expect(await seriousViolations(page), 'Listed').toEqual([])

  // The first page keeps the browser's focus; after each navigation the new page's h1 has it and
  // the title names the page, so a screen reader announces where the merchant landed.
  await expect(app.heading).not.toBeFocused()
  await expect(page).toHaveTitle('Listed on Lightspeed Retail')
  await listed.uploadToEcom.focus()
  await page.keyboard.press('Enter')
  await expect(picker.search).toBeVisible()
  await expect(app.heading).toBeFocused()
  await expect(page).toHaveTitle('Upload Lightspeed products to eCom · Listed on Lightspeed Retail')
  expect(await seriousViolations(page), 'picker').toEqual([])

  await picker.search.focus()
  await page.keyboard.type('DO-MUG')
  await expect(page.getByRole('checkbox', { name: 'Select Enamel Camp Mug' })).toBeVisible()
  await page.getByRole('checkbox', { name: 'Select Enamel Camp Mug' }).focus()
  await page.keyboard.press('Space')
  await picker.addProducts.focus()
  await page.keyboard.press('Enter')
  await expect(picker.previewSummary).toBeVisible()
  expect(await seriousViolations(page), 'confirm step').toEqual([])
  await page.keyboard.press('Escape')
  await expect(picker.preview).toBeHidden()

  await picker.uploadAll.click()
  await picker.confirm.click()
  await expect(run.heading).toBeVisible()
  expect(await seriousViolations(page), 'sync status, running').toEqual([])
  await expect(run.status).toHaveText(/^Completed/, { timeout: 90_000 })
  expect(await seriousViolations(page), 'sync status, finished').toEqual([])

  await app.goTo('Upload history')
  await expect(page.getByRole('table', { name: 'Upload history' })).toBeVisible()
  await expect(
    page.getByRole('link', { name: /^Upload of .+: Retail POS to eCom, completed/ }).first(),
  ).toBeVisible()
  expect(await seriousViolations(page), 'history').toEqual([])
  await app.screenshot('history')

  await app.goTo('Support')
  await support.search.fill('DO-MUG')
  await expect(support.product(/Mug/).first()).toBeVisible()
  expect(await seriousViolations(page), 'support').toEqual([])

  await app.nav.getByRole('link', { name: 'Settings' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('form', { name: 'Store settings' })).toBeVisible()
  await expect(app.heading).toHaveText('Settings')
  await expect(app.heading).toBeFocused()
  await expect(page).toHaveTitle('Settings · Listed on Lightspeed Retail')
  expect(await seriousViolations(page), 'settings').toEqual([])

  await page.getByRole('button', { name: 'Disconnect Retail POS' }).click()
  await expect(page.getByRole('dialog', { name: 'Disconnect Retail POS' })).toBeVisible()
  expect(await seriousViolations(page), 'Retail POS connection').toEqual([])
  await app.screenshot('pos-connection')
  expect(consoleErrors).toEqual([])
})
