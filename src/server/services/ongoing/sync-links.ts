/**
 * Brings linked eCom products in step with Retail POS, the system of record: for each link marked
 * dirty (by a webhook hint or the catch-up), the POS family is read again, compared with what
 * was last sent (src/sync/changes.ts), and only the difference is written to eCom. Nothing is
 * written twice: the snapshot records each write eCom accepted.
 */
import { isNotFound, isUpstreamError } from '../../../connectors/shared/upstream-error'
import {
  changesForEcom,
  matchCombinations,
  snapshotAfter,
  snapshotFromEcom,
  type EcomChange,
  type LinkedVariantIds,
  type SyncedSnapshot,
} from '../../../sync/changes'
import type { EcomProduct } from '../../../sync/ecom-shapes'
import { fromPosFamily } from '../../../sync/from-pos'
import type { CatalogProduct } from '../../../sync/model'
import type { PosInventoryRecord, PosProduct } from '../../../sync/pos-shapes'
import { sameSku } from '../../../sync/text'
import { readPosFamily } from '../../store/pos-catalog-store'
import type { LinkRow } from '../../store/schema'
import {
  claimDirtyLinks,
  endTurn,
  hasActiveUpload,
  listVariantLinks,
  saveSnapshot,
  saveVariantLink,
  setLinkState,
  type DirtyLink,
} from '../../store/sync-store'
import type { EcomClient } from '../connections'
import type { AppContext } from '../context'
import { refreshPosCatalog } from '../pos-catalog'
import { retryAt } from './retry'

const LEASE_MS = 120_000
/** How long a first sync waits for the store's upload to end before it looks again. */
const DEFER_MS = 30_000

const DELETED_IN_POS = 'Deleted in Retail POS. The eCom product stays for sale online as it is.'
const GONE_ON_ECOM =
  'The eCom product was deleted on eCom, so changes in Retail POS no longer reach it. ' +
  'Upload the product again to list it.'

/** Works up to `limit` dirty links, a POS family at a time; returns how many it took. */
export async function syncDirtyLinks(ctx: AppContext, limit = 20): Promise<number> {
  const claimed = await claimDirtyLinks(ctx.db, limit, LEASE_MS)
  const byFamily = new Map<string, DirtyLink[]>()

  for (const claim of claimed) {
    const group = byFamily.get(claim.link.pos_product_id) ?? []

    group.push(claim)
    byFamily.set(claim.link.pos_product_id, group)
  }

  for (const [familyId, group] of byFamily) {
    const known = group.filter((claim) => claim.snapshot !== null)

    if (known.length > 0) await guarded(ctx, known, () => syncFromApi(ctx, familyId, known))
    for (const claim of group.filter((c) => c.snapshot === null)) {
      await guarded(ctx, [claim], () => syncFirstTime(ctx, claim))
    }
  }

  return claimed.length
}

async function guarded(ctx: AppContext, claims: DirtyLink[], work: () => Promise<void>) {
  try {
    await work()
  } catch (error) {
    const message = wordsFor(error)

    ctx.log.warn(
      { err: error, linkIds: claims.map((c) => c.link.id) },
      'a linked product could not be synced',
    )
    for (const claim of claims) {
      await setLinkState(ctx.db, claim.link.id, 'failed', message)
      await endTurn(ctx.db, claim, { done: false, retryAt: retryAt(claim.attempts) })
    }
  }
}

/** A hint or a catch-up mark on a link synced before: the family is read again over the API. */
async function syncFromApi(ctx: AppContext, familyId: string, group: DirtyLink[]) {
  const [first] = group

  if (!first) return

  const pos = await ctx.connections.pos(first.link.store_id)
  const { taxExclusive } = await ctx.connections.posSettings(first.link.store_id)
  const family = await pos.getFamily(familyId)

  if (!family || family.parent.deleted_at) {
    for (const claim of group) await markDeletedInPos(ctx, claim)

    return
  }

  const members = [family.parent, ...family.children] as PosProduct[]
  const stock = new Map<string, PosInventoryRecord[]>()

  for (const claim of group) {
    for (const id of membersToRead(claim, members)) {
      if (stock.has(id)) continue

      const records = (await pos.getProductInventory(id)) ?? []

      stock.set(id, records as PosInventoryRecord[])
    }

    const inventory = members.flatMap(
      (m) => stock.get(m.id) ?? stockFromSnapshot(claim.snapshot, m.id),
    )
    const posNow = fromPosFamily(members, inventory, { taxExclusive })

    await syncLink(ctx, claim, posNow)
  }
}

/**
 * The first sync of a link since its upload. Retail POS is read from the store's local index,
 * brought up to date first (two requests when nothing changed), not product by product: after
 * an "Upload all" every link of the store comes this way at once, and the Retail POS rate limit
 * would make that take hours. eCom is read once per product, and whatever differs is written,
 * which also mends an upload that worked from a copy older than a change made during it.
 * Waits while an upload of the store runs, so the two never compete for the same limits.
 */
async function syncFirstTime(ctx: AppContext, claim: DirtyLink) {
  const storeId = claim.link.store_id

  if (await hasActiveUpload(ctx.db, storeId)) {
    await endTurn(ctx.db, claim, {
      done: false,
      retryAt: new Date(Date.now() + DEFER_MS),
      isDeferred: true,
    })

    return
  }

  await refreshPosCatalog(ctx, storeId)

  const { taxExclusive } = await ctx.connections.posSettings(storeId)
  const { members, inventory } = await readPosFamily(ctx.db, storeId, claim.link.pos_product_id)
  const parent = members.find((m) => m.id === claim.link.pos_product_id)

  if (!parent || parent.deleted) {
    await markDeletedInPos(ctx, claim)

    return
  }

  const posNow = fromPosFamily(
    members.map((m) => JSON.parse(m.body) as PosProduct),
    inventory.map((i) => ({
      product_id: i.product_id,
      outlet_id: i.outlet_id,
      inventory_level: i.level,
    })),
    { taxExclusive },
  )

  await syncLink(ctx, claim, posNow)
}

// LIMITATION: deleting only the parent of a family through the API leaves its variants alive
// under a new parent; the link then reads as deleted in Retail POS, though the variants live on.
async function markDeletedInPos(ctx: AppContext, claim: DirtyLink) {
  await setLinkState(ctx.db, claim.link.id, 'deleted_in_pos', DELETED_IN_POS)
  await endTurn(ctx.db, claim, { done: true })
}

/** Stock is read only for the members a mark names and new variants, or all when told. */
function membersToRead(claim: DirtyLink, members: PosProduct[]): string[] {
  const { snapshot } = claim

  if (!snapshot || claim.members === 'all') return members.map((m) => m.id)

  const known = new Set(snapshot.variants.map((v) => v.posId))
  const marked = new Set(claim.members)

  return members.filter((m) => marked.has(m.id) || !known.has(m.id)).map((m) => m.id)
}

function stockFromSnapshot(snapshot: SyncedSnapshot | null, posId: string): PosInventoryRecord[] {
  const variant = snapshot?.variants.find((v) => v.posId === posId)

  return (variant?.outletStock ?? []).map((s) => ({
    product_id: posId,
    outlet_id: s.outletId,
    inventory_level: s.level,
  }))
}

async function syncLink(ctx: AppContext, claim: DirtyLink, posNow: CatalogProduct) {
  const { link } = claim
  const ecom = await ctx.connections.ecom(link.store_id)
  const { precision } = await ctx.connections.ecomSettings(link.store_id)
  const target = new EcomTarget(ctx, ecom, link)
  const snapshot = claim.snapshot ?? (await target.snapshotFromEcom(posNow))

  if (!snapshot) {
    await setLinkState(ctx.db, link.id, 'failed', GONE_ON_ECOM)
    await endTurn(ctx.db, claim, { done: true })

    return
  }

  const result = changesForEcom(snapshot, posNow, { currencyPrecision: precision })
  const applied: EcomChange[] = []
  const problems: string[] = []

  for (const change of result.changes) {
    try {
      await target.write(change)
      applied.push(change)
    } catch (error) {
      if (!isUpstreamError(error)) throw error
      if (isNotFound(error) && (change.kind === 'product' || change.kind === 'product-sku')) {
        await setLinkState(ctx.db, link.id, 'failed', GONE_ON_ECOM)
        await endTurn(ctx.db, claim, { done: true })

        return
      }
      problems.push(`${whatFailed(change)}: ${error.message}`)
    }
  }

  await saveSnapshot(ctx.db, link, snapshotAfter(result.base, applied))
  if (applied.length > 0) {
    ctx.log.info(
      { linkId: link.id, writes: applied.map((c) => c.kind) },
      'eCom product updated from Retail POS',
    )
  }

  if (problems.length > 0) {
    await setLinkState(ctx.db, link.id, 'failed', problems.join(' '), posNow.name)
    await endTurn(ctx.db, claim, { done: false, retryAt: retryAt(claim.attempts) })

    return
  }

  await setLinkState(ctx.db, link.id, 'synced', null, posNow.name)
  await endTurn(ctx.db, claim, { done: true })
}

/** The linked eCom product: reads it at most once per turn, and knows its variations' ids. */
class EcomTarget {
  private online: EcomProduct | null | undefined
  private combinationIds = new Map<string, string | null>()
  private readonly productId: number

  constructor(
    private readonly ctx: AppContext,
    private readonly ecom: EcomClient,
    private readonly link: LinkRow,
  ) {
    this.productId = Number(link.ecom_product_id)
  }

  /** A link made before snapshots were kept starts from eCom as it is; null when it is gone. */
  async snapshotFromEcom(posNow: CatalogProduct): Promise<SyncedSnapshot | null> {
    const product = await this.read()

    if (!product) return null

    const linked = await this.linkedVariants(posNow)

    await this.rememberCombinations(product, linked)

    return snapshotFromEcom(product, linked, posNow.optionNames)
  }

  async write(change: EcomChange) {
    switch (change.kind) {
      case 'product':
        await this.ecom.updateProduct(this.productId, change.body)
        return
      case 'product-sku': {
        const posId = change.synced.variant?.posId

        await this.ecom.updateProduct(this.productId, change.body)
        if (posId) await this.rememberSku(posId, null, change.body.sku)

        return
      }
      case 'variant':
      case 'variant-sku': {
        const combinationId = await this.combinationOf(change.posId)

        // The merchant deleted this variant on eCom: it stays deleted there.
        if (combinationId === null) return

        try {
          await this.ecom.updateCombination(this.productId, Number(combinationId), change.body)
        } catch (error) {
          if (!isNotFound(error)) throw error
        }
        if (change.kind === 'variant-sku') {
          await this.rememberSku(change.posId, combinationId, change.body.sku)
        }

        return
      }
      case 'variant-added':
        await this.addVariant(change.posId, change.body)
        return
    }
  }

  private async addVariant(
    posId: string,
    body: Extract<EcomChange, { kind: 'variant-added' }>['body'],
  ) {
    let id: string

    try {
      id = String(await this.ecom.createCombination(this.productId, body))
    } catch (error) {
      // Already there (an earlier turn created it and stopped before recording, or the merchant
      // added it online): that variation becomes this variant's.
      if (!(isUpstreamError(error) && (error.status === 409 || error.outcomeUnknown))) throw error

      const existing = await this.findCombination(body.sku ?? '', body.options, true)

      if (!existing) throw error

      const { options: _options, ...fields } = body

      await this.ecom.updateCombination(this.productId, Number(existing), fields)
      id = existing
    }

    this.combinationIds.set(posId, id)
    await saveVariantLink(this.ctx.db, this.link, {
      posProductId: posId,
      ecomCombinationId: id,
      sku: body.sku ?? '',
    })
  }

  /** The links list finds a product by its SKUs, so they follow a SKU change. */
  private async rememberSku(posId: string, combinationId: string | null, sku: string) {
    await saveVariantLink(this.ctx.db, this.link, {
      posProductId: posId,
      ecomCombinationId: combinationId,
      sku,
    })
  }

  private async combinationOf(posId: string): Promise<string | null> {
    if (this.combinationIds.has(posId)) return this.combinationIds.get(posId) ?? null

    const links = await listVariantLinks(this.ctx.db, this.link.id)
    const known = links.find((v) => v.pos_product_id === posId)

    if (known?.ecom_combination_id) {
      this.combinationIds.set(posId, known.ecom_combination_id)

      return known.ecom_combination_id
    }

    const product = await this.read()
    const found = product
      ? matchCombinations(product, [{ posId, ecomCombinationId: null, sku: known?.sku ?? '' }]).get(
          posId,
        )
      : undefined

    this.combinationIds.set(posId, found ?? null)
    if (found) {
      await saveVariantLink(this.ctx.db, this.link, {
        posProductId: posId,
        ecomCombinationId: found,
        sku: known?.sku ?? '',
      })
    }

    return found ?? null
  }

  private async findCombination(
    sku: string,
    options: { name: string; value: string }[],
    fresh: boolean,
  ): Promise<string | null> {
    const product = await this.read(fresh)
    const sameOptions = (c: NonNullable<EcomProduct['combinations']>[number]) =>
      options.every((o) => (c.options ?? []).some((x) => x.name === o.name && x.value === o.value))
    const found = (product?.combinations ?? []).find((c) => sameSku(c.sku, sku) || sameOptions(c))

    return found?.id != null ? String(found.id) : null
  }

  private async linkedVariants(posNow: CatalogProduct): Promise<LinkedVariantIds[]> {
    const rows = await listVariantLinks(this.ctx.db, this.link.id)
    const linked = rows.map((v) => ({
      posId: v.pos_product_id,
      ecomCombinationId: v.ecom_combination_id,
      sku: v.sku,
    }))
    const [only] = posNow.variants

    // A link recorded without its variants: a standard product is its one variant.
    if (linked.length === 0 && posNow.optionNames.length === 0 && only) {
      return [{ posId: only.sourceId, ecomCombinationId: null, sku: only.sku }]
    }

    return linked
  }

  private async rememberCombinations(product: EcomProduct, linked: LinkedVariantIds[]) {
    const found = matchCombinations(product, linked)

    for (const variant of linked) {
      const id = found.get(variant.posId)

      this.combinationIds.set(variant.posId, id ?? null)
      if (id && id !== variant.ecomCombinationId) {
        await saveVariantLink(this.ctx.db, this.link, {
          posProductId: variant.posId,
          ecomCombinationId: id,
          sku: variant.sku,
        })
      }
    }
  }

  private async read(fresh = false): Promise<EcomProduct | null> {
    if (this.online === undefined || fresh) {
      this.online = (await this.ecom.getProduct(this.productId)) as EcomProduct | null
    }

    return this.online
  }
}

function whatFailed(change: EcomChange): string {
  switch (change.kind) {
    case 'product':
      return 'eCom did not take the update'
    case 'product-sku':
    case 'variant-sku':
      return `eCom did not take the new SKU "${change.body.sku}"`
    case 'variant':
      return 'eCom did not take the update of a variant'
    case 'variant-added':
      return `eCom did not add the new variant ${change.body.sku ?? ''}`.trimEnd()
  }
}

function wordsFor(error: unknown): string {
  if (isUpstreamError(error)) {
    const system = error.system === 'pos' ? 'Retail POS' : 'eCom'

    return `${system}: ${error.message}. The next sync tries again.`
  }

  return 'Something went wrong on our side while syncing this product. The next sync tries again.'
}
