/**
 * What one run looks up once and reuses for all its items: the clients, the store settings,
 * the target's categories, tags, variant attributes and outlet, and the target's catalog by SKU.
 * Each name is created at most once even when several lanes need it at the same moment.
 */
import {
  batchedCatalogWrites,
  createEcomBatcher,
  directCatalogWrites,
  type EcomCatalogWrites,
} from '../../connectors/ecom/ecom-batcher'
import { tagKey } from '../../sync/text'
import { countItems, updateRun } from '../store/run-store'
import type { RunRow } from '../store/schema'
import { nowIso } from '../store/clock'
import type { EcomClient, PosClient, StoreSettings } from './connections'
import type { AppContext } from './context'
import { type EcomSkuIndex, readEcomSkuIndex } from './ecom-sku-index'
import { onlineOutlet } from './ongoing/sale-setting'
import { refreshPosCatalog } from './pos-catalog'
import { posReadContext } from './stock-outlets'
import type { PosReadContext } from '../../sync/from-pos'

export interface RunResources {
  ctx: AppContext
  run: RunRow
  storeId: number
  pos(): Promise<PosClient>
  ecom(): Promise<EcomClient>
  posSettings(): Promise<StoreSettings>
  /** How the store's Retail POS products are read: tax mode, outlets that stock eCom. */
  posReading(): Promise<PosReadContext>
  ecomSettings(): Promise<StoreSettings>
  /** eCom category ids for tag names, in order; missing categories are created. */
  categoryIdsFor(names: string[]): Promise<number[]>
  /** eCom category names for ids (unknown ids are left out). */
  categoryNamesFor(ids: number[]): Promise<string[]>
  /** Retail POS tag ids for names, in order; missing tags are created. */
  tagIdsFor(names: string[]): Promise<string[]>
  /** Retail POS variant attribute id for each option name; missing ones are created. */
  attributeIdsFor(names: string[]): Promise<Record<string, string>>
  /** The outlet that receives eCom's stock. */
  outletId(): Promise<string>
  /** How many items to work on at once: a whole batch when creates go out in batches. */
  laneCount(): Promise<number>
  /**
   * eCom's catalog by SKU, read once (POS → eCom) into the database; null when the catalog has
   * more pages than the run has items, so looking each item up costs fewer requests.
   */
  ecomIndex(): Promise<EcomSkuIndex | null>
  /** The run's eCom writes: through the Batch API for a run that fills a batch. */
  ecomWrites(): Promise<EcomCatalogWrites>
  /** Brings the local Retail POS index up to date once per run (eCom → POS looks SKUs up in it). */
  posIndexReady(): Promise<void>
  /** After an item: a run that waited on a rate limit is running again once the wait is over. */
  noteProgress(): Promise<void>
  /** Lets go of what the run's work in this process kept (the eCom catalog's reading). */
  release(): Promise<void>
}

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null

  return () => {
    value ??= load().catch((error: unknown) => {
      value = null
      throw error
    })

    return value
  }
}

/** A name → id map that creates what is missing, once per name. */
function namedIds<Id>(load: () => Promise<Map<string, Id>>, create: (name: string) => Promise<Id>) {
  const known = memo(load)
  const creating = new Map<string, Promise<Id>>()

  return async (name: string): Promise<Id> => {
    const key = tagKey(name)
    const map = await known()
    const hit = map.get(key)
    if (hit !== undefined) return hit
    let pending = creating.get(key)
    if (!pending) {
      pending = create(name).then((id) => {
        map.set(key, id)
        return id
      })
      pending.catch(() => creating.delete(key))
      creating.set(key, pending)
    }

    return pending
  }
}

export function createRunResources(ctx: AppContext, run: RunRow): RunResources {
  const storeId = run.store_id
  const pos = memo(() => ctx.connections.pos(storeId))
  const ecom = memo(() => ctx.connections.ecom(storeId))
  const ecomCategories = memo(async () => (await ecom()).listCategories())
  const category = namedIds(
    async () => new Map((await ecomCategories()).map((c) => [tagKey(c.name), c.id] as const)),
    async (name) => (await ecom()).createCategory(name),
  )
  const tag = namedIds(
    async () =>
      new Map((await (await pos()).listTags()).map((t) => [tagKey(t.name), t.id] as const)),
    async (name) => (await pos()).createTag(name),
  )
  const attribute = namedIds(
    async () =>
      new Map(
        (await (await pos()).listVariantAttributes()).map((a) => [tagKey(a.name), a.id] as const),
      ),
    async (name) => (await (await pos()).createVariantAttribute(name)).id,
  )

  const batchSize = ctx.config.uploadBatchSize
  const pendingItems = memo(
    async () => (await countItems(ctx.db, [run.id])).get(run.id)?.pending ?? 0,
  )
  // A batch pays off once it carries more than the submit and the polls it costs; a run that
  // fills one batch is worth it, a handful of products is quicker one request each.
  // LIMITATION: Ecwid does not document whether a batch's sub-requests count against its 600
  // requests a minute; the app counts a batch as one. If they count, sub-requests refused with
  // 429 go in the next batch, so the upload is slower but still exact (decision 003).
  const isBatched = memo(
    async () =>
      run.direction === 'pos-to-ecom' && batchSize > 1 && (await pendingItems()) >= batchSize,
  )

  let index: Promise<EcomSkuIndex | null> | null = null
  const ecomIndex = memo(async () => {
    if (run.direction !== 'pos-to-ecom') return null
    index = readEcomSkuIndex(ctx.db, await ecom(), {
      runId: run.id,
      maxPages: await pendingItems(),
    })

    return index
  })

  return {
    ctx,
    run,
    storeId,
    pos,
    ecom,
    laneCount: async () => ((await isBatched()) ? batchSize : ctx.config.uploadConcurrency),
    ecomIndex,
    async release() {
      const read = await index?.catch(() => null)
      await read?.drop()
    },
    ecomWrites: memo(async () =>
      (await isBatched())
        ? batchedCatalogWrites(createEcomBatcher(await ecom(), { maxBatch: batchSize }))
        : directCatalogWrites(await ecom()),
    ),
    posIndexReady: memo(() => refreshPosCatalog(ctx, storeId)),
    posSettings: () => ctx.connections.posSettings(storeId),
    posReading: memo(() => posReadContext(ctx, storeId)),
    ecomSettings: () => ctx.connections.ecomSettings(storeId),
    categoryIdsFor: (names) => Promise.all(names.map((n) => category(n))),
    async categoryNamesFor(ids) {
      const byId = new Map((await ecomCategories()).map((c) => [c.id, c.name]))

      return ids.flatMap((id) => byId.get(id) ?? [])
    },
    tagIdsFor: (names) => Promise.all(names.map((n) => tag(n))),
    async attributeIdsFor(names) {
      const ids = await Promise.all(names.map((n) => attribute(n)))

      return Object.fromEntries(names.map((n, i) => [n, ids[i] as string]))
    },
    // Stock from eCom lands in the outlet that serves the online store, where its sales take it.
    outletId: memo(async () => (await onlineOutlet(ctx, await pos(), storeId)).id),
    async noteProgress() {
      await ctx.db
        .updateTable('runs')
        .set({ status: 'running', waiting_until: null, updated_at: nowIso() })
        .where('id', '=', run.id)
        .where('status', '=', 'waiting')
        .where('waiting_until', '<=', nowIso())
        .execute()
    },
  }
}

/** Marks a store's running runs as waiting on a rate limit until the given time. */
export async function markWaiting(ctx: AppContext, storeId: number, until: Date) {
  const runs = await ctx.db
    .selectFrom('runs')
    .select('id')
    .where('store_id', '=', storeId)
    .where('status', 'in', ['running', 'waiting'])
    .execute()
  for (const { id } of runs) {
    await updateRun(ctx.db, id, { status: 'waiting', waiting_until: until.toISOString() })
  }
}
