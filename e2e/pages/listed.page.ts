import type { Page } from '@playwright/test'

/** Listed on Lightspeed Retail: the entry points, the newest upload and the linked products. */
export class ListedPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' })
  }

  get uploadToEcom() {
    return this.page.getByRole('button', { name: 'Upload Lightspeed products to eCom' })
  }

  get uploadToPos() {
    return this.page.getByRole('button', { name: 'Upload eCom products to Lightspeed' })
  }

  get syncStatus() {
    return this.page.getByRole('region', { name: 'Sync status' })
  }

  get links() {
    return this.page.getByRole('table', { name: 'Linked products' })
  }

  get search() {
    return this.page.getByRole('searchbox', { name: 'Search by name or SKU' })
  }

  get state() {
    return this.page.getByRole('combobox', { name: 'State' })
  }
}
