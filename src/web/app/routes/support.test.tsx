import { screen, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'

import { apiPaths } from '../../../contracts/api'
import { buildLink } from '../../testing/builders/link'
import { buildRun, buildRunCounts, buildRunItem } from '../../testing/builders/run'
import { buildSupportEvent } from '../../testing/builders/support-event'
import { addRun, db } from '../../testing/mocks/db'
import { errorResponse } from '../../testing/mocks/http-error'
import { server } from '../../testing/mocks/node'
import { renderApp } from '../../testing/render-with-providers'

function seedMugHistory() {
  db.links = [
    buildLink({ name: 'Clay Mug', sku: 'MUG-1', posProductId: 'pos-mug', state: 'failed' }),
  ]
  addRun(
    buildRun({
      id: 'run-old',
      status: 'completed_with_errors',
      counts: buildRunCounts({ total: 1 }),
    }),
    [
      buildRunItem({
        sourceId: 'pos-mug',
        name: 'Clay Mug',
        sku: 'MUG-1',
        status: 'failed',
        reasons: ['eCom: the price must be 0 or more.'],
        updatedAt: '2026-01-14T09:00:00.000Z',
      }),
    ],
  )
}

test('finds a product by SKU with its link, its last error and what eCom answered', async () => {
  seedMugHistory()

  const { user } = renderApp('/support')
  await user.type(
    await screen.findByRole('searchbox', { name: 'Find a product by SKU, name or id' }),
    'MUG-1',
  )
  const card = await screen.findByRole('region', { name: /Clay Mug/ })

  expect(within(card).getByText('Link').nextElementSibling).toHaveTextContent('Failed')
  expect(within(card).getAllByText('eCom: the price must be 0 or more.')).toHaveLength(2)
  expect(within(card).getByText('What the other system answered')).toBeInTheDocument()
  expect(within(card).getByText(/"status": 400/)).toBeInTheDocument()
  const uploadedAt = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date('2026-01-14T09:00:00.000Z'))
  expect(
    within(within(card).getByRole('table', { name: 'Uploads of Clay Mug' })).getByRole('link', {
      name: `Upload of ${uploadedAt}: Retail POS to eCom, failed`,
    }),
  ).toHaveAttribute('href', '/runs/run-old')
  expect(
    within(card).getByRole('link', { name: 'Open the latest upload of Clay Mug' }),
  ).toHaveAttribute('href', '/runs/run-old')
  expect(window.location.search).toBe('?q=MUG-1')
})

test('shows the changes synced since the upload, an earlier attempt, and what eCom answered', async () => {
  seedMugHistory()
  db.events.set('pos-mug', [
    buildSupportEvent({
      summary: 'Written to eCom after a change in Retail POS: price 14, stock 3.',
    }),
    buildSupportEvent({
      outcome: 'failed',
      summary: 'eCom did not take the update: the price must be 0 or more.',
      detail: '{"system":"ecom","status":400,"vendorCode":"INVALID_PRICE"}',
    }),
    buildSupportEvent({
      origin: 'earlier-attempt',
      runId: 'run-old',
      outcome: 'failed',
      summary: 'eCom did not answer in time.',
    }),
  ])

  const { user } = renderApp('/support?q=MUG-1')
  const card = await screen.findByRole('region', { name: /Clay Mug/ })
  const table = within(card).getByRole('table', {
    name: 'Changes, orders and earlier attempts of Clay Mug',
  })
  const rows = within(table).getAllByRole('row').slice(1)

  expect(rows.map((row) => row.textContent)).toEqual([
    expect.stringMatching(/A change in Retail POS.*Written.*price 14, stock 3\./),
    expect.stringMatching(/A change in Retail POS.*Failed.*must be 0 or more/),
    expect.stringMatching(/An earlier attempt of an upload.*Failed.*did not answer in time/),
  ])
  expect(
    within(rows[2] as HTMLElement).getByRole('link', { name: 'An earlier attempt of an upload' }),
  ).toHaveAttribute('href', '/runs/run-old')
  await user.click(within(rows[1] as HTMLElement).getByText('What the other system answered'))
  expect(within(rows[1] as HTMLElement).getByText(/"vendorCode": "INVALID_PRICE"/)).toBeVisible()
})

test('says when nothing happened to a product besides its uploads', async () => {
  seedMugHistory()

  renderApp('/support?q=MUG-1')
  const card = await screen.findByRole('region', { name: /Clay Mug/ })

  expect(
    within(card).getByText('Nothing has happened to this product besides its uploads.'),
  ).toBeInTheDocument()
})

test('says when no upload touched a matching product', async () => {
  const { user } = renderApp('/support')

  await user.type(
    await screen.findByRole('searchbox', { name: 'Find a product by SKU, name or id' }),
    'NOPE',
  )

  expect(await screen.findByText('No product matches “NOPE” in any upload.')).toBeInTheDocument()
})

test('opens with the search of a shared link', async () => {
  seedMugHistory()

  renderApp('/support?q=clay')

  expect(await screen.findByRole('region', { name: /Clay Mug/ })).toBeInTheDocument()
})

test('says the search failed, with Retry', async () => {
  server.use(
    http.get(apiPaths.supportProducts, () => errorResponse(500, 'INTERNAL', 'Boom'), {
      once: true,
    }),
  )

  renderApp('/support?q=clay')

  expect(await screen.findByText('Could not load the products')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Retry' })).toBeVisible()
})
