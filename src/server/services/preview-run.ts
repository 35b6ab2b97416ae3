/**
 * What an upload would do, before anything is written: how many products it would create, link
 * to a product of the other side with the same SKU, or refuse and why. It applies the same rules
 * as the upload (src/sync validateForUpload) to the same data, and looks SKUs up on the target
 * once for the whole selection: Retail POS in the local index, eCom page by page when that costs
 * fewer requests than one lookup per product.
 */
import {
  PREVIEW_REFUSED_LIMIT,
  type Direction,
  type RunPreview,
  type StartRunBody,
} from '../../contracts/api'
import type { EcomProduct } from '../../sync/ecom-shapes'
import { fromEcomProduct } from '../../sync/from-ecom'
import { fromPosFamily } from '../../sync/from-pos'
import type { CatalogProduct } from '../../sync/model'
import type { PosProduct } from '../../sync/pos-shapes'
import { validateForUpload } from '../../sync/validate'
import { findLinkedIds } from '../store/link-store'
import { pagePosFamilies, readPosFamilies } from '../store/pos-catalog-store'
import type { AppContext } from './context'
import { refreshPosCatalog } from './pos-catalog'
import { posReadContext } from './stock-outlets'
import { ecomSkusPresent, posSkusPresent } from './target-skus'

const CHUNK = 500
const ECOM_PAGE = 100

type Selection = StartRunBody['selection']
/** A product that passed the rules and has a SKU: linked or created depending on the target. */
type Candidate = { sku: string }

function createTally(direction: Direction) {
  const preview: RunPreview = { direction, total: 0, create: 0, link: 0, refuse: 0, refused: [] }

  return {
    preview,
    create() {
      preview.total += 1
      preview.create += 1
    },
    link() {
      preview.total += 1
      preview.link += 1
    },
    refuse(sourceId: string, name: string, sku: string, reasons: string[]) {
      preview.total += 1
      preview.refuse += 1
      if (preview.refused.length < PREVIEW_REFUSED_LIMIT) {
        preview.refused.push({ sourceId, name, sku, reasons })
      }
    },
  }
}

type Tally = ReturnType<typeof createTally>

function groupBy<T>(rows: T[], keyOf: (row: T) => string) {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const key = keyOf(row)
    const group = groups.get(key)
    if (group) group.push(row)
    else groups.set(key, [row])
  }

  return groups
}

function firstSku(product: CatalogProduct) {
  return product.variants.find((v) => v.sku !== '')?.sku ?? ''
}

/**
 * Decides one product that was read: refused by the rules, already linked, created (no SKU to
 * match), or a candidate whose SKU the target decides.
 */
function judge(
  tally: Tally,
  product: CatalogProduct,
  direction: Direction,
  linked: Set<string>,
): Candidate | null {
  const refusals = validateForUpload(product, direction)
  const sku = firstSku(product)
  if (refusals.length > 0) {
    tally.refuse(
      product.sourceId,
      product.name,
      sku,
      refusals.map((r) => r.message),
    )
    return null
  }
  if (linked.has(product.sourceId)) {
    tally.link()
    return null
  }
  if (sku === '') {
    tally.create()
    return null
  }

  return { sku }
}

export async function previewRun(
  ctx: AppContext,
  storeId: number,
  body: StartRunBody,
): Promise<RunPreview> {
  const tally = createTally(body.direction)
  const candidates =
    body.direction === 'pos-to-ecom'
      ? await readPosSelection(ctx, storeId, body.selection, tally)
      : await readEcomSelection(ctx, storeId, body.selection, tally)
  const skus = [...new Set(candidates.map((c) => c.sku))]
  const present =
    body.direction === 'pos-to-ecom'
      ? await ecomSkusPresent(await ctx.connections.ecom(storeId), skus)
      : await posSkusPresent(ctx, storeId, skus)
  for (const candidate of candidates) {
    if (present.has(candidate.sku)) tally.link()
    else tally.create()
  }

  return tally.preview
}

// --- Retail POS → eCom: the source is the local index -----------------------------------------

/** Every live family id of the index, read a page at a time. */
async function allPosFamilyIds(ctx: AppContext, storeId: number) {
  const ids: string[] = []
  for (;;) {
    const page = await pagePosFamilies(ctx.db, storeId, { after: ids.at(-1) ?? null, limit: 1000 })
    ids.push(...page.map((f) => f.family_id))
    if (page.length < 1000) return ids
  }
}

async function readPosSelection(
  ctx: AppContext,
  storeId: number,
  selection: Selection,
  tally: Tally,
) {
  await refreshPosCatalog(ctx, storeId)
  const ids =
    selection.kind === 'ids' ? [...new Set(selection.ids)] : await allPosFamilyIds(ctx, storeId)
  const reading = await posReadContext(ctx, storeId)
  const candidates: Candidate[] = []

  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK)
    const { members, inventory } = await readPosFamilies(ctx.db, storeId, chunk)
    const linked = await findLinkedIds(ctx.db, storeId, 'pos', chunk)
    const byFamily = groupBy(members, (m) => m.family_id)
    const familyOf = new Map(members.map((m) => [m.id, m.family_id]))
    const stockByFamily = groupBy(inventory, (row) => familyOf.get(row.product_id) ?? '')
    for (const familyId of chunk) {
      const family = byFamily.get(familyId) ?? []
      const parent = family.find((m) => m.is_parent === 1)
      if (!parent || parent.deleted) {
        const reason = 'This product is no longer in Retail POS.'
        tally.refuse(familyId, parent?.name ?? '', parent?.sku ?? '', [reason])
        continue
      }
      const product = fromPosFamily(
        family.map((m) => JSON.parse(m.body) as PosProduct),
        (stockByFamily.get(familyId) ?? []).map((row) => ({
          product_id: row.product_id,
          outlet_id: row.outlet_id,
          inventory_level: row.level,
        })),
        reading,
      )
      const candidate = judge(tally, product, 'pos-to-ecom', linked)
      if (candidate) candidates.push(candidate)
    }
  }

  return candidates
}

// --- eCom → Retail POS: the source is eCom's API, the target the local index ------------------

async function readEcomSelection(
  ctx: AppContext,
  storeId: number,
  selection: Selection,
  tally: Tally,
) {
  const ecom = await ctx.connections.ecom(storeId)
  const candidates: Candidate[] = []

  async function judgePage(items: EcomProduct[]) {
    const linked = await findLinkedIds(
      ctx.db,
      storeId,
      'ecom',
      items.map((p) => String(p.id)),
    )
    for (const raw of items) {
      const candidate = judge(tally, fromEcomProduct(raw, []), 'ecom-to-pos', linked)
      if (candidate) candidates.push(candidate)
    }
  }

  if (selection.kind === 'all') {
    for await (const page of ecom.iterateProducts({ sortBy: 'ADDED_TIME_ASC' })) {
      await judgePage(page.items as EcomProduct[])
    }

    return candidates
  }

  const ids = [...new Set(selection.ids)]
  for (let i = 0; i < ids.length; i += ECOM_PAGE) {
    const chunk = ids.slice(i, i + ECOM_PAGE)
    const numeric = chunk.filter((id) => /^\d+$/.test(id)).map(Number)
    const page =
      numeric.length === 0
        ? { items: [] }
        : await ecom.searchProducts({ productIds: numeric, limit: ECOM_PAGE })
    const items = page.items as EcomProduct[]
    const found = new Set(items.map((p) => String(p.id)))
    for (const id of chunk.filter((id) => !found.has(id))) {
      tally.refuse(id, '', '', ['This product is no longer on eCom.'])
    }
    await judgePage(items)
  }

  return candidates
}
