import { screen, within } from '@testing-library/react'
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
