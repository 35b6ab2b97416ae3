import { screen, waitFor, within } from '@testing-library/react'
import { delay, http } from 'msw'
import { expect, test } from 'vitest'

import { apiPaths } from '../../../contracts/api'
import { db } from '../../testing/mocks/db'
import { errorResponse } from '../../testing/mocks/http-error'
import { server } from '../../testing/mocks/node'
import { renderApp } from '../../testing/render-with-providers'

async function openPicker(direction = 'pos-to-ecom') {
  const view = renderApp(`/upload/${direction}`)
  const name = direction === 'pos-to-ecom' ? 'Retail POS products' : 'eCom products'
  const table = await screen.findByRole('table', { name })

  return { ...view, table }
}

test('shows the picker of Retail POS products with its title', async () => {
  const { table } = await openPicker()

  expect(
    screen.getByRole('heading', { level: 1, name: 'Upload Lightspeed products to eCom' }),
  ).toBeInTheDocument()
  expect(within(table).getAllByRole('row')).toHaveLength(26)
  expect(within(table).getByText('Leaf Tee 🍃')).toBeInTheDocument()
  expect(screen.getByText('0 selected')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Add products' })).toBeDisabled()
})

test('searches by name or SKU', async () => {
  const { user, table } = await openPicker()
  const search = screen.getByRole('searchbox', { name: 'Search by name or SKU' })

  await user.type(search, 'Leaf')

  await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2))
  expect(within(table).getByText('Leaf Tee 🍃')).toBeInTheDocument()

  await user.clear(search)
  await user.type(search, 'pos-0042')

  expect(await within(table).findByText('POS-0042')).toBeInTheDocument()
  await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2))
})

test('keeps the selection across pages and searches', async () => {
  const { user, table } = await openPicker()

  await user.click(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' }))
  await user.click(screen.getByRole('button', { name: 'Go to next page' }))
  await user.click(await within(table).findByRole('checkbox', { name: 'Select Canvas Tote 30' }))

  expect(screen.getByText('2 selected')).toBeInTheDocument()

  await user.type(screen.getByRole('searchbox', { name: 'Search by name or SKU' }), 'Leaf')

  expect(await within(table).findByRole('checkbox', { name: 'Select Leaf Tee 🍃' })).toBeChecked()
  expect(screen.getByText('2 selected')).toBeInTheDocument()

  await user.click(screen.getByRole('button', { name: 'Clear selection' }))

  expect(screen.getByText('0 selected')).toBeInTheDocument()
  expect(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' })).not.toBeChecked()
})

test('selects every product on the page at once', async () => {
  const { user, table } = await openPicker()

  await user.click(within(table).getByRole('checkbox', { name: 'Select all on this page' }))

  expect(screen.getByText('25 selected')).toBeInTheDocument()
  expect(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' })).toBeChecked()
})

test('Add products uploads exactly the selected products once, even on a double click', async () => {
  const { user, table } = await openPicker()

  await user.click(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' }))
  await user.click(
    within(table).getByRole('checkbox', { name: 'Select <img src=x onerror=alert(1)>' }),
  )
  await user.dblClick(screen.getByRole('button', { name: 'Add products' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Sync status' })).toBeInTheDocument()
  expect(db.runs).toHaveLength(1)
  expect(db.runs[0]?.items.map((item) => item.sourceId)).toEqual(['pos-1', 'pos-2'])

  const items = await screen.findByRole('table', { name: 'Upload items' })

  expect(within(items).getByText('Leaf Tee 🍃')).toBeInTheDocument()
  expect(within(items).getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument()
})

test('sends one upload when the second click lands while the first is still being sent', async () => {
  server.use(
    http.post(apiPaths.runs, async () => {
      await delay(150)
    }),
  )

  const { user, table } = await openPicker()

  await user.click(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' }))
  await user.dblClick(screen.getByRole('button', { name: 'Add products' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Sync status' })).toBeInTheDocument()
  expect(db.runs).toHaveLength(1)
})

test('Upload all uploads every product of the source side', async () => {
  const { user } = await openPicker('ecom-to-pos')

  await user.click(screen.getByRole('button', { name: 'Upload all' }))

  expect(await screen.findByRole('heading', { level: 1, name: 'Sync status' })).toBeInTheDocument()
  expect(db.runs).toHaveLength(1)
  expect(db.runs[0]?.run.direction).toBe('ecom-to-pos')
  expect(db.runs[0]?.items).toHaveLength(60)
  expect(await screen.findByText(/of 60 processed/)).toBeInTheDocument()
})

test('shows why the upload could not start', async () => {
  server.use(
    http.post(apiPaths.runs, () =>
      errorResponse(409, 'currency_mismatch', 'eCom sells in EUR but Retail POS in USD.'),
    ),
  )

  const { user } = await openPicker()

  await user.click(screen.getByRole('button', { name: 'Upload all' }))

  expect(await screen.findByText('eCom sells in EUR but Retail POS in USD.')).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Upload all' })).toBeEnabled()
})

test('shows a product named like HTML as those characters', async () => {
  const { table, container } = await openPicker()

  expect(within(table).getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument()
  expect(container.querySelector('img')).toBeNull()
})

test('Cancel goes back to the Listed page', async () => {
  const { user } = await openPicker()

  await user.click(screen.getByRole('button', { name: 'Cancel' }))

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' }),
  ).toBeInTheDocument()
})
