/**
 * GET /profile with the field names of Ecwid's store profile (generalInfo, account, settings,
 * formatsAndUnits, taxSettings). PUT /profile merges what it is sent, so a test can switch a store
 * to tax-inclusive prices or another currency and watch the app's pre-upload checks.
 */
import type { EcomCatalog } from './ecom-catalog'
import { EcwidError } from './ecom-errors'

export interface EcomStoreConfig {
  storeId: number
  token: string
  name: string
  currency: string
  pricesIncludeTax: boolean
}

const CURRENCY_FORMATS: Record<string, { prefix: string; suffix: string; precision: number }> = {
  USD: { prefix: '$', suffix: '', precision: 2 },
  CAD: { prefix: 'C$', suffix: '', precision: 2 },
  AUD: { prefix: 'A$', suffix: '', precision: 2 },
  NZD: { prefix: 'NZ$', suffix: '', precision: 2 },
  GBP: { prefix: '£', suffix: '', precision: 2 },
  EUR: { prefix: '', suffix: ' €', precision: 2 },
  JPY: { prefix: '¥', suffix: '', precision: 0 },
}

export function currencyFormat(currency: string) {
  return CURRENCY_FORMATS[currency] ?? { prefix: '', suffix: ` ${currency}`, precision: 2 }
}

export function storeUrlOf(storeId: number): string {
  return `https://store${storeId}.company.site`
}

type Json = Record<string, unknown>

function baseProfile(config: EcomStoreConfig): Json {
  const format = currencyFormat(config.currency)

  return {
    generalInfo: {
      storeId: config.storeId,
      storeUrl: storeUrlOf(config.storeId),
      starterSite: { generatedUrl: storeUrlOf(config.storeId) },
    },
    account: {
      accountName: `${config.name} owner`,
      accountNickName: 'owner',
      accountEmail: `owner@store${config.storeId}.example.com`,
      availableFeatures: ['COMBINATIONS', 'API'],
    },
    settings: { closed: false, storeName: config.name },
    company: { companyName: config.name, countryCode: 'US' },
    formatsAndUnits: {
      currency: config.currency,
      currencyPrefix: format.prefix,
      currencySuffix: format.suffix,
      currencyPrecision: format.precision,
      currencyGroupSeparator: ',',
      currencyDecimalSeparator: '.',
      currencyTruncateZeroFractional: false,
      currencyRate: 1,
      weightUnit: 'KILOGRAM',
      dimensionsUnit: 'CM',
      timezone: 'UTC',
    },
    languages: { enabledLanguages: ['en'], defaultLanguage: 'en' },
    taxSettings: {
      automaticTaxEnabled: false,
      pricesIncludeTax: config.pricesIncludeTax,
      taxExemptBusiness: false,
      taxes: [
        {
          id: config.storeId * 10 + 1,
          name: 'Sales tax',
          enabled: true,
          includeInPrice: config.pricesIncludeTax,
          useShippingAddress: true,
          taxShipping: false,
          appliedByDefault: true,
          defaultTax: 8,
          rules: [],
        },
      ],
    },
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function merge(base: Json, patch: Json): Json {
  const result: Json = { ...base }
  for (const [key, value] of Object.entries(patch)) {
    const current = result[key]
    result[key] = isObject(current) && isObject(value) ? merge(current, value) : value
  }

  return result
}

export function readProfile(catalog: EcomCatalog, config: EcomStoreConfig): Json {
  return merge(baseProfile(config), catalog.getMeta<Json>('profile') ?? {})
}

/** The storeId is the store's, not the client's to change. */
export function updateProfile(catalog: EcomCatalog, body: unknown) {
  if (!isObject(body)) throw new EcwidError(400, 'WRONG_PARAMETER', 'Profile must be a JSON object')
  const patch = structuredClone(body)
  if (isObject(patch.generalInfo)) delete patch.generalInfo.storeId
  catalog.putMeta('profile', merge(catalog.getMeta<Json>('profile') ?? {}, patch))
  catalog.touch('profileUpdated')

  return { updateCount: 1 }
}

/** What product rendering needs from the profile. */
export function renderSettings(catalog: EcomCatalog, config: EcomStoreConfig) {
  const profile = readProfile(catalog, config)
  const formats = isObject(profile.formatsAndUnits) ? profile.formatsAndUnits : {}
  const general = isObject(profile.generalInfo) ? profile.generalInfo : {}

  return {
    storeUrl: typeof general.storeUrl === 'string' ? general.storeUrl : storeUrlOf(config.storeId),
    currencyPrefix: typeof formats.currencyPrefix === 'string' ? formats.currencyPrefix : '',
    currencySuffix: typeof formats.currencySuffix === 'string' ? formats.currencySuffix : '',
    currencyPrecision:
      typeof formats.currencyPrecision === 'number' ? formats.currencyPrecision : 2,
    isCategoryEnabled: (id: number) => catalog.categories.get(id)?.enabled ?? false,
  }
}
