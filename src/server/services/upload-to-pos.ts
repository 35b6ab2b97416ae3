/**
 * One eCom product uploaded to Retail POS: read from eCom, checked and mapped, matched by SKU in
 * the local Retail POS index (brought up to date first for an item taken over), then linked or
 * created.
 */
import { isUpstreamError } from '../../connectors/shared/upstream-error'
import type { EcomProduct } from '../../sync/ecom-shapes'
import { fromEcomProduct } from '../../sync/from-ecom'
import type { CatalogProduct } from '../../sync/model'
import type { PosProduct } from '../../sync/pos-shapes'
import { sameSku } from '../../sync/text'
import { toPosCreate } from '../../sync/to-pos'
import { tagsForUpload } from '../../sync/validate'
import { type ItemOutcome, LeaseLost, recordWithFence } from '../store/item-fence'
import { deleteLink, findLinkByEcom, saveLink } from '../store/link-store'
import { findPosProductsBySku, isLivePosProduct, readPosFamily } from '../store/pos-catalog-store'
import {
  firstSkuOf,
  holdBeforeCreate,
  isTakenOver,
  type ItemWork,
  labelOf,
  refusedOrNull,
} from './item-work'
import { refreshPosCatalog } from './pos-catalog'
import type { RunResources } from './run-resources'
import { noteStaleCreateAndSettle } from './stale-creates'

export async function ecomToPos(work: ItemWork): Promise<ItemOutcome> {
  const { r, item } = work
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
  Object.assign(work.seen, labelOf(product))
  const refused = refusedOrNull(product, 'ecom-to-pos')
  if (refused) return refused
  const pos = await r.pos()
  const label = labelOf(product)
  // Another worker may have created the product after this process read the index: read what
  // changed since (two requests when nothing did).
  await (isTakenOver(work) ? refreshPosCatalog(r.ctx, r.storeId) : r.posIndexReady())

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
  if (match) return linkToPos(work, product, match, 'linked')

  const settings = await r.posSettings()
  const body = toPosCreate(product, {
    tagIds: await r.tagIdsFor(tagsForUpload(product)),
    attributeIdsByName: await r.attributeIdsFor(product.optionNames),
    outletId: await r.outletId(),
    taxExclusive: settings.taxExclusive,
  })
  await holdBeforeCreate(work)
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
      return linkToPos(work, product, found, error.outcomeUnknown ? 'created' : 'linked')
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

  return linkToPos(work, product, created, 'created', { madeHere: true })
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

/**
 * Links the eCom product to a Retail POS family and records the outcome with the link, under the
 * item's fence. A family this worker just created (`madeHere`) that it can no longer record is
 * noted, so that it does not stay on Retail POS twice.
 */
async function linkToPos(
  work: ItemWork,
  product: CatalogProduct,
  target: PosFamilyRef,
  status: 'linked' | 'created',
  options: { madeHere?: boolean } = {},
): Promise<ItemOutcome> {
  const { r } = work
  const { familyId, members } = target
  const variants = product.variants.map((v) => {
    const member = members.find((m) => sameSku(m.sku, v.sku))

    return {
      posProductId: member?.id ?? familyId,
      ecomCombinationId: v.sourceId === product.sourceId ? null : v.sourceId,
      sku: v.sku,
    }
  })
  const outcome = await recordWithFence(
    r.ctx.db,
    work.fence,
    async (trx): Promise<ItemOutcome> => {
      const link = await saveLink(trx, {
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
    },
    { keepLease: true },
  )
  if (!outcome) {
    if (options.madeHere) await noteStaleCreateAndSettle(r, work.item, familyId)
    throw new LeaseLost(work.item.id)
  }

  return outcome
}
