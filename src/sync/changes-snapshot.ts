/**
 * What a link remembers of what it last sent to eCom (see changes.ts), and how that snapshot is
 * made: from the product the first upload wrote, from eCom as it is for a link never synced, and
 * after a sale eCom took.
 */
import type { EcomProduct } from './ecom-shapes'
import type { CatalogProduct, CatalogVariant } from './model'
import { compareDecimals, toDecimalString } from './money'
import { clampStock } from './stock'
import { cleanText, optionNameKey, sameSku, skuKey } from './text'

export interface OutletLevel {
  outletId: string
  level: number
}

/** One variant as it was last sent to eCom. */
export interface SyncedVariant {
  /** The variant's POS product id. */
  posId: string
  sku: string
  /** Exact decimal as Retail POS had it; null when eCom's own value is unknown. */
  price: string | null
  /** Units for sale; null when stock is not tracked (unlimited on eCom). */
  quantity: number | null
  optionValues: string[]
  /** POS stock per outlet behind `quantity`, so a catch-up can tell a stock record apart. */
  outletStock: OutletLevel[]
}

/** What eCom holds from Retail POS for one linked product. */
export interface SyncedSnapshot {
  name: string
  isActive: boolean
  /** [] for a standard product: its one variant's SKU, price and stock live on the product. */
  optionNames: string[]
  /** The product's own price: a family's lowest, as the first upload set it. */
  price: string | null
  /** The product's own stock: a family's sum over variants. */
  quantity: number | null
  variants: SyncedVariant[]
}

/** The snapshot of a product exactly as the first upload wrote it. */
export function snapshotOf(p: CatalogProduct): SyncedSnapshot {
  const variants = p.variants.map(syncedVariant)

  return {
    name: p.name,
    isActive: p.isActive,
    optionNames: [...p.optionNames],
    ...shown(p.optionNames, variants),
    variants,
  }
}

/**
 * The snapshot after a sale eCom took and Retail POS now records: eCom already lowered its own
 * stock, so the POS stock change that follows must not be sent back to it. `outlet` is the
 * outlet's stock as the sale left it in Retail POS. A negative `quantity` is a return.
 */
export function snapshotAfterSale(
  snapshot: SyncedSnapshot,
  posId: string,
  quantity: number,
  outlet?: OutletLevel,
): SyncedSnapshot {
  const sold = (units: number | null) => (units === null ? null : Math.max(0, units - quantity))
  const withOutlet = (stock: OutletLevel[]) =>
    outlet ? [...stock.filter((s) => s.outletId !== outlet.outletId), { ...outlet }] : stock
  const before = snapshot.variants.find((v) => v.posId === posId)

  if (!before) return snapshot

  const after = sold(before.quantity)
  const variants = snapshot.variants.map((v) =>
    v === before ? { ...v, quantity: after, outletStock: withOutlet(v.outletStock) } : v,
  )

  if (snapshot.optionNames.length === 0) {
    return { ...snapshot, variants, quantity: sold(snapshot.quantity) }
  }

  // A family's own stock is the sum of its variants' (each at least 0), as the next sync works
  // it out: it follows the variant by what the sale moved, or that sync would send the sum.
  const moved = Math.max(0, before.quantity ?? 0) - Math.max(0, after ?? 0)

  return {
    ...snapshot,
    variants,
    quantity: snapshot.quantity === null ? null : Math.max(0, snapshot.quantity - moved),
  }
}

/**
 * A snapshot read back from the eCom product, for a link made before snapshots were kept:
 * whatever eCom shows now counts as synced, so only what differs from POS is written.
 */
export function snapshotFromEcom(
  product: EcomProduct,
  linked: readonly LinkedVariantIds[],
  optionNames: readonly string[],
): SyncedSnapshot {
  const combinations = product.combinations ?? []
  const isStandard = combinations.length === 0
  const matched = matchCombinations(product, linked)
  const productQuantity = product.unlimited ? null : clampStock(product.quantity)
  const variants = linked.flatMap((link): SyncedVariant[] => {
    if (isStandard) {
      return linked.length === 1
        ? [
            {
              posId: link.posId,
              sku: skuKey(product.sku),
              price: toDecimalString(product.price),
              quantity: productQuantity,
              optionValues: [],
              outletStock: [],
            },
          ]
        : []
    }

    const id = matched.get(link.posId)
    const c = combinations.find((candidate) => candidate.id != null && String(candidate.id) === id)

    if (!c) return []

    const isUnlimited = c.unlimited ?? product.unlimited ?? false
    const values = new Map(
      (c.options ?? []).map((o) => [optionNameKey(o.name), cleanText(o.value)] as const),
    )

    return [
      {
        posId: link.posId,
        sku: skuKey(c.sku),
        price: toDecimalString(c.price ?? product.price),
        quantity: isUnlimited ? null : clampStock(c.quantity ?? product.quantity),
        optionValues: optionNames.map((name) => values.get(optionNameKey(name)) ?? ''),
        outletStock: [],
      },
    ]
  })

  return {
    name: cleanText(product.name),
    isActive: product.enabled !== false,
    optionNames: isStandard ? [] : [...optionNames],
    price: toDecimalString(product.price),
    quantity: productQuantity,
    variants,
  }
}

export interface LinkedVariantIds {
  posId: string
  /** null for a standard product, or when the id was not known when the link was made. */
  ecomCombinationId: string | null
  sku: string
}

/**
 * The eCom combination of each linked POS variant: the recorded id when eCom still has it,
 * otherwise the combination with the variant's SKU. Absent when eCom has neither (the merchant
 * deleted that variant online).
 */
export function matchCombinations(
  product: EcomProduct,
  linked: readonly LinkedVariantIds[],
): Map<string, string> {
  const combinations = (product.combinations ?? []).filter((c) => c.id != null)
  const ids = new Map<string, string>()

  for (const link of linked) {
    const byId = combinations.find((c) => String(c.id) === link.ecomCombinationId)
    const found = byId ?? combinations.find((c) => sameSku(c.sku, link.sku))

    if (found) ids.set(link.posId, String(found.id))
  }

  return ids
}

export function syncedVariant(v: CatalogVariant): SyncedVariant {
  return {
    posId: v.sourceId,
    sku: v.sku,
    price: v.price,
    quantity: v.quantity,
    optionValues: [...v.optionValues],
    outletStock: v.outletStock.map((s) => ({ ...s })),
  }
}

export /** The product's own price and stock: the variant's for a standard product, else lowest and sum. */
function shown(
  optionNames: readonly string[],
  variants: readonly SyncedVariant[],
): Pick<SyncedSnapshot, 'price' | 'quantity'> {
  if (optionNames.length === 0) {
    const [only] = variants

    return { price: only?.price ?? null, quantity: only?.quantity ?? null }
  }

  const prices = variants.flatMap((v) => (v.price === null ? [] : [v.price]))
  const lowest = prices.reduce<string | null>(
    (low, next) => (low === null || compareDecimals(next, low) < 0 ? next : low),
    null,
  )
  const isUntracked = variants.length > 0 && variants.every((v) => v.quantity === null)
  const sum = variants.reduce((total, v) => total + Math.max(0, v.quantity ?? 0), 0)

  return { price: lowest, quantity: isUntracked ? null : sum }
}
