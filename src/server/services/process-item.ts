/**
 * One product of an upload, start to end: read it from the source, check and map it with the
 * sync rules, look its SKU up on the target, then link or create, recording the link the moment
 * the target's id is known. Every failure a merchant can act on becomes the item's outcome; the
 * other products go on.
 */
import { isUpstreamError } from '../../connectors/shared/upstream-error'
import type { EcomProduct } from '../../sync/ecom-shapes'
import { fromEcomProduct } from '../../sync/from-ecom'
import { fromPosFamily } from '../../sync/from-pos'
import type { CatalogProduct } from '../../sync/model'
import type { PosProduct } from '../../sync/pos-shapes'
import { sameSku } from '../../sync/text'
import { imagesForEcom, toEcomCreate } from '../../sync/to-ecom'
import { toPosCreate } from '../../sync/to-pos'
import { tagsForUpload, uploadWarnings, validateForUpload } from '../../sync/validate'
import { deleteLink, findLinkByEcom, findLinkByPos, saveLink, setVariantLinks } from '../store/link-store'
import { readPosFamily } from '../store/pos-catalog-store'
import type { ItemOutcome } from '../store/run-store'
import type { RunItemRow } from '../store/schema'
import type { RunResources } from './run-resources'

export { createRunResources, type RunResources } from './run-resources'

/** The product's name and SKU once read, so a failure later on still says which product it was. */
type Seen = { name?: string; sku?: string }

export async function processItem(r: RunResources, item: RunItemRow): Promise<ItemOutcome> {
  const seen: Seen = {}
  try {
    return r.run.direction === 'pos-to-ecom'
      ? await posToEcom(r, item, seen)
      : await ecomToPos(r, item, seen)
  } catch (error) {
    if (!isUpstreamError(error)) throw error
    const system = error.system === 'pos' ? 'Retail POS' : 'eCom'

    return {
      status: 'failed',
      reasons: [`${system}: ${error.message}`],
      detail: JSON.stringify(error.toJSON()),
      ...seen,
    }
  }
}

function labelOf(p: CatalogProduct) {
  return { name: p.name, sku: p.variants[0]?.sku ?? '' }
}

function refusedOrNull(p: CatalogProduct, direction: 'pos-to-ecom' | 'ecom-to-pos'): ItemOutcome | null {
  const refusals = validateForUpload(p, direction)
  if (refusals.length === 0) return null

  return { status: 'refused', reasons: refusals.map((x) => x.message), ...labelOf(p) }
}

// --- Retail POS → eCom ----------------------------------------------------------------------

async function posToEcom(r: RunResources, item: RunItemRow, seen: Seen): Promise<ItemOutcome> {
  const { db } = r.ctx
  const { members, inventory } = await readPosFamily(db, r.storeId, item.source_id)
  const parent = members.find((m) => m.is_parent === 1)
  if (!parent || parent.deleted) {
    return {
      status: 'failed',
      name: parent?.name ?? item.name,
      reasons: ['This product was deleted in Retail POS before it could be uploaded.'],
    }
  }
  const settings = await r.posSettings()
  const product = fromPosFamily(
    members.map((m) => JSON.parse(m.body) as PosProduct),
    inventory.map((i) => ({ product_id: i.product_id, outlet_id: i.outlet_id, inventory_level: i.level })),
    { taxExclusive: settings.taxExclusive },
  )
  Object.assign(seen, labelOf(product))
  const refused = refusedOrNull(product, 'pos-to-ecom')
  if (refused) return refused
  const ecom = await r.ecom()
  const label = labelOf(product)

  const linked = await findLinkByPos(db, r.storeId, product.sourceId)
  if (linked) {
    const there = await ecom.getProduct(Number(linked.ecom_product_id))
    if (there) {
      return { status: 'linked', targetId: linked.ecom_product_id, reasons: ['Already linked to this eCom product.'], ...label }
    }
    // Case C6: the linked eCom product was deleted; match again by SKU or create it once.
    await deleteLink(db, linked.id)
  }

  const match = await findOnEcom(r, product)
  if (match) return linkToEcom(r, product, match, 'linked')

  const { precision } = await r.ecomSettings()
  const body = toEcomCreate(product, {
    categoryIds: await r.categoryIdsFor(tagsForUpload(product)),
    currencyPrecision: precision,
  })
  let ecomId: number
  try {
    ecomId = await ecom.createProduct(body)
  } catch (error) {
    // Case C2: the create may have happened without an answer; the SKU tells.
    if (isUpstreamError(error) && (error.outcomeUnknown || error.vendorCode === 'SKU_ALREADY_EXISTS')) {
      const found = await findOnEcom(r, product)
      if (found) return linkToEcom(r, product, found, error.outcomeUnknown ? 'created' : 'linked')
    }
    throw error
  }
  await saveLink(db, {
    storeId: r.storeId,
    posProductId: product.sourceId,
    ecomProductId: String(ecomId),
    name: product.name,
    sku: label.sku,
    variants: product.variants.map((v) => ({ posProductId: v.sourceId, ecomCombinationId: null, sku: v.sku })),
  })
  const reasons = uploadWarnings(product, 'pos-to-ecom').map((w) => w.message)
  for (const [index, url] of imagesForEcom(product).entries()) {
    try {
      if (index === 0) await ecom.addImageByUrl(ecomId, url)
      else await ecom.addGalleryImageByUrl(ecomId, url)
    } catch (error) {
      if (!isUpstreamError(error)) throw error
      reasons.push(`An image could not be added (${url}): ${error.message}`)
    }
  }
  // Only options make combinations whose ids the variant links need; a standard product's link
  // is complete already, and reading it back would cost a third request per product.
  const created = product.optionNames.length > 0 ? await ecom.getProduct(ecomId) : null
  if (created) await setVariantLinks(db, r.storeId, product.sourceId, variantPairs(product, created))

  return { status: 'created', targetId: String(ecomId), reasons, ...label }
}

async function findOnEcom(r: RunResources, product: CatalogProduct): Promise<EcomProduct | null> {
  const ecom = await r.ecom()
  const first = product.variants.find((v) => v.sku !== '')
  if (!first) return null
  const found = (await ecom.findProductsBySku(first.sku)) as EcomProduct[]

  return found[0] ?? null
}

function variantPairs(product: CatalogProduct, target: EcomProduct) {
  return product.variants.map((v) => {
    const combination = (target.combinations ?? []).find((c) => sameSku(c.sku, v.sku))

    return {
      posProductId: v.sourceId,
      ecomCombinationId: combination?.id != null ? String(combination.id) : null,
      sku: v.sku,
    }
  })
}

async function linkToEcom(
  r: RunResources,
  product: CatalogProduct,
  target: EcomProduct,
  status: 'linked' | 'created',
): Promise<ItemOutcome> {
  const link = await saveLink(r.ctx.db, {
    storeId: r.storeId,
    posProductId: product.sourceId,
    ecomProductId: String(target.id),
    name: product.name,
    sku: labelOf(product).sku,
    variants: variantPairs(product, target),
  })
  if (link.pos_product_id !== product.sourceId) {
    return {
      status: 'failed',
      ...labelOf(product),
      reasons: [
        `eCom product #${target.id} has this SKU but is already linked to another Retail POS product. ` +
          'Give one of the two products another SKU.',
      ],
    }
  }

  return {
    status,
    targetId: String(target.id),
    reasons: status === 'linked' ? [`Linked to the eCom product with the same SKU (#${target.id}).`] : [],
    ...labelOf(product),
  }
}

// --- eCom → Retail POS ----------------------------------------------------------------------

async function ecomToPos(r: RunResources, item: RunItemRow, seen: Seen): Promise<ItemOutcome> {
  const { db } = r.ctx
  const ecom = await r.ecom()
  const raw = (await ecom.getProduct(Number(item.source_id))) as EcomProduct | null
  if (!raw) {
    return { status: 'failed', reasons: ['This product was deleted on eCom before it could be uploaded.'] }
  }
  const product = fromEcomProduct(raw, await r.categoryNamesFor(raw.categoryIds ?? []))
  Object.assign(seen, labelOf(product))
  const refused = refusedOrNull(product, 'ecom-to-pos')
  if (refused) return refused
  const pos = await r.pos()
  const label = labelOf(product)

  const linked = await findLinkByEcom(db, r.storeId, product.sourceId)
  if (linked) {
    const there = await pos.getProduct(linked.pos_product_id)
    if (there && !there.deleted_at) {
      return { status: 'linked', targetId: linked.pos_product_id, reasons: ['Already linked to this Retail POS product.'], ...label }
    }
    await deleteLink(db, linked.id)
  }

  const match = await findOnPos(r, product)
  if (match) return linkToPos(r, product, match, 'linked')

  const settings = await r.posSettings()
  const body = toPosCreate(product, {
    tagIds: await r.tagIdsFor(tagsForUpload(product)),
    attributeIdsByName: await r.attributeIdsFor(product.optionNames),
    outletId: await r.outletId(),
    taxExclusive: settings.taxExclusive,
  })
  try {
    // The rules' body is stricter than the connector's (exactly one price); it is the same wire body.
    await pos.createProduct(body as unknown as Parameters<typeof pos.createProduct>[0])
  } catch (error) {
    if (!(isUpstreamError(error) && error.outcomeUnknown)) throw error
  }
  // The create answers with ids but not which is the family's parent; the SKU lookup says,
  // and it also settles a create whose answer never came (case C2).
  const created = await findOnPos(r, product)
  if (!created) {
    return {
      status: 'failed',
      reasons: ['Retail POS accepted the product but it could not be found afterwards. Retry it.'],
      ...label,
    }
  }

  return linkToPos(r, product, created, 'created')
}

async function findOnPos(r: RunResources, product: CatalogProduct): Promise<PosProduct | null> {
  const pos = await r.pos()
  const first = product.variants.find((v) => v.sku !== '')
  if (!first) return null
  const found = (await pos.findProductsBySku(first.sku)) as PosProduct[]

  return found.find((p) => !p.deleted_at) ?? null
}

async function linkToPos(
  r: RunResources,
  product: CatalogProduct,
  target: PosProduct,
  status: 'linked' | 'created',
): Promise<ItemOutcome> {
  const pos = await r.pos()
  const familyId = target.variant_parent_id || target.id
  const family = await pos.getFamily(familyId)
  const members = family ? [family.parent, ...family.children] : [target]
  const variants = product.variants.map((v) => {
    const member = members.find((m) => sameSku(m.sku, v.sku))

    return { posProductId: member?.id ?? familyId, ecomCombinationId: v.sourceId === product.sourceId ? null : v.sourceId, sku: v.sku }
  })
  const link = await saveLink(r.ctx.db, {
    storeId: r.storeId,
    posProductId: familyId,
    ecomProductId: product.sourceId,
    name: product.name,
    sku: labelOf(product).sku,
    variants,
  })
  if (link.ecom_product_id !== product.sourceId) {
    return {
      status: 'failed',
      ...labelOf(product),
      reasons: [
        'The Retail POS product with this SKU is already linked to another eCom product. ' +
          'Give one of the two products another SKU.',
      ],
    }
  }

  return {
    status,
    targetId: familyId,
    reasons: status === 'linked' ? ['Linked to the Retail POS product with the same SKU.'] : [],
    ...labelOf(product),
  }
}
