/**
 * Registers and users, which a sale needs: every live outlet has a register ("Main Register" for
 * the first), and the store has its owner, the user a personal token or an OAuth token acts as.
 * Both are made on start and after every change of outlets, so an older data file gets them too.
 */
import { randomUUID } from 'node:crypto'
import { type RegisterRecord, timestamp, type UserRecord } from './pos-model'
import type { PosStore } from './pos-store'

export function ensureRegisters(store: PosStore) {
  const now = timestamp()
  const live = [...store.registers.scan()]
  const outlets = store.liveOutlets()
  for (const register of live) {
    if (outlets.some((outlet) => outlet.id === register.outlet_id)) continue
    store.registers.put({
      ...register,
      deleted_at: now,
      updated_at: now,
      version: store.nextVersion(),
    })
  }
  outlets.forEach((outlet) => {
    if (live.some((register) => register.outlet_id === outlet.id)) return
    const isFirst = store.registers.size === 0
    const register: RegisterRecord = {
      id: randomUUID(),
      name: isFirst ? 'Main Register' : `${outlet.name} Register`,
      outlet_id: outlet.id,
      invoice_prefix: '',
      invoice_suffix: '',
      invoice_sequence: 0,
      version: store.nextVersion(),
      created_at: now,
      updated_at: now,
      deleted_at: null,
    }
    store.registers.put(register)
  })
}

export function ensureOwner(store: PosStore): UserRecord {
  const existing = [...store.users.scan()][0]
  if (existing) return existing
  const now = timestamp()
  const owner: UserRecord = {
    id: randomUUID(),
    username: 'owner',
    display_name: `${store.retailer.name} Owner`,
    email: `owner@${store.retailer.domain_prefix}.example.com`,
    account_type: 'admin',
    version: store.nextVersion(),
    created_at: now,
    updated_at: now,
    deleted_at: null,
  }
  store.users.put(owner)

  return owner
}

export function renderRegister(register: RegisterRecord) {
  return {
    id: register.id,
    name: register.name,
    outlet_id: register.outlet_id,
    ask_for_note_on_save: 0,
    print_note_on_receipt: false,
    ask_for_user_on_sale: false,
    show_discounts_on_receipts: true,
    print_receipt: true,
    email_receipt: false,
    invoice_prefix: register.invoice_prefix,
    invoice_suffix: register.invoice_suffix,
    invoice_sequence: register.invoice_sequence,
    button_layout_id: null,
    is_open: true,
    register_open_time: register.created_at,
    register_close_time: null,
    deleted_at: register.deleted_at,
    version: register.version,
  }
}

export function renderUser(user: UserRecord) {
  return {
    id: user.id,
    username: user.username,
    display_name: user.display_name,
    email: user.email,
    email_verified_at: null,
    account_type: user.account_type,
    enabled: true,
    restricted_outlet_id: null,
    restricted_outlet_ids: [],
    is_primary_user: true,
    created_at: user.created_at,
    updated_at: user.updated_at,
    deleted_at: user.deleted_at,
    version: user.version,
  }
}
