import { seriousViolations } from '../support/axe'
import { expect, test, useStack } from '../fixtures'
import { startStack, type Stack } from '../support/stack'

test.describe.configure({ mode: 'serial' })

let stack: Stack

test.beforeAll(async () => {
  // As `npm start` runs: no personal token, so the store connects its Retail POS over OAuth.
  stack = await startStack({
    seed: 'demo',
    hasPersonalToken: false,
    env: { SIM_TIME_SCALE: '0.01', RATE_LIMIT_TIME_SCALE: '0.01' },
  })
  useStack(stack)
})
test.afterAll(async () => stack?.stop())

async function setPosTaxExclusive(isExclusive: boolean) {
  const res = await fetch(`${stack.posUrl}/_sim/retailer`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.posToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ tax_exclusive: isExclusive }),
  })
  if (!res.ok) throw new Error(`PUT /_sim/retailer: ${res.status}`)
}

test('merchant connects Retail POS from the eCom admin, sees its store, disconnects and connects again @smoke', async ({
  admin,
  app,
  page,
}) => {
  const uploadToEcom = admin.app.getByRole('button', { name: 'Upload Lightspeed products to eCom' })
  await admin.open()
  await expect(admin.stores).toContainText('eCom: Demo Outfitters Online · USD · Tax exclusive')
  await expect(admin.stores).toContainText('Retail POS: Not connected')
  await expect(admin.app.getByText(/Retail POS is not connected to this store/)).toBeVisible()
  await expect(uploadToEcom).toBeDisabled()
  expect(await seriousViolations(page), 'not connected').toEqual([])
  await app.screenshot('pos-not-connected')

  const popup = await admin.startConnect()
  await expect(admin.stores.getByRole('status')).toHaveText(
    'Allow the app in the Retail POS window to finish connecting.',
  )
  await expect(
    popup.getByRole('heading', { name: 'Allow pos-ecom-sync to access Demo Outfitters?' }),
  ).toBeVisible()
  await app.screenshot('pos-authorize', popup)
  const closed = popup.waitForEvent('close')
  await popup.getByRole('button', { name: 'Allow' }).click()
  await closed

  await expect(admin.stores.getByText('Retail POS is connected.')).toBeVisible()
  await expect(admin.stores).toContainText(
    'Retail POS: Demo Outfitters · USD · Tax exclusive (demooutfitters)',
  )
  await expect(uploadToEcom).toBeEnabled()
  expect(await seriousViolations(page), 'connected').toEqual([])
  await app.screenshot('pos-connected')

  await admin.button('Disconnect Retail POS').click()
  await expect(admin.disconnectDialog).toContainText(
    'The app forgets its access to Demo Outfitters in Retail POS.',
  )
  expect(await seriousViolations(page), 'disconnect dialog').toEqual([])
  await app.screenshot('pos-disconnect-confirm')
  await admin.disconnectDialog.getByRole('button', { name: 'Disconnect' }).click()
  await expect(admin.disconnectDialog).toBeHidden()
  await expect(admin.stores).toContainText('Retail POS: Not connected')
  await expect(admin.button('Connect Retail POS')).toBeVisible()
  await expect(uploadToEcom).toBeDisabled()

  await setPosTaxExclusive(false)
  const again = await admin.startConnect()
  const closedAgain = again.waitForEvent('close')
  await again.getByRole('button', { name: 'Allow' }).click()
  await closedAgain

  await expect(admin.stores).toContainText(
    'Retail POS: Demo Outfitters · USD · Tax inclusive (demooutfitters)',
  )
  await expect(admin.app.getByText(/Retail POS prices are entered including tax/)).toBeVisible()
  await expect(uploadToEcom).toBeDisabled()
  await app.screenshot('pos-reconnected-tax-differs')
  await setPosTaxExclusive(true)
})
