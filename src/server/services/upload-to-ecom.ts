/**
 * One Retail POS product uploaded to eCom: read from the local index, checked and mapped, matched
 * by SKU (the run's reading of eCom's catalog, or eCom itself for an item taken over), then linked
 * or created, with its images and its variations' ids once the create has answered.
 */
import { isUpstreamError } from '../../connectors/shared/upstream-error'
import type { EcomProduct } from '../../sync/ecom-shapes'
import { fromPosFamily } from '../../sync/from-pos'
import type { CatalogProduct } from '../../sync/model'
import type { PosProduct } from '../../sync/pos-shapes'
import { sameSku } from '../../sync/text'
import { imagesForEcom, toEcomCreate } from '../../sync/to-ecom'
import { tagsForUpload, uploadWarnings } from '../../sync/validate'
import { type ItemOutcome, LeaseLost, recordWithFence } from '../store/item-fence'
import { deleteLink, findLinkByPos, saveLink, setVariantLinks } from '../store/link-store'
import { readPosFamily } from '../store/pos-catalog-store'
import type { EcomSkuIndex } from './ecom-sku-index'
import {
  firstSkuOf,
  holdBeforeCreate,
  isTakenOver,
  type ItemWork,
  labelOf,
  refusedOrNull,
} from './item-work'
import type { RunResources } from './run-resources'
import { noteStaleCreateAndSettle } from './stale-creates'

/** A product on eCom as linking needs it: its id and its variations' ids and SKUs. */
type EcomTarget = Pick<EcomProduct, 'id'> & {
  combinations?: { id?: number | null; sku?: string | null }[] | null
}

export async function posToEcom(work: ItemWork): Promise<ItemOutcome> {
  const { r, item } = work
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
  Object.assign(work.seen, labelOf(product))
  const refused = refusedOrNull(product, 'pos-to-ecom')
  if (refused) return refused
  const ecom = await r.ecom()
  // Another worker may have created the product after this process read eCom's catalog.
  const index = isTakenOver(work) ? null : await r.ecomIndex()
  const label = labelOf(product)

  const linked = await findLinkByPos(db, r.storeId, product.sourceId)
  if (linked) {
    const linkedId = Number(linked.ecom_product_id)
    const there =
      (index !== null && (await index.has(linkedId))) || (await ecom.getProduct(linkedId)) !== null
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
  const match = await findMatch(r, index, product)
  if (match) return linkToEcom(work, product, match, 'linked')

  const { precision } = await r.ecomSettings()
  const body = toEcomCreate(product, {
    categoryIds: await r.categoryIdsFor(tagsForUpload(product)),
    currencyPrecision: precision,
  })
  const writes = await r.ecomWrites()
  await holdBeforeCreate(work)
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
      if (found)
        return linkToEcom(work, product, found, error.outcomeUnknown ? 'created' : 'linked')
    }
    throw error
  }
  const reasons = uploadWarnings(product, 'pos-to-ecom').map((w) => w.message)
  // The outcome is the create's: it is recorded with the link as soon as the create (or its
  // batch) answers, not after the images; the worker records it again with any image warnings.
  const recorded = await recordWithFence(
    db,
    work.fence,
    async (trx) => {
      await saveLink(trx, {
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

      return { status: 'created', targetId: String(ecomId), reasons: [...reasons], ...label }
    },
    { keepLease: true },
  )
  if (!recorded) {
    await noteStaleCreateAndSettle(r, item, String(ecomId))
    throw new LeaseLost(item.id)
  }
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

/** The product eCom has with the product's first SKU: from the run's reading, or asked live. */
async function findMatch(
  r: RunResources,
  index: EcomSkuIndex | null,
  product: CatalogProduct,
): Promise<EcomTarget | null> {
  return index ? index.find(firstSkuOf(product)) : findOnEcom(r, product)
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

function variantPairs(product: CatalogProduct, target: EcomTarget) {
  return product.variants.map((v) => {
    const combination = (target.combinations ?? []).find((c) => sameSku(c.sku, v.sku))

    return {
      posProductId: v.sourceId,
      ecomCombinationId: combination?.id != null ? String(combination.id) : null,
      sku: v.sku,
    }
  })
}

/**
 * Links the product to one eCom already has and records the outcome with the link, under the
 * item's fence. A worker that lost the item writes neither.
 */
async function linkToEcom(
  work: ItemWork,
  product: CatalogProduct,
  target: EcomTarget,
  status: 'linked' | 'created',
): Promise<ItemOutcome> {
  const { r } = work
  const outcome = await recordWithFence(
    r.ctx.db,
    work.fence,
    async (trx): Promise<ItemOutcome> => {
      const link = await saveLink(trx, {
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
          status === 'linked'
            ? [`Linked to the eCom product with the same SKU (#${target.id}).`]
            : [],
        ...labelOf(product),
      }
    },
    { keepLease: true },
  )
  if (!outcome) {
    if (status === 'created') {
      // LIMITATION: a create whose answer was lost, sent by a worker that then lost the item to
      // another, is not deleted even if it went through: found by SKU, it cannot be told from a
      // product the merchant made meanwhile. Only a store that allows duplicate SKUs can end up
      // with two; the other worker's product is the one linked.
      r.ctx.log.warn(
        { runId: work.item.run_id, itemId: work.item.id, sku: labelOf(product).sku },
        'a create with no answer may have gone through after another worker took the item over',
      )
    }
    throw new LeaseLost(work.item.id)
  }

  return outcome
}
