import type { Page } from '@playwright/test'

/** Sync status of one upload: progress, pace, actions and the items. */
export class RunPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Sync status' })
  }

  get status() {
    return this.page.getByTestId('run-status')
  }

  get pace() {
    return this.page.getByTestId('run-pace')
  }

  get items() {
    return this.page.getByRole('table', { name: 'Upload items' })
  }

  get download() {
    return this.page.getByRole('link', { name: 'Download failed and refused (CSV)' })
  }

  get cancelButton() {
    return this.page.getByRole('button', { name: 'Cancel upload' }).first()
  }

  get cancelDialog() {
    return this.page.getByRole('dialog', { name: 'Cancel this upload?' })
  }

  count(label: 'Created' | 'Linked' | 'Failed' | 'Refused' | 'Left') {
    return this.page.getByRole('list', { name: 'Counts' }).getByText(new RegExp(`^${label}: `))
  }

  retryAll() {
    return this.page.getByRole('button', { name: /^Retry \d+ failed products?$/ })
  }

  retryItem(name: string) {
    return this.items.getByRole('button', { name: `Retry ${name}` })
  }

  async showItems(tab: 'All' | 'Failed' | 'Refused' | 'Created' | 'Linked' | 'Pending') {
    await this.page.getByRole('tab', { name: tab }).click()
  }

  async cancel() {
    await this.cancelButton.click()
    await this.cancelDialog.getByRole('button', { name: 'Cancel upload' }).click()
  }
}
