import { screen, waitFor, within } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { expect, test } from 'vitest'

import { apiPaths } from '../../../contracts/api'
import { errorResponse } from '../../testing/mocks/http-error'
import { server } from '../../testing/mocks/node'
import { renderApp } from '../../testing/render-with-providers'

test('bootstraps a session from ?payload and removes it from the URL', async () => {
  server.use(http.get(apiPaths.session, () => errorResponse(401, 'no_session', 'No session.')))

  renderApp('/?payload=encrypted-token&lang=en')

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' }),
  ).toBeInTheDocument()
  expect(window.location.search).toBe('?lang=en')
  expect(window.location.href).not.toContain('encrypted-token')
})

test('shows both connected stores with currency and tax mode', async () => {
  renderApp('/')

  const stores = await screen.findByRole('region', { name: 'Connected stores' })

  expect(stores).toHaveTextContent('eCom: Leaf & Co online · USD · Tax exclusive')
  expect(stores).toHaveTextContent('Retail POS: Leaf & Co shop · USD · Tax exclusive (leafandco)')
})

test('shows the session-expired screen on 401', async () => {
  server.use(http.get(apiPaths.session, () => errorResponse(401, 'no_session', 'No session.')))

  renderApp('/')

  expect(
    await screen.findByText(
      'Your session has expired. Reopen Listed on Lightspeed Retail from your eCom admin (Catalog > Products).',
    ),
  ).toBeInTheDocument()
  expect(screen.queryByRole('button', { name: /upload/i })).not.toBeInTheDocument()
})

test('says the service cannot be reached and recovers on Retry', async () => {
  server.use(http.get(apiPaths.session, () => HttpResponse.error(), { once: true }))

  const { user } = renderApp('/')

  expect(await screen.findByText('The app could not reach its service')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Retry' }))

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' }),
  ).toBeInTheDocument()
})

test('shows a not-found message with a way back for an unknown page', async () => {
  renderApp('/nowhere')

  expect(await screen.findByText('Not found')).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Back to Listed on Lightspeed Retail' })).toHaveAttribute(
    'href',
    '/',
  )
})

test('reaches every section from the header', async () => {
  const { user } = renderApp('/')
  const nav = await screen.findByRole('navigation', { name: 'Main' })

  await user.click(within(nav).getByRole('link', { name: 'Support' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Support' })).toBeInTheDocument()

  await user.click(within(nav).getByRole('link', { name: 'Upload history' }))

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Upload history' }),
  ).toBeInTheDocument()
  expect(within(nav).getByRole('link', { name: 'Upload history' })).toHaveAttribute(
    'aria-current',
    'page',
  )
})

test("moves focus to the new page's heading and names the page in the title after each navigation", async () => {
  const { user } = renderApp('/')
  const home = await screen.findByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' })

  // The first page keeps the focus the browser gave it.
  expect(home).not.toHaveFocus()
  expect(document.title).toBe('Listed on Lightspeed Retail')

  const nav = screen.getByRole('navigation', { name: 'Main' })
  await user.click(within(nav).getByRole('link', { name: 'Settings' }))

  const settings = await screen.findByRole('heading', { level: 1, name: 'Settings' })
  await waitFor(() => expect(settings).toHaveFocus())
  expect(document.title).toBe('Settings · Listed on Lightspeed Retail')

  await user.click(within(nav).getByRole('link', { name: 'Linked products' }))
  await waitFor(() =>
    expect(
      screen.getByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' }),
    ).toHaveFocus(),
  )
  expect(document.title).toBe('Listed on Lightspeed Retail')

  await user.click(screen.getByRole('button', { name: 'Upload Lightspeed products to eCom' }))
  await waitFor(() =>
    expect(
      screen.getByRole('heading', { level: 1, name: 'Upload Lightspeed products to eCom' }),
    ).toHaveFocus(),
  )
  expect(document.title).toBe('Upload Lightspeed products to eCom · Listed on Lightspeed Retail')
})

test('names the first page in the title without moving focus', async () => {
  renderApp('/settings')
  const settings = await screen.findByRole('heading', { level: 1, name: 'Settings' })

  expect(settings).not.toHaveFocus()
  expect(document.title).toBe('Settings · Listed on Lightspeed Retail')
})

test('focuses and names the not-found message after following a dead link', async () => {
  const { router } = renderApp('/')
  await screen.findByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' })

  await router.navigate('/nowhere')

  await waitFor(() =>
    expect(screen.getByRole('heading', { level: 1, name: 'Not found' })).toHaveFocus(),
  )
  expect(document.title).toBe('Not found · Listed on Lightspeed Retail')
})

test('leaves focus in the Support search while its text goes into the URL', async () => {
  const { user } = renderApp('/')
  const nav = await screen.findByRole('navigation', { name: 'Main' })
  await user.click(within(nav).getByRole('link', { name: 'Support' }))
  const search = await screen.findByRole('searchbox', { name: 'Find a product by SKU, name or id' })

  await user.click(search)
  await user.type(search, 'MUG')

  await waitFor(() => expect(window.location.search).toBe('?q=MUG'))
  expect(search).toHaveFocus()
})
