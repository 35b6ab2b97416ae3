/**
 * Tags, variant attributes, brands, suppliers and outlets: small named records that the routes,
 * the control routes and the demo seed all create the same way.
 */
import { randomUUID } from 'node:crypto'
import { unprocessable } from './pos-errors'
import { type NamedRecord, type OutletRecord, timestamp } from './pos-model'
import type { PosStore } from './pos-store'
import type { VersionedCollection } from './versioned-collection'
import { writeStock } from './product-write'
import { ensureRegisters } from './registers-users'

/**
 * Creates a named record. Names are trimmed and must be unique among live records, ignoring case;
 * the real API's answer to a duplicate is not documented, so it is a 422 naming the clash.
 */
export function createNamed(
  store: PosStore,
  collection: VersionedCollection<NamedRecord>,
  rawName: unknown,
  label: string,
): NamedRecord {
  const name = typeof rawName === 'string' ? rawName.trim() : ''
  if (name === '') throw unprocessable('name: is required')
  if (store.findNamed(collection, name))
    throw unprocessable(`a ${label} named "${name}" already exists`)
  const now = timestamp()
  const record: NamedRecord = {
    id: randomUUID(),
    name,
    version: store.nextVersion(),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  }
  collection.put(record)

  return record
}

export interface OutletInput {
  id?: string
  name: string
  time_zone?: string
  physical_address_1?: string
  physical_city?: string
  physical_postcode?: string
  physical_state?: string
  physical_country_id?: string
}

/**
 * Makes the live outlets exactly the given list: matched by id, then by name; new ones created,
 * missing ones soft-deleted. Every tracked product gets a record (0) at a new outlet, as when a
 * merchant adds one in Retail POS.
 */
export function setOutlets(store: PosStore, inputs: OutletInput[]): OutletRecord[] {
  const now = timestamp()
  const live = store.liveOutlets()
  const kept = new Set<string>()
  const added: string[] = []
  const result = inputs.map((input) => {
    const name = input.name.trim()
    const existing =
      live.find((o) => input.id !== undefined && o.id === input.id) ??
      live.find((o) => o.name.toLowerCase() === name.toLowerCase() && !kept.has(o.id))
    const outlet: OutletRecord = {
      id: existing?.id ?? input.id ?? randomUUID(),
      name,
      time_zone: input.time_zone ?? existing?.time_zone ?? store.retailer.time_zone,
      physical_address_1: input.physical_address_1 ?? existing?.physical_address_1 ?? '',
      physical_city: input.physical_city ?? existing?.physical_city ?? '',
      physical_postcode: input.physical_postcode ?? existing?.physical_postcode ?? '',
      physical_state: input.physical_state ?? existing?.physical_state ?? '',
      physical_country_id:
        input.physical_country_id ?? existing?.physical_country_id ?? store.retailer.country,
      version: store.nextVersion(),
      created_at: existing?.created_at ?? now,
      updated_at: now,
      deleted_at: null,
    }
    store.outlets.put(outlet)
    kept.add(outlet.id)
    if (!existing) added.push(outlet.id)

    return outlet
  })
  for (const outlet of live) {
    if (kept.has(outlet.id)) continue
    store.outlets.put({ ...outlet, deleted_at: now, updated_at: now, version: store.nextVersion() })
  }
  if (added.length > 0) {
    for (const product of store.products.scan()) {
      if (product.has_inventory) writeStock(store, product.id, [], true)
    }
  }
  ensureRegisters(store)

  return result
}
