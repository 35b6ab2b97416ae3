import type { StoreSettings } from '../../../contracts/api'

/** A store with two outlets and three payment types that has chosen nothing yet. */
export function buildStoreSettings(overrides: Partial<StoreSettings> = {}): StoreSettings {
  return {
    outlets: [
      { id: 'outlet-main', name: 'Main Street' },
      { id: 'outlet-harbor', name: 'Harbor Pop-up' },
    ],
    paymentTypes: [
      { id: 'pay-cash', name: 'Cash' },
      { id: 'pay-card', name: 'Credit Card' },
      { id: 'pay-ecom', name: 'eCom' },
    ],
    onlineOutlet: { id: 'outlet-main', source: 'app', problem: null },
    stockOutlets: { ids: 'all', source: 'app', problem: null },
    ecomPaymentType: { id: 'pay-ecom', source: 'app', problem: null },
    updatedAt: null,
    ...overrides,
  }
}
