import type { Page } from '@playwright/test'
import type { Stack } from '../support/stack'

/**
 * The eCom admin simulator's page with the app in its iframe, as a merchant opens it, and the
 * app's header there: both stores and the Retail POS connection.
 */
export class EcomAdminPage {
  constructor(
    readonly page: Page,
    readonly stack: Stack,
  ) {}

  get app() {
    return this.page.frameLocator('iframe[title="Listed on Lightspeed Retail"]')
  }

  get stores() {
    return this.app.getByRole('region', { name: 'Connected stores' })
  }

  button(name: string) {
    return this.stores.getByRole('button', { name, exact: true })
  }

  get disconnectDialog() {
    return this.app.getByRole('dialog', { name: 'Disconnect Retail POS?' })
  }

  async open(storeId = this.stack.ecomStoreId) {
    await this.page.goto(`${this.stack.ecomUrl}/?store=${storeId}`)
    await this.app.getByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' }).waitFor()
  }

  /** Clicks Connect (or Reconnect) and returns the window Retail POS's page opens in. */
  async startConnect(name = 'Connect Retail POS') {
    const opened = this.page.waitForEvent('popup')
    await this.button(name).click()
    const popup = await opened
    await popup.waitForLoadState()

    return popup
  }
}
