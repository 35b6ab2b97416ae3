import { act, screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, test, vi } from 'vitest'

import { apiPaths, type PosConnectMessage } from '../../../../contracts/api'
import {
  buildPosConnection,
  buildSession,
  buildUnconnectedSession,
} from '../../../testing/builders/session'
import { db } from '../../../testing/mocks/db'
import { MOCK_AUTHORIZE_URL } from '../../../testing/mocks/handlers/pos-connection'
import { errorResponse } from '../../../testing/mocks/http-error'
import { server } from '../../../testing/mocks/node'
import { renderApp } from '../../../testing/render-with-providers'

/** The window the app opens for Retail POS's page (jsdom opens none). */
function fakeWindow() {
  const popup = { closed: false, location: { href: '' }, close: () => (popup.closed = true) }
  const open = vi.spyOn(window, 'open').mockReturnValue(popup as unknown as Window)

  return { popup, open }
}

/** What the app's callback page posts to the window that opened it. */
function callbackSays(message: PosConnectMessage, origin = window.location.origin) {
  act(() => window.dispatchEvent(new MessageEvent('message', { data: message, origin })))
}

async function storesRegion() {
  return screen.findByRole('region', { name: 'Connected stores' })
}

test('shows the connected Retail POS store with its currency, tax mode and domain prefix beside eCom', async () => {
  renderApp('/')

  const stores = await storesRegion()

  expect(stores).toHaveTextContent('eCom: Leaf & Co online · USD · Tax exclusive')
  expect(stores).toHaveTextContent('Retail POS: Leaf & Co shop · USD · Tax exclusive (leafandco)')
  expect(within(stores).getByRole('button', { name: 'Disconnect Retail POS' })).toBeEnabled()
})

test('offers Connect when Retail POS is not connected, and uploads wait for it', async () => {
  db.session = buildUnconnectedSession()

  renderApp('/')
  const stores = await storesRegion()

  expect(stores).toHaveTextContent('Retail POS: Not connected')
  expect(within(stores).getByRole('button', { name: 'Connect Retail POS' })).toBeEnabled()
  expect(screen.getByText(/Retail POS is not connected to this store/)).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Upload Lightspeed products to eCom' })).toBeDisabled()
})

test('says what to do when Retail POS no longer accepts the connection', async () => {
  const message =
    'Retail POS no longer accepts the app’s connection (it was removed in Retail POS or ran out): select Reconnect Retail POS at the top of the app and allow the app again.'
  db.session = buildSession({
    pos: null,
    posConnection: buildPosConnection({ status: 'needs_reconnect', message }),
    blockers: [{ code: 'POS_NEEDS_RECONNECT', message }],
  })

  renderApp('/')
  const stores = await storesRegion()

  expect(stores).toHaveTextContent('Retail POS: Needs reconnecting (leafandco)')
  expect(within(stores).getByRole('button', { name: 'Reconnect Retail POS' })).toBeEnabled()
  expect(screen.getByText(message)).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Upload eCom products to Lightspeed' })).toBeDisabled()
})

test('connects in a window of its own: Retail POS’s page opens there, and the store shows once allowed', async () => {
  db.session = buildUnconnectedSession()
  const { popup, open } = fakeWindow()
  const { user } = renderApp('/')
  const stores = await storesRegion()

  await user.click(within(stores).getByRole('button', { name: 'Connect Retail POS' }))

  expect(open).toHaveBeenCalledTimes(1)
  expect(await screen.findByRole('status')).toHaveTextContent(
    'Allow the app in the Retail POS window to finish connecting.',
  )
  expect(popup.location.href).toBe(MOCK_AUTHORIZE_URL)
  expect(within(stores).queryByRole('button', { name: 'Connect Retail POS' })).toBeNull()

  db.session = buildSession()
  callbackSays({ type: 'pos-connection', outcome: 'connected', message: null })

  expect(await screen.findByText('Retail POS is connected.')).toBeInTheDocument()
  expect(await within(stores).findByText(/Leaf & Co shop · USD · Tax exclusive/)).toBeVisible()
  expect(within(stores).getByRole('button', { name: 'Disconnect Retail POS' })).toBeEnabled()
  expect(screen.getByRole('button', { name: 'Upload Lightspeed products to eCom' })).toBeEnabled()
})

test('shows why a connect did not finish, and ignores messages from other sites', async () => {
  db.session = buildUnconnectedSession()
  fakeWindow()
  const { user } = renderApp('/')
  const stores = await storesRegion()
  await user.click(within(stores).getByRole('button', { name: 'Connect Retail POS' }))
  await screen.findByText('Allow the app in the Retail POS window to finish connecting.')

  callbackSays(
    { type: 'pos-connection', outcome: 'connected', message: null },
    'https://elsewhere.example',
  )
  callbackSays({
    type: 'pos-connection',
    outcome: 'denied',
    message: 'Retail POS was not connected: the app was not allowed. Nothing was changed.',
  })

  expect(await within(stores).findByRole('alert')).toHaveTextContent(
    'Retail POS was not connected: the app was not allowed. Nothing was changed.',
  )
  expect(screen.queryByText('Retail POS is connected.')).toBeNull()
  expect(within(stores).getByRole('button', { name: 'Connect Retail POS' })).toBeEnabled()
})

test('when the browser blocks the window, one more click opens Retail POS’s page', async () => {
  db.session = buildUnconnectedSession()
  const popup = { closed: false, location: { href: '' }, close: () => undefined }
  const open = vi
    .spyOn(window, 'open')
    .mockReturnValueOnce(null)
    .mockReturnValueOnce(popup as unknown as Window)
  const { user } = renderApp('/')
  const stores = await storesRegion()

  await user.click(within(stores).getByRole('button', { name: 'Connect Retail POS' }))
  const blocked = await within(stores).findByRole('alert')
  await user.click(within(blocked).getByRole('button', { name: 'Open Retail POS' }))

  expect(blocked).toHaveTextContent('Your browser did not open the Retail POS window.')
  expect(open).toHaveBeenLastCalledWith(MOCK_AUTHORIZE_URL, expect.any(String), expect.any(String))
  expect(await screen.findByRole('status')).toHaveTextContent(
    'Allow the app in the Retail POS window to finish connecting.',
  )
})

test('says so when the service cannot start a connect, and closes the window it opened', async () => {
  db.session = buildUnconnectedSession()
  server.use(http.post(apiPaths.posConnect, () => errorResponse(503, 'unavailable', 'Try later.')))
  const { popup } = fakeWindow()
  const { user } = renderApp('/')
  const stores = await storesRegion()

  await user.click(within(stores).getByRole('button', { name: 'Connect Retail POS' }))

  expect(await within(stores).findByRole('alert')).toHaveTextContent(
    'The app could not reach its service. Try again.',
  )
  expect(popup.closed).toBe(true)
})

test('disconnects only once confirmed, then offers Connect again', async () => {
  const { user } = renderApp('/')
  const stores = await storesRegion()

  await user.click(within(stores).getByRole('button', { name: 'Disconnect Retail POS' }))
  const first = await screen.findByRole('dialog', { name: 'Disconnect Retail POS?' })
  expect(first).toHaveTextContent('The app forgets its access to Leaf & Co shop in Retail POS.')
  await user.click(within(first).getByRole('button', { name: 'Keep connected' }))

  expect(stores).toHaveTextContent('Retail POS: Leaf & Co shop')

  await user.click(await within(stores).findByRole('button', { name: 'Disconnect Retail POS' }))
  const second = await screen.findByRole('dialog', { name: 'Disconnect Retail POS?' })
  await user.click(within(second).getByRole('button', { name: 'Disconnect' }))

  expect(await within(stores).findByRole('button', { name: 'Connect Retail POS' })).toBeEnabled()
  expect(stores).toHaveTextContent('Retail POS: Not connected')
  expect(screen.queryByRole('dialog')).toBeNull()
  expect(screen.getByRole('button', { name: 'Upload Lightspeed products to eCom' })).toBeDisabled()
})

test('works from the keyboard, and a failed disconnect says why in the dialog', async () => {
  server.use(
    http.post(apiPaths.posDisconnect, () =>
      errorResponse(409, 'conflict', 'Retail POS could not be disconnected right now.'),
    ),
  )
  const { user } = renderApp('/')
  const stores = await storesRegion()

  within(stores).getByRole('button', { name: 'Disconnect Retail POS' }).focus()
  await user.keyboard('{Enter}')
  const dialog = await screen.findByRole('dialog', { name: 'Disconnect Retail POS?' })
  within(dialog).getByRole('button', { name: 'Disconnect' }).focus()
  await user.keyboard('{Enter}')

  expect(await within(dialog).findByRole('alert')).toHaveTextContent(
    'Retail POS could not be disconnected right now.',
  )

  await user.keyboard('{Escape}')

  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  expect(stores).toHaveTextContent('Retail POS: Leaf & Co shop')
  expect(within(stores).getByRole('button', { name: 'Disconnect Retail POS' })).toHaveFocus()
})
