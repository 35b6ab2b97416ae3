/**
 * After the upload, Retail POS is the system of record: what eCom must change when a linked POS
 * product changes (the article's rules table, POS → eCom). Only the name, SKU, price, stock and
 * availability move, and variants added in POS are added on eCom; description, images, tags,
 * brand, supplier and every other field stay as the first upload left them. A product deleted in
 * POS changes nothing on eCom (it may stay for sale online).
 *
 * Each link keeps a snapshot of what was last sent to eCom. A change is what differs between the
 * POS product now and that snapshot, so a second look at the same POS product changes nothing,
 * and an edit made on eCom stays until the same field changes in POS.
 */
import type { EcomCombinationCreate, EcomProduct, EcomStockFields } from './ecom-shapes'
import type { CatalogProduct, CatalogVariant } from './model'
import { compareDecimals, toDecimalString, toEcomPrice } from './money'
import type { PosInventoryRecord, PosProduct } from './pos-shapes'
import { clampStock, readStockLevel } from './stock'
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

export interface ChangeContext {
  /** Decimal places of the eCom currency: prices equal at this precision are not changes. */
  currencyPrecision: number
}

export type EcomProductPatch = {
  name?: string
  sku?: string
  price?: number
  enabled?: boolean
  quantity?: number
  unlimited?: boolean
}

export type EcomCombinationPatch = {
  sku?: string
  price?: number
  quantity?: number
  unlimited?: boolean
}

/** What one change makes true of the snapshot once eCom has accepted it. */
export interface SnapshotDelta {
  product?: Partial<Pick<SyncedSnapshot, 'name' | 'isActive' | 'price' | 'quantity'>>
  variant?: { posId: string } & Partial<Omit<SyncedVariant, 'posId'>>
  added?: SyncedVariant
}

/**
 * One eCom write. SKUs travel on their own, so a SKU eCom refuses (taken by another product)
 * does not hold back the stock and price that come with it.
 */
export type EcomChange =
  | { kind: 'product'; body: EcomProductPatch; synced: SnapshotDelta }
  | { kind: 'product-sku'; body: { sku: string }; synced: SnapshotDelta }
  | { kind: 'variant'; posId: string; body: EcomCombinationPatch; synced: SnapshotDelta }
  | { kind: 'variant-sku'; posId: string; body: { sku: string }; synced: SnapshotDelta }
  | { kind: 'variant-added'; posId: string; body: EcomCombinationCreate; synced: SnapshotDelta }

export interface EcomChanges {
  /** The POS product is gone: nothing changes on eCom and the link says so. */
  deletedInPos: boolean
  /** In the order they are best written: the product, its variants, SKUs, then new variants. */
  changes: EcomChange[]
  /**
   * The snapshot before the changes, with what moved in POS without reaching eCom refreshed
   * (stock per outlet when the total is the same, price decimals beyond the currency's).
   */
  base: SyncedSnapshot
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
 * What eCom must change for a linked product, given what was last synced and the POS family as
 * it is now (null when it was deleted in POS).
 */
export function changesForEcom(
  linkedBefore: SyncedSnapshot,
  posNow: CatalogProduct | null,
  ctx: ChangeContext = { currencyPrecision: 2 },
): EcomChanges {
  if (posNow === null) return { deletedInPos: true, changes: [], base: linkedBefore }

  const nowById = new Map(posNow.variants.map((v) => [v.sourceId, v]))
  const base: SyncedSnapshot = {
    ...linkedBefore,
    variants: linkedBefore.variants.map((v) => refreshed(v, nowById.get(v.posId), ctx)),
  }
  const isStandard = linkedBefore.optionNames.length === 0
  const changes = isStandard ? standardChanges(base, posNow, ctx) : familyChanges(base, posNow, ctx)

  return { deletedInPos: false, changes, base }
}

/** The snapshot once the given changes (those eCom accepted) are written. */
export function snapshotAfter(
  base: SyncedSnapshot,
  applied: readonly EcomChange[],
): SyncedSnapshot {
  let next: SyncedSnapshot = { ...base, variants: [...base.variants] }

  for (const { synced } of applied) {
    if (synced.product) next = { ...next, ...synced.product }
    if (synced.variant) {
      const { posId, ...fields } = synced.variant

      next.variants = next.variants.map((v) => (v.posId === posId ? { ...v, ...fields } : v))
    }
    if (synced.added && !next.variants.some((v) => v.posId === synced.added?.posId)) {
      next.variants = [...next.variants, synced.added]
    }
  }

  return next
}

/**
 * The snapshot after a sale eCom took and Retail POS now records: eCom already lowered its own
 * stock, so the POS stock change that follows must not be sent back to it. `outlet` is the
 * outlet's stock as the sale left it in Retail POS.
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
  const variants = snapshot.variants.map((v) =>
    v.posId === posId
      ? { ...v, quantity: sold(v.quantity), outletStock: withOutlet(v.outletStock) }
      : v,
  )
  const isStandard = snapshot.optionNames.length === 0
  const hasVariant = snapshot.variants.some((v) => v.posId === posId)

  // A family's own stock is a sum the next sync recomputes and sends; only the variant moved.
  return {
    ...snapshot,
    variants,
    quantity: isStandard && hasVariant ? sold(snapshot.quantity) : snapshot.quantity,
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

// --- how each change is found ------------------------------------------------------------

function standardChanges(
  base: SyncedSnapshot,
  posNow: CatalogProduct,
  ctx: ChangeContext,
): EcomChange[] {
  const [synced] = base.variants
  const now =
    (synced && posNow.variants.find((v) => v.sourceId === synced.posId)) ?? posNow.variants[0]
  const body: EcomProductPatch = {}
  const delta: SnapshotDelta = { product: {} }
  const changes: EcomChange[] = []

  productLevel(base, posNow, body, delta)

  if (now && synced) {
    const variantDelta: SnapshotDelta['variant'] = { posId: synced.posId }

    if (now.price !== null && priceDiffers(synced.price, now.price, ctx)) {
      body.price = toEcomPrice(now.price, ctx.currencyPrecision)
      Object.assign(delta.product ?? {}, { price: now.price })
      variantDelta.price = now.price
    }
    if (now.quantity !== synced.quantity) {
      Object.assign(body, stockFields(now.quantity))
      Object.assign(delta.product ?? {}, { quantity: now.quantity })
      Object.assign(variantDelta, { quantity: now.quantity, outletStock: now.outletStock })
    }
    delta.variant = variantDelta
  }

  if (Object.keys(body).length > 0) changes.push({ kind: 'product', body, synced: delta })

  if (now && synced && now.sku !== '' && now.sku !== synced.sku) {
    changes.push({
      kind: 'product-sku',
      body: { sku: now.sku },
      synced: { variant: { posId: synced.posId, sku: now.sku } },
    })
  }

  return [...changes, ...addedVariants(base, posNow, ctx)]
}

function familyChanges(
  base: SyncedSnapshot,
  posNow: CatalogProduct,
  ctx: ChangeContext,
): EcomChange[] {
  const variantChanges: EcomChange[] = []
  const skuChanges: EcomChange[] = []

  for (const synced of base.variants) {
    const now = posNow.variants.find((v) => v.sourceId === synced.posId)

    // A variant deleted in POS changes nothing on eCom, as a deleted product does not.
    if (!now) continue

    const body: EcomCombinationPatch = {}
    const variantDelta: SnapshotDelta['variant'] = { posId: synced.posId }

    if (now.price !== null && priceDiffers(synced.price, now.price, ctx)) {
      body.price = toEcomPrice(now.price, ctx.currencyPrecision)
      variantDelta.price = now.price
    }
    if (now.quantity !== synced.quantity) {
      Object.assign(body, stockFields(now.quantity))
      Object.assign(variantDelta, { quantity: now.quantity, outletStock: now.outletStock })
    }
    if (Object.keys(body).length > 0) {
      variantChanges.push({
        kind: 'variant',
        posId: synced.posId,
        body,
        synced: { variant: variantDelta },
      })
    }
    if (now.sku !== '' && now.sku !== synced.sku) {
      skuChanges.push({
        kind: 'variant-sku',
        posId: synced.posId,
        body: { sku: now.sku },
        synced: { variant: { posId: synced.posId, sku: now.sku } },
      })
    }
  }

  const added = addedVariants(base, posNow, ctx)
  const target = snapshotAfter(base, [...variantChanges, ...added])
  const body: EcomProductPatch = {}
  const delta: SnapshotDelta = { product: {} }

  productLevel(base, posNow, body, delta)

  // The family's own price and stock, as the first upload set them: lowest price, summed stock.
  const { price, quantity } = shown(target.optionNames, target.variants)

  if (price !== null && priceDiffers(base.price, price, ctx)) {
    body.price = toEcomPrice(price, ctx.currencyPrecision)
    Object.assign(delta.product ?? {}, { price })
  }
  if (quantity !== base.quantity) {
    Object.assign(body, stockFields(quantity))
    Object.assign(delta.product ?? {}, { quantity })
  }

  const product: EcomChange[] =
    Object.keys(body).length > 0 ? [{ kind: 'product', body, synced: delta }] : []

  return [...product, ...variantChanges, ...skuChanges, ...added]
}

/** Name and availability: the product-level fields of both kinds of product. */
function productLevel(
  base: SyncedSnapshot,
  posNow: CatalogProduct,
  body: EcomProductPatch,
  delta: SnapshotDelta,
) {
  const name = cleanText(posNow.name)

  // A blank name in POS is a mistake there; eCom keeps the name it has.
  if (name !== '' && name !== base.name) {
    body.name = name
    Object.assign(delta.product ?? {}, { name })
  }
  if (posNow.isActive !== base.isActive) {
    body.enabled = posNow.isActive
    Object.assign(delta.product ?? {}, { isActive: posNow.isActive })
  }
}

/** Variants in POS that eCom has not had from us, under the product's real option names. */
function addedVariants(
  base: SyncedSnapshot,
  posNow: CatalogProduct,
  ctx: ChangeContext,
): EcomChange[] {
  const known = new Set(base.variants.map((v) => v.posId))

  // Without option names a variant cannot be told apart on eCom: a standard product has none.
  if (posNow.optionNames.length === 0) return []

  return posNow.variants.flatMap((v): EcomChange[] => {
    if (known.has(v.sourceId) || v.price === null) return []
    if (v.optionValues.some((value) => value === '')) return []

    return [
      {
        kind: 'variant-added',
        posId: v.sourceId,
        body: {
          ...(v.sku === '' ? {} : { sku: v.sku }),
          options: posNow.optionNames.map((name, i) => ({ name, value: v.optionValues[i] ?? '' })),
          price: toEcomPrice(v.price, ctx.currencyPrecision),
          ...stockFields(v.quantity),
        },
        synced: { added: syncedVariant(v) },
      },
    ]
  })
}

function syncedVariant(v: CatalogVariant): SyncedVariant {
  return {
    posId: v.sourceId,
    sku: v.sku,
    price: v.price,
    quantity: v.quantity,
    optionValues: [...v.optionValues],
    outletStock: v.outletStock.map((s) => ({ ...s })),
  }
}

/**
 * What moved in POS without changing what eCom shows is taken into the snapshot as it is: stock
 * per outlet behind an unchanged total, and a price that rounds to the same eCom price.
 */
function refreshed(
  synced: SyncedVariant,
  now: CatalogVariant | undefined,
  ctx: ChangeContext,
): SyncedVariant {
  if (!now) return synced

  const samePrice = now.price !== null && !priceDiffers(synced.price, now.price, ctx)

  return {
    ...synced,
    ...(samePrice ? { price: now.price } : {}),
    ...(now.quantity === synced.quantity ? { outletStock: now.outletStock } : {}),
  }
}

/** The product's own price and stock: the variant's for a standard product, else lowest and sum. */
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

function priceDiffers(before: string | null, now: string, ctx: ChangeContext): boolean {
  if (before === null) return true

  return toEcomPrice(before, ctx.currencyPrecision) !== toEcomPrice(now, ctx.currencyPrecision)
}

function stockFields(quantity: number | null): EcomStockFields {
  return quantity === null
    ? { unlimited: true }
    : { quantity: Math.max(0, quantity), unlimited: false }
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
