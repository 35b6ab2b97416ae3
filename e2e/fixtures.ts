/**
 * Page objects for every spec, built on the spec's stack. A spec starts its own stack (both
 * simulators and the app) in beforeAll and hands it over with `useStack`.
 */
import { test as base } from '@playwright/test'
import { AppPage } from './pages/app.page'
import { EcomAdminPage } from './pages/ecom-admin.page'
import { ListedPage } from './pages/listed.page'
import { PickerPage } from './pages/picker.page'
import { RunPage } from './pages/run.page'
import { SettingsPage } from './pages/settings.page'
import { SupportPage } from './pages/support.page'
import type { Stack } from './support/stack'

let current: Stack | undefined

/** The stack the page objects open the app on; set by the spec once it has started it. */
export function useStack(stack: Stack) {
  current = stack
}

export const test = base.extend<{
  app: AppPage
  admin: EcomAdminPage
  listed: ListedPage
  picker: PickerPage
  run: RunPage
  settings: SettingsPage
  support: SupportPage
}>({
  app: async ({ page }, use) => {
    if (!current) throw new Error('call useStack(stack) in beforeAll first')
    await use(new AppPage(page, current))
  },
  admin: async ({ page }, use) => {
    if (!current) throw new Error('call useStack(stack) in beforeAll first')
    await use(new EcomAdminPage(page, current))
  },
  listed: async ({ page }, use) => use(new ListedPage(page)),
  picker: async ({ page }, use) => use(new PickerPage(page)),
  run: async ({ page }, use) => use(new RunPage(page)),
  settings: async ({ page }, use) => use(new SettingsPage(page)),
  support: async ({ page }, use) => use(new SupportPage(page)),
})

export { expect } from '@playwright/test'
