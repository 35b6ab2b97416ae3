import { screen, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'

import { apiPaths, type SaveStoreSettingsBody } from '../../../contracts/api'
import { buildSession, buildUnconnectedSession } from '../../testing/builders/session'
import { buildStoreSettings } from '../../testing/builders/store-settings'
import { db } from '../../testing/mocks/db'
import { errorResponse } from '../../testing/mocks/http-error'
import { server } from '../../testing/mocks/node'
import { renderApp } from '../../testing/render-with-providers'

async function form() {
  return screen.findByRole('form', { name: 'Store settings' })
}

test('shows the app’s defaults among the store’s outlets and payment types, saying none is chosen yet', async () => {
  renderApp('/settings')

  const settings = await form()
  const outlet = within(settings).getByRole('combobox', {
    name: 'Outlet that serves the online store',
  })

  expect(outlet).toHaveDisplayValue('Main Street')
  expect(
    within(settings).getByRole('combobox', { name: 'Payment type of eCom sales' }),
  ).toHaveDisplayValue('eCom')
  expect(
    within(settings).getByRole('radio', { name: 'Every outlet, also ones added later' }),
  ).toBeChecked()
  expect(within(settings).getByRole('checkbox', { name: 'Harbor Pop-up' })).toBeDisabled()
  expect(settings).toHaveTextContent('Not chosen yet: the app uses its default outlet.')
})

test('the merchant sells only the pop-up’s stock, from the pop-up, paid in cash, and is told the stock is counted again', async () => {
  let sent: SaveStoreSettingsBody | undefined
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'PUT')
      void request
        .clone()
        .json()
        .then((body) => (sent = body as SaveStoreSettingsBody))
  })
  const { user } = renderApp('/settings')
  const settings = await form()

  await user.selectOptions(
    within(settings).getByRole('combobox', { name: 'Outlet that serves the online store' }),
    'Harbor Pop-up',
  )
  await user.click(within(settings).getByRole('radio', { name: 'Only these outlets' }))
  await user.click(within(settings).getByRole('checkbox', { name: 'Main Street' }))
  await user.selectOptions(
    within(settings).getByRole('combobox', { name: 'Payment type of eCom sales' }),
    'Cash',
  )
  await user.click(within(settings).getByRole('button', { name: 'Save settings' }))

  expect(
    await within(settings).findByText(
      `Settings saved. eCom stock is being counted again for ${db.links.length} linked products`,
      { exact: false },
    ),
  ).toBeVisible()
  expect(sent).toEqual({
    onlineOutletId: 'outlet-harbor',
    stockOutletIds: ['outlet-harbor'],
    ecomPaymentTypeId: 'pay-cash',
  })
  expect(within(settings).getByRole('button', { name: 'Save settings' })).toBeDisabled()
  expect(settings).not.toHaveTextContent('Not chosen yet')
})

test('with no outlet ticked, saving is refused on the spot and says why', async () => {
  const { user } = renderApp('/settings')
  const settings = await form()

  await user.click(within(settings).getByRole('radio', { name: 'Only these outlets' }))
  await user.click(within(settings).getByRole('checkbox', { name: 'Main Street' }))
  await user.click(within(settings).getByRole('checkbox', { name: 'Harbor Pop-up' }))

  expect(settings).toHaveTextContent(
    'Tick at least one outlet: with none, eCom would show every product out of stock.',
  )
  expect(within(settings).getByRole('button', { name: 'Save settings' })).toBeDisabled()
})

test('a choice Retail POS no longer has is shown as a problem with what to do', async () => {
  db.settings = buildStoreSettings({
    onlineOutlet: {
      id: null,
      source: 'store',
      problem:
        'The outlet chosen for the online store is no longer in Retail POS: choose it again in the app’s Settings. Its outlets are "Main Street", "Harbor Pop-up".',
    },
    updatedAt: '2026-11-30T10:00:00.000Z',
  })

  renderApp('/settings')
  const settings = await form()

  expect(
    within(settings).getByRole('combobox', { name: 'Outlet that serves the online store' }),
  ).toHaveDisplayValue('Choose…')
  expect(settings).toHaveTextContent(
    'The outlet chosen for the online store is no longer in Retail POS',
  )
})

test('what the service refuses is shown in its words, and the choices stay as made', async () => {
  server.use(
    http.put(apiPaths.storeSettings, () =>
      errorResponse(
        400,
        'INVALID_SETTINGS',
        'The settings were not saved: Retail POS has no outlet outlet-harbor.',
      ),
    ),
  )
  const { user } = renderApp('/settings')
  const settings = await form()

  await user.selectOptions(
    within(settings).getByRole('combobox', { name: 'Outlet that serves the online store' }),
    'Harbor Pop-up',
  )
  await user.click(within(settings).getByRole('button', { name: 'Save settings' }))

  expect(await within(settings).findByRole('alert')).toHaveTextContent(
    'Retail POS has no outlet outlet-harbor.',
  )
  expect(
    within(settings).getByRole('combobox', { name: 'Outlet that serves the online store' }),
  ).toHaveDisplayValue('Harbor Pop-up')
})

test('without Retail POS connected, the page says to connect it first', async () => {
  db.session = buildUnconnectedSession()

  renderApp('/settings')

  expect(
    await screen.findByText(/Connect Retail POS \(at the top of the app\) to choose/),
  ).toBeInTheDocument()
  expect(screen.queryByRole('form', { name: 'Store settings' })).not.toBeInTheDocument()
})

test('Settings is in the main navigation', async () => {
  const { user } = renderApp('/')

  await user.click(await screen.findByRole('link', { name: 'Settings' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument()
})

test('a setting Retail POS no longer has is said on the Linked products page, with the way to fix it', async () => {
  const problem =
    'The payment type chosen for eCom sales ("eCom") is no longer in Retail POS: choose another in the app’s Settings. Its payment types are "Cash".'
  db.session = buildSession({ settingsProblems: [problem] })
  const { user } = renderApp('/')

  const alerts = await screen.findByRole('region', { name: 'Settings to check' })

  expect(alerts).toHaveTextContent(`Settings need a look${problem}`)
  await user.click(within(alerts).getByRole('link', { name: 'Open Settings' }))
  expect(await screen.findByRole('heading', { level: 1, name: 'Settings' })).toBeInTheDocument()
})

test('stock outlets that are all gone show what happened, not a request to tick one', async () => {
  const problem =
    'None of the outlets eCom sells from ("Harbor Pop-up") is in Retail POS any more, so no stock reaches eCom: choose another in the app’s Settings. Its outlets are "Main Street".'
  db.settings = buildStoreSettings({
    stockOutlets: { ids: [], source: 'store', problem },
    updatedAt: '2026-11-30T10:00:00.000Z',
  })

  renderApp('/settings')
  const settings = await form()

  expect(settings).toHaveTextContent(problem)
  expect(settings).not.toHaveTextContent('Tick at least one outlet')
})
