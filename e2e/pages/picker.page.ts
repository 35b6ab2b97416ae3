import type { Page } from '@playwright/test'

/** The picker of the source side's products, and its confirm step. */
export class PickerPage {
  constructor(readonly page: Page) {}

  get search() {
    return this.page.getByRole('searchbox', { name: 'Search by name or SKU' })
  }

  get addProducts() {
    return this.page.getByRole('button', { name: 'Add products' })
  }

  get uploadAll() {
    return this.page.getByRole('button', { name: 'Upload all' })
  }

  get preview() {
    return this.page.getByRole('dialog')
  }

  get previewSummary() {
    return this.preview.getByTestId('preview-summary')
  }

  get refusedProducts() {
    return this.preview.getByRole('list', { name: 'Refused products' })
  }

  get confirm() {
    return this.preview.getByRole('button', { name: 'Confirm upload' })
  }

  get back() {
    return this.preview.getByRole('button', { name: 'Back' })
  }

  /** Finds a product by name or SKU and ticks it. */
  async pick(query: string, name: string) {
    await this.search.fill(query)
    await this.page.getByRole('checkbox', { name: `Select ${name}` }).check()
  }
}
