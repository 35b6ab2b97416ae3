/**
 * The catch-up reads what changed in Retail POS over the version cursor; these rules say which of
 * those records differ from what a link last sent to eCom, so only those are read again.
 */
import { toDecimalString } from './money'
import type { PosInventoryRecord, PosProduct } from './pos-shapes'
import type { SyncedSnapshot, SyncedVariant } from './changes-snapshot'
import { readStockLevel } from './stock'
import { cleanText, skuKey } from './text'

/**
 * The POS members whose records, as the version cursor returned them, differ from what the
 * snapshot holds: those are read again and synced; the others changed nothing eCom shows (a
 * description, a tag, a supplier). A new variant and a deleted product always count.
 */
export function membersToRecheck(
  snapshot: SyncedSnapshot,
  products: readonly PosProduct[],
  inventory: readonly PosInventoryRecord[],
  ctx: { taxExclusive: boolean },
): string[] {
  const byId = new Map(snapshot.variants.map((v) => [v.posId, v]))
  const changed = new Set<string>()

  for (const p of products) {
    const synced = byId.get(p.id)
    const isParent = !p.variant_parent_id

    if (isParent && productLevelDiffers(p, snapshot)) changed.add(p.id)
    else if (synced && variantDiffers(p, synced, ctx)) changed.add(p.id)
    // A parent that is not itself for sale (it carries no option values) is not a new variant.
    else if (!synced && !p.deleted_at && !(isParent && p.has_variants)) changed.add(p.id)
  }

  for (const record of inventory) {
    const synced = byId.get(record.product_id)

    if (synced && levelDiffers(record, synced)) changed.add(record.product_id)
  }

  return [...changed]
}

/** Name, availability or deletion of the family: what its parent record carries. */
function productLevelDiffers(p: PosProduct, snapshot: SyncedSnapshot): boolean {
  const isActive = p.is_active !== false && p.active !== false

  return (
    Boolean(p.deleted_at) || cleanText(p.name) !== snapshot.name || isActive !== snapshot.isActive
  )
}

function variantDiffers(
  p: PosProduct,
  synced: SyncedVariant,
  ctx: { taxExclusive: boolean },
): boolean {
  // A deleted variant changes nothing on eCom.
  if (p.deleted_at) return false

  const rawPrice = ctx.taxExclusive ? p.price_excluding_tax : p.price_including_tax
  const price = toDecimalString(rawPrice)
  const tracks = p.has_inventory !== false

  return (
    skuKey(p.sku) !== synced.sku ||
    (price !== null && price !== synced.price) ||
    tracks !== (synced.quantity !== null)
  )
}

function levelDiffers(record: PosInventoryRecord, synced: SyncedVariant): boolean {
  const level = record.deleted_at
    ? 0
    : readStockLevel(
        record.inventory_level ?? record.current_inventory_level ?? record.current_amount,
      )
  const known = synced.outletStock.find((s) => s.outletId === record.outlet_id)

  return (known?.level ?? 0) !== level
}
