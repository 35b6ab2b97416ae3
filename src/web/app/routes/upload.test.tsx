import { screen, waitFor, within } from '@testing-library/react'
import { PointerEventsCheckLevel, userEvent, type UserEvent } from '@testing-library/user-event'
import { delay, http, HttpResponse } from 'msw'
import { expect, test } from 'vitest'

import { apiPaths } from '../../../contracts/api'
import { db, startRun } from '../../testing/mocks/db'
import { errorResponse } from '../../testing/mocks/http-error'
import { server } from '../../testing/mocks/node'
import { renderApp } from '../../testing/render-with-providers'

// The run's page loads lazily: its first load in a busy test run can take several seconds.
const NAVIGATION_WAIT = { timeout: 15_000 }

/**
 * Holds the requests a handler picks until the test lets them through to the usual handler, so a
 * test sees the screen while the answer is on its way.
 */
function holdRequests() {
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))

  return { held, release }
}

/** Clicks even what the page keeps the pointer away from, as a fast or assistive click might. */
const anyClick = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never })

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

test('while the next page loads, the rows still on screen are dimmed, cannot be ticked, and the footer says so', async () => {
  const page2 = holdRequests()
  server.use(
    http.get(apiPaths.sourceProducts, async ({ request }) => {
      if (new URL(request.url).searchParams.get('page') === '2') await page2.held
    }),
  )
  const total = db.products.pos.length
  const { user, table } = await openPicker()

  try {
    await user.click(screen.getByRole('button', { name: 'Go to next page' }))

    expect(await screen.findByText(`Loading 26–50 of ${total}…`)).toBeVisible()
    expect(screen.queryByText(`26–50 of ${total}`)).toBeNull()
    expect(table).toHaveAttribute('aria-busy', 'true')
    expect(screen.getByRole('progressbar', { name: 'Loading products' })).toBeVisible()
    const staleRow = within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' })
    const staleAll = within(table).getByRole('checkbox', { name: 'Select all on this page' })
    expect(staleRow).toBeDisabled()
    expect(staleAll).toBeDisabled()

    await anyClick.click(staleRow)
    await anyClick.click(staleAll)

    expect(screen.getByText('0 selected')).toBeInTheDocument()
    expect(staleRow).not.toBeChecked()
  } finally {
    page2.release()
  }

  const row = await within(table).findByRole('checkbox', { name: 'Select Canvas Tote 30' })

  expect(row).toBeEnabled()
  expect(table).toHaveAttribute('aria-busy', 'false')
  expect(screen.getByText(`26–50 of ${total}`)).toBeVisible()
  expect(within(table).queryByText('Leaf Tee 🍃')).toBeNull()

  await user.click(row)

  expect(screen.getByText('1 selected')).toBeInTheDocument()
})

test('selects every product on the page at once', async () => {
  const { user, table } = await openPicker()

  await user.click(within(table).getByRole('checkbox', { name: 'Select all on this page' }))

  expect(screen.getByText('25 selected')).toBeInTheDocument()
  expect(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' })).toBeChecked()
})

/** Opens the confirm step and waits for its summary. */
async function openPreview(user: UserEvent, button: 'Add products' | 'Upload all') {
  await user.click(screen.getByRole('button', { name: button }))
  const dialog = await screen.findByRole('dialog')
  await within(dialog).findByTestId('preview-summary')

  return dialog
}

test('shows what the upload would do before anything is written: create, link, refuse and why', async () => {
  const { user, table } = await openPicker()

  await user.click(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' }))
  await user.click(within(table).getByRole('checkbox', { name: 'Select Clay Mug 3' }))
  await user.click(within(table).getByRole('checkbox', { name: 'Select Hemp Socks 5' }))
  const dialog = await openPreview(user, 'Add products')

  expect(within(dialog).getByRole('heading', { name: 'Check the upload to eCom' })).toBeVisible()
  expect(within(dialog).getByTestId('preview-summary')).toHaveTextContent(
    'Create 0, link 2, refuse 1',
  )
  expect(within(dialog).getByRole('list', { name: 'Refused products' })).toHaveTextContent(
    'Hemp Socks 5 (POS-0005)Composite products are not supported in eCom.',
  )
  expect(db.runs).toHaveLength(0)
})

test('Back closes the confirm step and keeps the selection', async () => {
  const { user, table } = await openPicker()

  await user.click(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' }))
  const dialog = await openPreview(user, 'Add products')
  await user.click(within(dialog).getByRole('button', { name: 'Back' }))

  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  expect(screen.getByText('1 selected')).toBeInTheDocument()
  expect(db.runs).toHaveLength(0)
})

test('Confirm uploads exactly the selected products once, even on a double click', async () => {
  const { user, table } = await openPicker()

  await user.click(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' }))
  await user.click(
    within(table).getByRole('checkbox', { name: 'Select <img src=x onerror=alert(1)>' }),
  )
  const dialog = await openPreview(user, 'Add products')
  await user.dblClick(within(dialog).getByRole('button', { name: 'Confirm upload' }))

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Sync status' }, NAVIGATION_WAIT),
  ).toBeInTheDocument()
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
  const dialog = await openPreview(user, 'Add products')
  await user.dblClick(within(dialog).getByRole('button', { name: 'Confirm upload' }))

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Sync status' }, NAVIGATION_WAIT),
  ).toBeInTheDocument()
  expect(db.runs).toHaveLength(1)
})

test('takes the merchant to the running upload when these products are already being uploaded', async () => {
  const { user, table } = await openPicker()
  startRun({ direction: 'pos-to-ecom', selection: { kind: 'ids', ids: ['pos-1'] } })
  const running = db.runs[0]!.run.id

  await user.click(within(table).getByRole('checkbox', { name: 'Select Leaf Tee 🍃' }))
  const dialog = await openPreview(user, 'Add products')
  await user.click(within(dialog).getByRole('button', { name: 'Confirm upload' }))

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Sync status' }, NAVIGATION_WAIT),
  ).toBeInTheDocument()
  expect(
    screen.getByText(/These products are already being uploaded, so no second upload was started/),
  ).toBeInTheDocument()
  expect(window.location.pathname).toBe(`/runs/${running}`)
  expect(db.runs).toHaveLength(1)
})

test('Upload all checks and uploads every product of the source side', async () => {
  const { user } = await openPicker('ecom-to-pos')

  const dialog = await openPreview(user, 'Upload all')

  expect(within(dialog).getByTestId('preview-summary')).toHaveTextContent(
    'Create 50, link 9, refuse 1',
  )

  await user.click(within(dialog).getByRole('button', { name: 'Confirm upload' }))

  expect(
    await screen.findByRole('heading', { level: 1, name: 'Sync status' }, NAVIGATION_WAIT),
  ).toBeInTheDocument()
  expect(db.runs).toHaveLength(1)
  expect(db.runs[0]?.run.direction).toBe('ecom-to-pos')
  expect(db.runs[0]?.items).toHaveLength(60)
  expect(await screen.findByText(/of 60 processed/)).toBeInTheDocument()
})

test('Confirm stays disabled until the check has answered, then shows the counts and the refused products', async () => {
  const check = holdRequests()
  server.use(
    http.post(apiPaths.runPreview, async () => {
      await check.held
    }),
  )
  const { user } = await openPicker()

  await user.click(screen.getByRole('button', { name: 'Upload all' }))
  const dialog = await screen.findByRole('dialog')
  const confirm = within(dialog).getByRole('button', { name: 'Confirm upload' })

  try {
    expect(within(dialog).getByText('Checking every product in Retail POS…')).toBeVisible()
    expect(confirm).toBeDisabled()

    await anyClick.click(confirm)
    await delay(50)

    expect(db.runs).toHaveLength(0)
    expect(confirm).toBeDisabled()
  } finally {
    check.release()
  }

  expect(await within(dialog).findByTestId('preview-summary')).toHaveTextContent(
    /^Create \d+, link \d+, refuse 1$/,
  )
  expect(within(dialog).getByRole('list', { name: 'Refused products' })).toHaveTextContent(
    'Composite products are not supported in eCom.',
  )
  expect(within(dialog).queryByText('Checking every product in Retail POS…')).toBeNull()
  expect(within(dialog).getByRole('button', { name: 'Confirm upload' })).toBeEnabled()
  expect(db.runs).toHaveLength(0)
})

test('a check that runs again disables Confirm and hides the counts before it until it has answered', async () => {
  const { user, queryClient } = await openPicker()
  const dialog = await openPreview(user, 'Upload all')
  const again = holdRequests()
  server.use(
    http.post(apiPaths.runPreview, async () => {
      await again.held
    }),
  )

  try {
    void queryClient.invalidateQueries({ queryKey: ['run-preview'] })

    expect(await within(dialog).findByText('Checking every product in Retail POS…')).toBeVisible()
    expect(within(dialog).queryByTestId('preview-summary')).toBeNull()
    expect(within(dialog).getByRole('button', { name: 'Confirm upload' })).toBeDisabled()
  } finally {
    again.release()
  }

  expect(await within(dialog).findByTestId('preview-summary')).toBeVisible()
  expect(within(dialog).getByRole('button', { name: 'Confirm upload' })).toBeEnabled()
})

test('says when the preview could not be made, and tries again on Retry', async () => {
  server.use(http.post(apiPaths.runPreview, () => HttpResponse.error(), { once: true }))

  const { user } = await openPicker()
  await user.click(screen.getByRole('button', { name: 'Upload all' }))
  const dialog = await screen.findByRole('dialog')

  expect(await within(dialog).findByText('Could not load what this upload would do')).toBeVisible()
  expect(within(dialog).getByRole('button', { name: 'Confirm upload' })).toBeDisabled()

  await user.click(within(dialog).getByRole('button', { name: 'Retry' }))

  expect(await within(dialog).findByTestId('preview-summary')).toBeVisible()
})

test('shows why the upload could not start', async () => {
  server.use(
    http.post(apiPaths.runs, () =>
      errorResponse(409, 'currency_mismatch', 'eCom sells in EUR but Retail POS in USD.'),
    ),
  )

  const { user } = await openPicker()

  const dialog = await openPreview(user, 'Upload all')
  await user.click(within(dialog).getByRole('button', { name: 'Confirm upload' }))

  expect(await screen.findByText('eCom sells in EUR but Retail POS in USD.')).toBeInTheDocument()
  expect(within(dialog).getByRole('button', { name: 'Confirm upload' })).toBeEnabled()
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
