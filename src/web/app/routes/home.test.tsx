import { screen, waitFor, within } from '@testing-library/react'
import { expect, test } from 'vitest'

import { buildLink } from '../../testing/builders/link'
import { buildRun, buildRunCounts } from '../../testing/builders/run'
import { addRun, db } from '../../testing/mocks/db'
import { renderApp } from '../../testing/render-with-providers'

test('lists linked products and filters by search', async () => {
  db.links = [
    buildLink({ name: 'Leaf Tee 🍃', sku: 'POS-0001', variantCount: 3 }),
    buildLink({
      name: 'Clay Mug',
      sku: 'POS-0002',
      state: 'failed',
      lastError: 'eCom did not accept the price: it must be 0 or more.',
    }),
    buildLink({ name: 'Oak Coaster', sku: 'POS-0003', state: 'deleted_in_pos' }),
  ]

  const { user } = renderApp('/')
  const table = await screen.findByRole('table', { name: 'Linked products' })

  expect(within(table).getAllByRole('row')).toHaveLength(4)
  expect(within(table).getByText('Failed')).toBeInTheDocument()
  expect(
    within(table).getByText('eCom did not accept the price: it must be 0 or more.'),
  ).toBeInTheDocument()
  expect(within(table).getByText('Deleted in Retail POS')).toBeInTheDocument()

  await user.type(screen.getByRole('searchbox', { name: 'Search by name or SKU' }), 'pos-0003')

  expect(await within(table).findByText('Oak Coaster')).toBeInTheDocument()
  await waitFor(() => expect(within(table).queryByText('Clay Mug')).toBeNull())
  expect(within(table).getAllByRole('row')).toHaveLength(2)
})

test('filters linked products by state', async () => {
  db.links = [
    buildLink({ name: 'Leaf Tee 🍃', state: 'synced' }),
    buildLink({ name: 'Clay Mug', state: 'pending' }),
  ]

  const { user } = renderApp('/')
  const table = await screen.findByRole('table', { name: 'Linked products' })

  await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'Pending')

  await waitFor(() => expect(within(table).queryByText('Leaf Tee 🍃')).toBeNull())
  expect(within(table).getByText('Clay Mug')).toBeInTheDocument()
})

test('says how to start when no products are linked yet', async () => {
  db.links = []

  renderApp('/')

  expect(
    await screen.findByText(
      'No products are linked yet. Upload products from either side to get started.',
    ),
  ).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Upload Lightspeed products to eCom' })).toBeEnabled()
  expect(screen.getByRole('button', { name: 'Upload eCom products to Lightspeed' })).toBeEnabled()
})

test('disables the entry points and says what to change when a blocker exists', async () => {
  db.session.blockers = [
    {
      code: 'tax_mode_mismatch',
      message:
        'Retail POS enters prices with tax, eCom without. Make both the same in eCom under Settings > Taxes.',
    },
  ]

  renderApp('/')

  expect(
    await screen.findByText(
      'Retail POS enters prices with tax, eCom without. Make both the same in eCom under Settings > Taxes.',
    ),
  ).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Upload Lightspeed products to eCom' })).toBeDisabled()
  expect(screen.getByRole('button', { name: 'Upload eCom products to Lightspeed' })).toBeDisabled()
})

test('shows a product named like HTML as those characters', async () => {
  db.links = [buildLink({ name: '<img src=x onerror=alert(1)>' })]

  const { container } = renderApp('/')
  const table = await screen.findByRole('table', { name: 'Linked products' })

  expect(within(table).getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument()
  expect(container.querySelector('img')).toBeNull()
})

test('shows the sync status of the newest upload with a link to it', async () => {
  addRun(
    buildRun({
      id: 'run-old',
      status: 'completed',
      createdAt: '2026-01-14T09:00:00.000Z',
      counts: buildRunCounts({ total: 1, created: 1 }),
    }),
    [],
  )
  addRun(
    buildRun({
      id: 'run-new',
      status: 'running',
      createdAt: '2026-01-15T09:00:00.000Z',
      counts: buildRunCounts({ total: 10, created: 3, linked: 1, pending: 6 }),
    }),
    [],
  )

  renderApp('/')
  const panel = await screen.findByRole('region', { name: 'Sync status' })

  expect(await within(panel).findByText('Running')).toBeInTheDocument()
  expect(within(panel).getByText('4 of 10 processed')).toBeInTheDocument()
  expect(within(panel).getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute(
    'aria-valuenow',
    '40',
  )
  expect(within(panel).getByRole('link', { name: 'View upload details' })).toHaveAttribute(
    'href',
    '/runs/run-new',
  )
})

test('offers Upload history once, in the main navigation', async () => {
  renderApp('/')
  await screen.findByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' })

  const links = screen.getAllByRole('link', { name: 'Upload history' })

  expect(links).toHaveLength(1)
  expect(screen.getByRole('navigation', { name: 'Main' })).toContainElement(links[0]!)
})
