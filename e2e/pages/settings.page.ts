import type { Page } from '@playwright/test'

/** Settings: the store's outlets for eCom stock and sales, and the payment type of eCom sales. */
export class SettingsPage {
  constructor(readonly page: Page) {}

  get form() {
    return this.page.getByRole('form', { name: 'Store settings' })
  }

  get onlineOutlet() {
    return this.form.getByRole('combobox', { name: 'Outlet that serves the online store' })
  }

  get paymentType() {
    return this.form.getByRole('combobox', { name: 'Payment type of eCom sales' })
  }

  get onlyTheseOutlets() {
    return this.form.getByRole('radio', { name: 'Only these outlets' })
  }

  outlet(name: string) {
    return this.form.getByRole('checkbox', { name })
  }

  get save() {
    return this.form.getByRole('button', { name: 'Save settings' })
  }
}
