import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Page } from '@playwright/test'
import { repoRoot, type Stack } from '../support/stack'

const SCREENS_DIR = resolve(repoRoot, 'test-results/screens')

/**
 * The app opened at top level the way eCom's admin opens its iframe: with a fresh payload from
 * the eCom simulator, which the app trades for a session cookie. Also the header every page has.
 */
export class AppPage {
  constructor(
    readonly page: Page,
    readonly stack: Stack,
  ) {}

  get nav() {
    return this.page.getByRole('navigation', { name: 'Main' })
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1 })
  }

  /** Opens a session for the store, then the given page of the app. */
  async open(path = '/') {
    const res = await fetch(`${this.stack.ecomUrl}/_sim/payload?storeId=${this.stack.ecomStoreId}`)
    const { iframeUrl } = (await res.json()) as { iframeUrl: string }
    await this.page.goto(iframeUrl)
    await this.page
      .getByRole('heading', { level: 1, name: 'Listed on Lightspeed Retail' })
      .waitFor()
    if (path !== '/') await this.page.goto(`${this.stack.appUrl}${path}`)
  }

  async goTo(section: 'Linked products' | 'Upload history' | 'Support' | 'Settings') {
    await this.nav.getByRole('link', { name: section }).click()
  }

  /** A full-page screenshot under test-results/screens/ for review (of another window if given). */
  async screenshot(name: string, page: Page = this.page) {
    mkdirSync(SCREENS_DIR, { recursive: true })
    await page.screenshot({ path: resolve(SCREENS_DIR, `${name}.png`), fullPage: true })
  }
}
