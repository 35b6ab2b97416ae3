/**
 * Brings linked eCom products in step with Retail POS, the system of record: for each link marked
 * dirty (by a webhook hint or the catch-up), the POS family is read again, compared with what
 * was last sent (src/sync/changes.ts), and only the difference is written to eCom. Nothing is
 * written twice: the snapshot records each write eCom accepted.
 */
import { isNotFound, isUpstreamError } from '../../../connectors/shared/upstream-error'
import { changesForEcom, snapshotAfter, type EcomChange } from '../../../sync/changes'
import type { SyncedSnapshot } from '../../../sync/changes-snapshot'
import { fromPosFamily } from '../../../sync/from-pos'
import type { CatalogProduct } from '../../../sync/model'
import type { PosInventoryRecord, PosProduct } from '../../../sync/pos-shapes'
import { readPosFamily } from '../../store/pos-catalog-store'
import { recordProductEvents, type NewProductEvent } from '../../store/product-events-store'
import type { LinkRow } from '../../store/schema'
import { claimDirtyLinks, endTurn, saveSnapshot, type DirtyLink } from '../../store/sync-store'
import { hasActiveUpload, setLinkState } from '../../store/sync-store-links'
import type { AppContext } from '../context'
import { refreshPosCatalog } from '../pos-catalog'
import { changesWords } from './change-words'
import { EcomTarget } from './ecom-target'
import { retryAt } from './retry'
import { posReadContext } from '../stock-outlets'
import { becauseOf, syncFailureReason } from '../upstream-words'
import { SettingError } from '../../errors'

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
      await recordFailure(ctx, claim.link, message, error)
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
  const reading = await posReadContext(ctx, first.link.store_id)
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
    const posNow = fromPosFamily(members, inventory, reading)

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

  const reading = await posReadContext(ctx, storeId)
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
    reading,
  )

  await syncLink(ctx, claim, posNow)
}

// LIMITATION: deleting only the parent of a family through the API leaves its variants alive
// under a new parent; the link then reads as deleted in Retail POS, though the variants live on.
async function markDeletedInPos(ctx: AppContext, claim: DirtyLink) {
  if (claim.link.state !== 'deleted_in_pos') {
    await recordProductEvents(ctx.db, [event(claim.link, 'notice', DELETED_IN_POS)])
  }
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
    await recordFailure(ctx, link, GONE_ON_ECOM)
    await setLinkState(ctx.db, link.id, 'failed', GONE_ON_ECOM)
    await endTurn(ctx.db, claim, { done: true })

    return
  }

  const result = changesForEcom(snapshot, posNow, { currencyPrecision: precision })
  const applied: EcomChange[] = []
  const problems: string[] = []
  let lastError: unknown

  for (const change of result.changes) {
    try {
      await target.write(change)
      applied.push(change)
    } catch (error) {
      if (!isUpstreamError(error)) throw error
      if (isNotFound(error) && (change.kind === 'product' || change.kind === 'product-sku')) {
        await recordFailure(ctx, link, GONE_ON_ECOM, error)
        await setLinkState(ctx.db, link.id, 'failed', GONE_ON_ECOM)
        await endTurn(ctx.db, claim, { done: true })

        return
      }
      problems.push(`${whatFailed(change)}${becauseOf(error)}.`)
      lastError = error
    }
  }

  await saveSnapshot(ctx.db, link, snapshotAfter(result.base, applied))
  if (applied.length > 0) {
    await recordProductEvents(ctx.db, [
      event(
        link,
        'done',
        `Written to eCom after a change in Retail POS: ${changesWords(applied, result.base)}.`,
      ),
    ])
    ctx.log.info(
      { linkId: link.id, writes: applied.map((c) => c.kind) },
      'eCom product updated from Retail POS',
    )
  }

  if (problems.length > 0) {
    const message = [...problems, ...result.heldBack].join(' ')

    await recordFailure(ctx, link, message, lastError)
    await setLinkState(ctx.db, link.id, 'failed', message, posNow.name)
    await endTurn(ctx.db, claim, { done: false, retryAt: retryAt(claim.attempts) })

    return
  }
  // Only the merchant can mend what is held back (a SKU in Retail POS), and that change brings
  // the link back: no retry until then.
  if (result.heldBack.length > 0) {
    const message = result.heldBack.join(' ')

    await recordFailure(ctx, link, message)
    await setLinkState(ctx.db, link.id, 'failed', message, posNow.name)
    await endTurn(ctx.db, claim, { done: true })

    return
  }

  await setLinkState(ctx.db, link.id, 'synced', null, posNow.name)
  await endTurn(ctx.db, claim, { done: true })
}

function event(
  link: LinkRow,
  outcome: NewProductEvent['outcome'],
  summary: string,
  detail: string | null = null,
): NewProductEvent {
  return {
    store_id: link.store_id,
    link_id: link.id,
    pos_product_id: link.pos_product_id,
    ecom_product_id: link.ecom_product_id,
    origin: 'pos-change',
    direction: 'pos-to-ecom',
    run_id: null,
    outcome,
    summary,
    detail,
  }
}

/** A failure goes into the product's history once, not again at each retry that meets it. */
async function recordFailure(ctx: AppContext, link: LinkRow, message: string, error?: unknown) {
  if (link.state === 'failed' && link.last_error === message) return
  const detail = isUpstreamError(error) ? JSON.stringify(error.toJSON()) : null

  await recordProductEvents(ctx.db, [event(link, 'failed', message, detail)])
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
      return `eCom did not add the new variant ${change.body.sku}`
  }
}

function wordsFor(error: unknown): string {
  if (error instanceof SettingError) return `${error.message} The next sync tries again.`
  if (isUpstreamError(error)) return syncFailureReason(error)

  return 'Something went wrong on our side while syncing this product. The next sync tries again.'
}
