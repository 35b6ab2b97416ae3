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
import { shown, syncedVariant, type SyncedSnapshot, type SyncedVariant } from './changes-snapshot'
import type { EcomCombinationCreate, EcomStockFields } from './ecom-shapes'
import type { CatalogProduct, CatalogVariant } from './model'
import { toEcomPrice } from './money'
import { cleanText } from './text'

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
   * What Retail POS has that cannot go to eCom until the merchant fixes it there, in plain words:
   * a new variant without a SKU (decision 010). Nothing is written for it.
   */
  heldBack: string[]
  /**
   * The snapshot before the changes, with what moved in POS without reaching eCom refreshed
   * (stock per outlet when the total is the same, price decimals beyond the currency's).
   */
  base: SyncedSnapshot
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
  if (posNow === null) return { deletedInPos: true, changes: [], heldBack: [], base: linkedBefore }

  const nowById = new Map(posNow.variants.map((v) => [v.sourceId, v]))
  const base: SyncedSnapshot = {
    ...linkedBefore,
    variants: linkedBefore.variants.map((v) => refreshed(v, nowById.get(v.posId), ctx)),
  }
  const isStandard = linkedBefore.optionNames.length === 0
  const changes = isStandard ? standardChanges(base, posNow, ctx) : familyChanges(base, posNow, ctx)

  return { deletedInPos: false, changes, heldBack: heldBackVariants(base, posNow), base }
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
    if (now.sku !== '' && now.sku !== synced.sku) skuChanges.push(variantSkuChange(synced, now))
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

/**
 * A variant's new SKU. A variation that had none sold from the product's stock (a link made
 * before decision 010); its own stock goes with the SKU it gets, so from then on it sells that.
 */
function variantSkuChange(synced: SyncedVariant, now: CatalogVariant): EcomChange {
  if (synced.sku !== '') {
    return {
      kind: 'variant-sku',
      posId: synced.posId,
      body: { sku: now.sku },
      synced: { variant: { posId: synced.posId, sku: now.sku } },
    }
  }

  return {
    kind: 'variant-sku',
    posId: synced.posId,
    body: { sku: now.sku, ...stockFields(now.quantity) },
    synced: {
      variant: {
        posId: synced.posId,
        sku: now.sku,
        quantity: now.quantity,
        outletStock: now.outletStock,
      },
    },
  }
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
    if (known.has(v.sourceId) || v.price === null || v.sku === '') return []
    if (v.optionValues.some((value) => value === '')) return []

    return [
      {
        kind: 'variant-added',
        posId: v.sourceId,
        body: {
          sku: v.sku,
          options: posNow.optionNames.map((name, i) => ({ name, value: v.optionValues[i] ?? '' })),
          price: toEcomPrice(v.price, ctx.currencyPrecision),
          ...stockFields(v.quantity),
        },
        synced: { added: syncedVariant(v) },
      },
    ]
  })
}

/**
 * Variants whose stock cannot reach eCom until they have a SKU in Retail POS: on eCom a variation
 * without a SKU sells from the whole product's stock, not the variant's (decision 010). A new one
 * is not added; one linked before that rule, whose variation has no SKU, keeps selling from the
 * product's stock. Adding the SKU in Retail POS is a change, and the sync that follows adds the
 * variant, or gives the variation the SKU with the variant's own stock.
 */
// LIMITATION: a variation created without a SKU before decision 010 sells from the product's stock
// until its variant gets a SKU in Retail POS; eCom ignores the quantity sent to it meanwhile.
function heldBackVariants(base: SyncedSnapshot, posNow: CatalogProduct): string[] {
  if (posNow.optionNames.length === 0) return []

  const synced = new Map(base.variants.map((v) => [v.posId, v]))

  return posNow.variants.flatMap((v) => {
    if (v.sku !== '') return []

    const before = synced.get(v.sourceId)
    const values = v.optionValues.filter((value) => value !== '').join(' / ')
    const name = values === '' ? `#${v.sourceId}` : values

    if (!before) {
      return [
        `New variant ${name} is not on eCom: it has no SKU in Retail POS, and on eCom a variant without a SKU sells from the whole product's stock. Add a SKU in Retail POS and it is added.`,
      ]
    }
    if (before.sku === '') {
      return [
        `Variant ${name} has no SKU in Retail POS or on eCom, so eCom sells it from the whole product's stock, not its own. Add a SKU in Retail POS and its own stock goes with it.`,
      ]
    }

    return []
  })
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

function priceDiffers(before: string | null, now: string, ctx: ChangeContext): boolean {
  if (before === null) return true

  return toEcomPrice(before, ctx.currencyPrecision) !== toEcomPrice(now, ctx.currencyPrecision)
}

function stockFields(quantity: number | null): EcomStockFields {
  return quantity === null
    ? { unlimited: true }
    : { quantity: Math.max(0, quantity), unlimited: false }
}
