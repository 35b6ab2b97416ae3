import type { Page } from '@playwright/test'

/** Support: one product across every upload. */
export class SupportPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Support' })
  }

  get search() {
    return this.page.getByRole('searchbox', { name: 'Find a product by SKU, name or id' })
  }

  product(name: string | RegExp) {
    return this.page.getByRole('region', { name })
  }
}
