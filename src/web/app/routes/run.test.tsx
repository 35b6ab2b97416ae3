import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { expect, test } from 'vitest'

import { buildRun, buildRunCounts, buildRunItem } from '../../testing/builders/run'
import { addRun, findRun } from '../../testing/mocks/db'
import { errorResponse } from '../../testing/mocks/http-error'
import { server } from '../../testing/mocks/node'
import { renderApp } from '../../testing/render-with-providers'

const POLL_WAIT = { timeout: 8_000 }

function seedRunningUpload() {
  const items = [
    buildRunItem({ name: 'Leaf Tee 🍃', sku: 'POS-0001', status: 'created', targetId: '7001' }),
    buildRunItem({ name: 'Clay Mug', sku: 'POS-0002', status: 'linked', targetId: '7002' }),
    buildRunItem({ name: 'Gift Bundle', sku: 'POS-0003', status: 'pending' }),
    buildRunItem({ name: 'Oak Coaster', sku: 'POS-0004', status: 'pending' }),
  ]
  const run = buildRun({
    id: 'run-7',
    status: 'running',
    counts: buildRunCounts({ total: 4, created: 1, linked: 1, pending: 2 }),
  })

  return addRun(run, items)
}

test('follows an upload through the rate limit to completion with its errors explained', async () => {
  const record = seedRunningUpload()

  renderApp('/runs/run-7')

  expect(await screen.findByRole('heading', { level: 1, name: 'Sync status' })).toBeInTheDocument()
  expect(screen.getByTestId('run-status')).toHaveTextContent('Running')
  expect(screen.getByText('2 of 4 processed')).toBeInTheDocument()
  expect(screen.getByText('Created: 1')).toBeInTheDocument()
  expect(screen.getByText('Linked: 1')).toBeInTheDocument()
  expect(screen.getByText('Left: 2')).toBeInTheDocument()
  expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute(
    'aria-valuenow',
    '50',
  )

  record.run = {
    ...record.run,
    status: 'waiting',
    waitingUntil: new Date(2026, 0, 15, 14, 5, 10).toISOString(),
  }

  expect(
    await screen.findByText(
      `Waiting for the rate limit until ${new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date(2026, 0, 15, 14, 5, 10))}`,
      {},
      POLL_WAIT,
    ),
  ).toBeInTheDocument()

  record.items = record.items.map((item) =>
    item.name === 'Gift Bundle'
      ? {
          ...item,
          status: 'refused',
          reasons: [
            'Composite products are not supported in eCom.',
            'The product has no SKU for its variant Large.',
          ],
        }
      : item.name === 'Oak Coaster'
        ? { ...item, status: 'failed', reasons: ['eCom did not answer after 3 tries.'] }
        : item,
  )
  record.run = {
    ...record.run,
    status: 'completed_with_errors',
    waitingUntil: null,
    finishedAt: new Date().toISOString(),
    counts: buildRunCounts({ total: 4, created: 1, linked: 1, failed: 1, refused: 1 }),
  }

  expect(
    await screen.findByText('Completed: 1 failed, 1 refused', {}, POLL_WAIT),
  ).toBeInTheDocument()
  expect(screen.getByText('4 of 4 processed')).toBeInTheDocument()

  const items = screen.getByRole('table', { name: 'Upload items' })

  expect(
    await within(items).findByText('Composite products are not supported in eCom.'),
  ).toBeInTheDocument()
  expect(
    within(items).getByText('The product has no SKU for its variant Large.'),
  ).toBeInTheDocument()
  expect(within(items).getByText('eCom did not answer after 3 tries.')).toBeInTheDocument()
})

test('filters the items by outcome', async () => {
  const record = seedRunningUpload()
  record.items[2] = { ...record.items[2]!, status: 'refused', reasons: ['Composite product.'] }

  const { user } = renderApp('/runs/run-7')
  const items = await screen.findByRole('table', { name: 'Upload items' })

  await user.click(screen.getByRole('tab', { name: 'Refused' }))

  await waitFor(() => expect(within(items).queryByText('Leaf Tee 🍃')).toBeNull())
  expect(within(items).getByText('Gift Bundle')).toBeInTheDocument()
  expect(within(items).getByText('Composite product.')).toBeInTheDocument()

  await user.click(screen.getByRole('tab', { name: 'Failed' }))

  expect(await screen.findByText('No items with this outcome.')).toBeInTheDocument()
})

test('stops following an upload once it has finished', async () => {
  addRun(
    buildRun({
      id: 'run-done',
      status: 'completed',
      counts: buildRunCounts({ total: 1, created: 1 }),
    }),
    [buildRunItem({ status: 'created', targetId: '9' })],
  )

  renderApp('/runs/run-done')

  expect(await screen.findByTestId('run-status')).toHaveTextContent('Completed')

  findRun('run-done')!.run.status = 'failed'
  await new Promise((resolve) => setTimeout(resolve, 1_500))

  expect(screen.getByTestId('run-status')).toHaveTextContent('Completed')
})

test('says an upload does not exist, with a way back', async () => {
  renderApp('/runs/missing')

  expect(await screen.findByText('Not found')).toBeInTheDocument()
  expect(screen.getByRole('link', { name: 'Back to Listed on Lightspeed Retail' })).toBeVisible()
})

test('lists past uploads newest first', async () => {
  addRun(buildRun({ id: 'run-a', status: 'completed', createdAt: '2026-01-10T09:00:00.000Z' }), [])
  addRun(
    buildRun({
      id: 'run-b',
      status: 'completed_with_errors',
      direction: 'ecom-to-pos',
      createdAt: '2026-01-12T09:00:00.000Z',
      counts: buildRunCounts({ total: 3, created: 2, refused: 1 }),
    }),
    [],
  )

  renderApp('/runs')
  const table = await screen.findByRole('table', { name: 'Upload history' })
  const rows = within(table).getAllByRole('row').slice(1)

  expect(rows).toHaveLength(2)
  expect(rows[0]).toHaveTextContent('Upload eCom products to Lightspeed')
  expect(rows[0]).toHaveTextContent('Completed: 1 refused')
  expect(rows[1]).toHaveTextContent('Upload Lightspeed products to eCom')
  expect(within(rows[0]!).getByRole('link')).toHaveAttribute('href', '/runs/run-b')
})

test("names each past upload's link by what it opens, not by its date alone", async () => {
  const createdAt = '2026-01-12T09:00:00.000Z'
  addRun(
    buildRun({
      id: 'run-b',
      status: 'completed_with_errors',
      direction: 'ecom-to-pos',
      createdAt,
      counts: buildRunCounts({ total: 3, created: 2, refused: 1 }),
    }),
    [],
  )
  addRun(buildRun({ id: 'run-a', status: 'completed', createdAt: '2026-01-10T09:00:00.000Z' }), [])
  const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

  renderApp('/runs')
  const table = await screen.findByRole('table', { name: 'Upload history' })

  expect(
    within(table).getByRole('link', {
      name: `Upload of ${date.format(new Date(createdAt))}: eCom to Retail POS, completed: 1 refused`,
    }),
  ).toHaveAttribute('href', '/runs/run-b')
  expect(
    within(table).getByRole('link', {
      name: `Upload of ${date.format(new Date('2026-01-10T09:00:00.000Z'))}: Retail POS to eCom, completed`,
    }),
  ).toHaveAttribute('href', '/runs/run-a')
})

function seedFinishedWithProblems() {
  const items = [
    buildRunItem({ name: 'Leaf Tee 🍃', sku: 'POS-0001', status: 'created', targetId: '7001' }),
    buildRunItem({
      name: 'Clay Mug',
      sku: 'POS-0002',
      status: 'failed',
      reasons: ['eCom: the price must be 0 or more.'],
    }),
    buildRunItem({
      name: 'Oak Coaster',
      sku: 'POS-0004',
      status: 'failed',
      reasons: ['eCom did not answer after 3 tries.'],
    }),
    buildRunItem({
      name: 'Gift Bundle',
      sku: 'POS-0003',
      status: 'refused',
      reasons: ['Composite products are not supported in eCom.'],
    }),
  ]
  const run = buildRun({
    id: 'run-9',
    status: 'completed_with_errors',
    finishedAt: '2026-01-15T09:05:00.000Z',
    counts: buildRunCounts({ total: 4, created: 1, failed: 2, refused: 1 }),
  })

  return addRun(run, items)
}

test('shows the pace of a running upload and the time left, never a bare spinner', async () => {
  const record = seedRunningUpload()
  record.run = { ...record.run, pace: { perMinute: 42, secondsLeft: 200 } }

  renderApp('/runs/run-7')

  expect(await screen.findByTestId('run-pace')).toHaveTextContent(
    '42 products a minute · about 3 min left',
  )
})

test('retries every failed product and follows the upload again', async () => {
  const record = seedFinishedWithProblems()

  const { user } = renderApp('/runs/run-9')
  await user.click(await screen.findByRole('button', { name: 'Retry 2 failed products' }))

  expect(await screen.findByText('Completed: 1 refused', {}, POLL_WAIT)).toBeInTheDocument()
  expect(record.items.filter((item) => item.status === 'failed')).toHaveLength(0)
  expect(screen.queryByRole('button', { name: /^Retry \d+ failed/ })).toBeNull()
})

test('retries one failed product from its row', async () => {
  const record = seedFinishedWithProblems()

  const { user } = renderApp('/runs/run-9')
  const items = await screen.findByRole('table', { name: 'Upload items' })
  await user.click(within(items).getByRole('button', { name: 'Retry Clay Mug' }))

  expect(
    await screen.findByRole('button', { name: 'Retry 1 failed product' }, POLL_WAIT),
  ).toBeVisible()
  expect(record.items.find((item) => item.name === 'Clay Mug')?.status).not.toBe('failed')
  expect(record.items.find((item) => item.name === 'Oak Coaster')?.status).toBe('failed')
})

test('while other items load, the rows still on screen offer no Retry and the table says it is loading', async () => {
  seedFinishedWithProblems()
  let release = () => {}
  const held = new Promise<void>((resolve) => (release = resolve))
  server.use(
    http.get('/api/runs/run-9/items', async ({ request }) => {
      if (new URL(request.url).searchParams.get('status') === 'failed') await held
    }),
  )

  const { user } = renderApp('/runs/run-9')
  const items = await screen.findByRole('table', { name: 'Upload items' })
  await user.click(screen.getByRole('tab', { name: 'Failed' }))

  try {
    await waitFor(() => expect(items).toHaveAttribute('aria-busy', 'true'))
    expect(within(items).getByText('Leaf Tee 🍃')).toBeInTheDocument()
    expect(within(items).getByRole('button', { name: 'Retry Clay Mug' })).toBeDisabled()
    expect(screen.getByRole('progressbar', { name: 'Loading items' })).toBeVisible()
    expect(screen.getByText('Loading 1–4 of 4…')).toBeVisible()
  } finally {
    release()
  }

  await waitFor(() => expect(within(items).queryByText('Leaf Tee 🍃')).toBeNull())
  expect(items).toHaveAttribute('aria-busy', 'false')
  expect(within(items).getByRole('button', { name: 'Retry Clay Mug' })).toBeEnabled()
  expect(screen.getByText('1–2 of 2')).toBeVisible()
})

test('cancels a running upload once the merchant confirms', async () => {
  const record = seedRunningUpload()

  const { user } = renderApp('/runs/run-7')
  await user.click(await screen.findByRole('button', { name: 'Cancel upload' }))
  const dialog = await screen.findByRole('dialog', { name: 'Cancel this upload?' })
  await user.click(within(dialog).getByRole('button', { name: 'Cancel upload' }))

  expect(await screen.findByTestId('run-status')).toHaveTextContent('Cancelled')
  expect(screen.getByText('Left: 2')).toBeInTheDocument()
  expect(record.run.status).toBe('cancelled')
  expect(screen.queryByRole('button', { name: 'Cancel upload' })).toBeNull()
})

test('keeps the upload going when the merchant changes their mind', async () => {
  const record = seedRunningUpload()

  const { user } = renderApp('/runs/run-7')
  await user.click(await screen.findByRole('button', { name: 'Cancel upload' }))
  await user.click(await screen.findByRole('button', { name: 'Keep uploading' }))

  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  expect(record.run.status).toBe('running')
})

test('offers the failed and refused products as a CSV download', async () => {
  seedFinishedWithProblems()

  renderApp('/runs/run-9')
  const download = await screen.findByRole('link', { name: 'Download failed and refused (CSV)' })

  expect(download).toHaveAttribute('href', '/api/runs/run-9/export.csv')
  expect(download).toHaveAttribute('download')
})

test('says why a retry was refused', async () => {
  seedFinishedWithProblems()
  server.use(
    http.post('/api/runs/:id/retry', () =>
      errorResponse(409, 'RUN_OVERLAPS', 'Some of these products are already being uploaded.'),
    ),
  )

  const { user } = renderApp('/runs/run-9')
  await user.click(await screen.findByRole('button', { name: 'Retry 2 failed products' }))

  expect(
    await screen.findByText('Some of these products are already being uploaded.'),
  ).toBeInTheDocument()
})
