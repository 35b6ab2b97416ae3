/**
 * Before a run's items are worked: bring the source's data up to date and, for "Upload all",
 * record one item per product of the source, page by page, so no catalog is held in memory.
 */
import { addRunItems } from '../store/run-store'
import { pagePosFamilies } from '../store/pos-catalog-store'
import type { RunRow } from '../store/schema'
import type { AppContext } from './context'
import { refreshPosCatalog } from './pos-catalog'

const PAGE_SIZE = 1000

export async function planRun(ctx: AppContext, run: RunRow) {
  const selection = JSON.parse(run.selection) as { kind: 'all' | 'ids' }
  const target = { id: run.id, storeId: run.store_id }

  if (run.direction === 'pos-to-ecom') {
    await refreshPosCatalog(ctx, run.store_id)
    if (selection.kind !== 'all') return
    for (let after: string | null = null; ;) {
      const families = await pagePosFamilies(ctx.db, run.store_id, { after, limit: PAGE_SIZE })
      await addRunItems(
        ctx.db,
        target,
        families.map((f) => ({
          sourceId: f.family_id,
          name: String(f.name ?? ''),
          sku: String(f.sku ?? ''),
        })),
      )
      if (families.length < PAGE_SIZE) return
      after = families[families.length - 1]?.family_id ?? null
    }
  }
  if (selection.kind === 'all') {
    const ecom = await ctx.connections.ecom(run.store_id)
    for await (const page of ecom.iterateProducts({ sortBy: 'ADDED_TIME_ASC' })) {
      await addRunItems(
        ctx.db,
        target,
        page.items.map((p) => ({
          sourceId: String(p.id),
          name: (p.name ?? '').trim(),
          sku: (p.sku ?? '').trim(),
        })),
      )
    }
  }
}
