/**
 * One product of an upload, start to end: read it from the source, check and map it with the
 * sync rules, look its SKU up on the target, then link or create, recording the link the moment
 * the target's id is known. Every failure a merchant can act on becomes the item's outcome; the
 * other products go on.
 *
 * SKUs are looked up in what the run read once (eCom's catalog page by page, Retail POS's local
 * index), not with a request per product; a live lookup is left only where the snapshot cannot
 * tell: a create refused as a duplicate, or one whose outcome is unknown (cases C1, C2).
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
import {
  deleteLink,
  findLinkByEcom,
  findLinkByPos,
  saveLink,
  setVariantLinks,
} from '../store/link-store'
import { findPosProductsBySku, isLivePosProduct, readPosFamily } from '../store/pos-catalog-store'
import { type ItemOutcome, recordOutcome } from '../store/run-store'
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

function refusedOrNull(
  p: CatalogProduct,
  direction: 'pos-to-ecom' | 'ecom-to-pos',
): ItemOutcome | null {
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
  const product = fromPosFamily(
    members.map((m) => JSON.parse(m.body) as PosProduct),
    inventory.map((i) => ({
      product_id: i.product_id,
      outlet_id: i.outlet_id,
      inventory_level: i.level,
    })),
    await r.posReading(),
  )
  Object.assign(seen, labelOf(product))
  const refused = refusedOrNull(product, 'pos-to-ecom')
  if (refused) return refused
  const ecom = await r.ecom()
  const index = await r.ecomIndex()
  const label = labelOf(product)

  const linked = await findLinkByPos(db, r.storeId, product.sourceId)
  if (linked) {
    const linkedId = Number(linked.ecom_product_id)
    const there = index ? index.has(linkedId) : (await ecom.getProduct(linkedId)) !== null
    if (there) {
      return {
        status: 'linked',
        targetId: linked.ecom_product_id,
        reasons: ['Already linked to this eCom product.'],
        ...label,
      }
    }
    // Case C6: the linked eCom product was deleted; match again by SKU or create it once.
    await deleteLink(db, linked.id)
  }

  const firstSku = firstSkuOf(product)
  const match = index ? index.find(firstSku) : await findOnEcom(r, product)
  if (match) return linkToEcom(r, product, match, 'linked')

  const { precision } = await r.ecomSettings()
  const body = toEcomCreate(product, {
    categoryIds: await r.categoryIdsFor(tagsForUpload(product)),
    currencyPrecision: precision,
  })
  const writes = await r.ecomWrites()
  let ecomId: number
  try {
    // A product without any SKU is never batched: only a SKU can tell whether a batch whose
    // answer was lost created it, so it goes alone, as before.
    ecomId = firstSku === '' ? await ecom.createProduct(body) : await writes.createProduct(body)
  } catch (error) {
    // Case C2: the create may have happened without an answer; the SKU tells.
    if (
      isUpstreamError(error) &&
      (error.outcomeUnknown || error.vendorCode === 'SKU_ALREADY_EXISTS')
    ) {
      const found = await findOnEcom(r, product)
      if (found) return linkToEcom(r, product, found, error.outcomeUnknown ? 'created' : 'linked')
    }
    throw error
  }
  index?.add({
    id: ecomId,
    sku: body.sku ?? null,
    combinations: product.variants.map((v) => ({ sku: v.sku })),
  })
  await saveLink(db, {
    storeId: r.storeId,
    posProductId: product.sourceId,
    ecomProductId: String(ecomId),
    name: product.name,
    sku: label.sku,
    variants: product.variants.map((v) => ({
      posProductId: v.sourceId,
      ecomCombinationId: null,
      sku: v.sku,
    })),
  })
  const reasons = uploadWarnings(product, 'pos-to-ecom').map((w) => w.message)
  // The outcome is the create's: it is recorded now, as the batch's answer comes in, not after
  // the images; the worker records it again with any image warnings once they are added.
  await recordOutcome(
    db,
    item.id,
    { status: 'created', targetId: String(ecomId), reasons, ...label },
    undefined,
    { keepLease: true },
  )
  const addImage = async (url: string, position: number) => {
    try {
      await writes.addImage(ecomId, url, position === 0)
    } catch (error) {
      if (!isUpstreamError(error)) throw error
      reasons.push(`An image could not be added (${url}): ${error.message}`)
    }
  }
  // Batched, the images and the read below go in one batch, which runs them in order; one
  // request each, they go one after the other so the gallery keeps the Retail POS order.
  const urls = imagesForEcom(product)
  const images = writes.batched
    ? Promise.all(urls.map(addImage))
    : urls.reduce(
        (done, url, position) => done.then(() => addImage(url, position)),
        Promise.resolve(),
      )
  // Only a product with variations needs a read back: the create answers no variation ids.
  const combinations =
    product.optionNames.length > 0 ? readCombinations(writes, ecomId, reasons) : null
  await images
  const created = await combinations
  if (created) {
    await setVariantLinks(
      db,
      r.storeId,
      product.sourceId,
      variantPairs(product, { id: ecomId, combinations: created }),
    )
  }

  return { status: 'created', targetId: String(ecomId), reasons, ...label }
}

/** The first non-blank SKU of the product's variants: what it is matched by. */
function firstSkuOf(product: CatalogProduct): string {
  return product.variants.find((v) => v.sku !== '')?.sku ?? ''
}

async function readCombinations(
  writes: Awaited<ReturnType<RunResources['ecomWrites']>>,
  ecomId: number,
  reasons: string[],
) {
  try {
    return await writes.listCombinations(ecomId)
  } catch (error) {
    if (!isUpstreamError(error)) throw error
    reasons.push(`The variants' eCom ids could not be read yet: ${error.message}`)

    return null
  }
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
    reasons:
      status === 'linked' ? [`Linked to the eCom product with the same SKU (#${target.id}).`] : [],
    ...labelOf(product),
  }
}

// --- eCom → Retail POS ----------------------------------------------------------------------

async function ecomToPos(r: RunResources, item: RunItemRow, seen: Seen): Promise<ItemOutcome> {
  const { db } = r.ctx
  const ecom = await r.ecom()
  const raw = (await ecom.getProduct(Number(item.source_id))) as EcomProduct | null
  if (!raw) {
    return {
      status: 'failed',
      reasons: ['This product was deleted on eCom before it could be uploaded.'],
    }
  }
  const product = fromEcomProduct(raw, await r.categoryNamesFor(raw.categoryIds ?? []))
  Object.assign(seen, labelOf(product))
  const refused = refusedOrNull(product, 'ecom-to-pos')
  if (refused) return refused
  const pos = await r.pos()
  const label = labelOf(product)
  await r.posIndexReady()

  const linked = await findLinkByEcom(db, r.storeId, product.sourceId)
  if (linked) {
    if (await isLivePosProduct(db, r.storeId, linked.pos_product_id)) {
      return {
        status: 'linked',
        targetId: linked.pos_product_id,
        reasons: ['Already linked to this Retail POS product.'],
        ...label,
      }
    }
    await deleteLink(db, linked.id)
  }

  const match = await findInPosIndex(r, product)
  if (match) return linkToPos(r, product, match, 'linked')

  const settings = await r.posSettings()
  const body = toPosCreate(product, {
    tagIds: await r.tagIdsFor(tagsForUpload(product)),
    attributeIdsByName: await r.attributeIdsFor(product.optionNames),
    outletId: await r.outletId(),
    taxExclusive: settings.taxExclusive,
  })
  let ids: string[]
  try {
    // The rules' body is stricter than the connector's (exactly one price); it is the same wire body.
    ids = await pos.createProduct(body as unknown as Parameters<typeof pos.createProduct>[0])
  } catch (error) {
    // Case C2, or a SKU Retail POS took since the index was read (409/422): a live lookup settles it.
    const settle =
      isUpstreamError(error) &&
      (error.outcomeUnknown || error.status === 409 || error.status === 422)
    const found = settle ? await findOnPosLive(r, product) : null
    if (found && isUpstreamError(error))
      return linkToPos(r, product, found, error.outcomeUnknown ? 'created' : 'linked')
    throw error
  }
  const created = await createdFamily(r, product, body.name, ids)
  if (!created) {
    return {
      status: 'failed',
      reasons: ['Retail POS accepted the product but it could not be found afterwards. Retry it.'],
      ...label,
    }
  }

  return linkToPos(r, product, created, 'created')
}

/** A Retail POS family as linking needs it: the parent's id and every member's id and SKU. */
interface PosFamilyRef {
  familyId: string
  members: { id: string; sku?: string | null }[]
}

/**
 * What a create made. A standard product is the one id the create answers. A family's answer
 * does not say which id is the parent, so one read of the family by its name (unique to one
 * family) tells, instead of a SKU lookup and a family read.
 */
async function createdFamily(
  r: RunResources,
  product: CatalogProduct,
  name: string,
  ids: string[],
): Promise<PosFamilyRef | null> {
  if (product.optionNames.length === 0 && ids.length === 1) {
    return {
      familyId: ids[0] as string,
      members: [{ id: ids[0] as string, sku: product.variants[0]?.sku }],
    }
  }
  const pos = await r.pos()
  const members = (await pos.listFamilyMembers(name)).filter(
    (m) => ids.includes(m.id) && !m.deleted_at,
  )
  const parent = members.find((m) => !m.variant_parent_id)
  if (parent) return { familyId: parent.id, members }
  const found = await findOnPosLive(r, product)

  return found
}

/** The family holding the product's first SKU in the local index (read once per run). */
async function findInPosIndex(
  r: RunResources,
  product: CatalogProduct,
): Promise<PosFamilyRef | null> {
  const sku = firstSkuOf(product)
  if (sku === '') return null
  const [hit] = await findPosProductsBySku(r.ctx.db, r.storeId, sku)
  if (!hit) return null
  const { members } = await readPosFamily(r.ctx.db, r.storeId, hit.family_id)

  return { familyId: hit.family_id, members: members.filter((m) => m.deleted === 0) }
}

/** The family holding the product's first SKU, asked of Retail POS itself. */
async function findOnPosLive(
  r: RunResources,
  product: CatalogProduct,
): Promise<PosFamilyRef | null> {
  const pos = await r.pos()
  const sku = firstSkuOf(product)
  if (sku === '') return null
  const target = ((await pos.findProductsBySku(sku)) as PosProduct[]).find((p) => !p.deleted_at)
  if (!target) return null
  const familyId = target.variant_parent_id || target.id
  const family = await pos.getFamily(familyId)

  return { familyId, members: family ? [family.parent, ...family.children] : [target] }
}

async function linkToPos(
  r: RunResources,
  product: CatalogProduct,
  target: PosFamilyRef,
  status: 'linked' | 'created',
): Promise<ItemOutcome> {
  const { familyId, members } = target
  const variants = product.variants.map((v) => {
    const member = members.find((m) => sameSku(m.sku, v.sku))

    return {
      posProductId: member?.id ?? familyId,
      ecomCombinationId: v.sourceId === product.sourceId ? null : v.sourceId,
      sku: v.sku,
    }
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
