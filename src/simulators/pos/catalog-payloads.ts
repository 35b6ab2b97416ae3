/**
 * Export rows → the bodies of POST /api/2.0/products: a standard product, a variant family (one
 * variant per row) or a composite, with prices, stock per outlet and tags resolved to ids.
 */
import type { CatalogFamily, CatalogRow } from './catalog-rows'

const OPTIONS = ['one', 'two', 'three'] as const

export interface Lookups {
  outlets: Map<string, string>
  attributes: Map<string, string>
  tags: Map<string, string>
  taxExclusive: boolean
}

export const optionNames = (row: CatalogRow) =>
  OPTIONS.flatMap((n) => {
    const name = row.cells[`variant_option_${n}_name`] ?? ''

    return name === '' ? [] : [{ name, value: row.cells[`variant_option_${n}_value`] ?? '' }]
  })

export const tagNames = (row: CatalogRow) =>
  // Tags may be separated by commas or, as in the Vend export, by semicolons.
  (row.cells.tags ?? '')
    .split(/[;,]/)
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')

export function numberCell(row: CatalogRow, column: string): number | undefined {
  const text = (row.cells[column] ?? '').trim()
  if (text === '') return undefined
  const value = Number(text)
  if (!Number.isFinite(value)) throw new RowError(`${column} "${text}" is not a number`)

  return value
}

export class RowError extends Error {}

function variantPayload(row: CatalogRow, lookups: Lookups, tracked: boolean) {
  const price = numberCell(row, 'retail_price')
  const supply = numberCell(row, 'supply_price')
  const inventory = [...lookups.outlets].flatMap(([outlet, outletId]) => {
    const amount = numberCell(row, `inventory_${outlet}`)
    if (amount === undefined && !(`inventory_${outlet}` in row.cells)) return []

    return [
      {
        outlet_id: outletId,
        current_amount: amount ?? 0,
        reorder_point: numberCell(row, `reorder_point_${outlet}`) ?? null,
        reorder_amount: numberCell(row, `restock_level_${outlet}`) ?? null,
      },
    ]
  })

  return {
    sku: row.cells.sku,
    ...(price === undefined
      ? {}
      : lookups.taxExclusive
        ? { price_excluding_tax: price }
        : { price_including_tax: price }),
    ...(supply === undefined ? {} : { supply_price: supply }),
    ...(tracked ? { inventory } : {}),
  }
}

export function familyPayload(family: CatalogFamily, rows: CatalogRow[], lookups: Lookups) {
  const parent = rows[0] as CatalogRow
  const tracked = parent.cells.track_inventory !== '0'
  const options = optionNames(parent)
  // A simple product exports as one row with the pseudo-variant "Title / Default". The shape comes
  // from the whole family, so a family whose rows were refused one by one never turns standard.
  const isStandard =
    family.rows.length === 1 &&
    (options.length === 0 ||
      (options.length === 1 && options[0]?.name === 'Title' && options[0].value === 'Default'))
  const common = {
    name: parent.cells.name,
    handle: family.handle,
    description: parent.cells.description || undefined,
    is_active: parent.cells.active !== '0',
    has_inventory: tracked,
    tag_ids: [...new Set(rows.flatMap(tagNames).map((t) => lookups.tags.get(t.toLowerCase())))],
  }
  if (isStandard) return { ...common, ...variantPayload(parent, lookups, tracked) }

  return {
    ...common,
    variants: rows.map((row) => ({
      ...variantPayload(row, lookups, tracked),
      variant_definitions: optionNames(row).map(({ name, value }) => ({
        attribute_id: lookups.attributes.get(name.toLowerCase()),
        value,
      })),
    })),
  }
}
