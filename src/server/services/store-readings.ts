/**
 * A reading of a store's Retail POS kept briefly per process, and read again at once when the
 * store saves other settings (their version changes): the same cache for the outlets counted, the
 * sale setting and the settings' problems. A reading that fails is not kept.
 */
import type { AppContext } from './context'

interface Kept<T> {
  at: number
  version: number
  value: Promise<T>
}

export function storeReadings<T>(ttlMs: number) {
  const byContext = new WeakMap<AppContext, Map<number, Kept<T>>>()

  return function read(
    ctx: AppContext,
    storeId: number,
    version: number,
    load: () => Promise<T>,
  ): Promise<T> {
    let byStore = byContext.get(ctx)

    if (!byStore) {
      byStore = new Map()
      byContext.set(ctx, byStore)
    }

    const hit = byStore.get(storeId)

    if (hit && hit.version === version && Date.now() - hit.at < ttlMs) return hit.value

    const value = load()
    const kept = byStore

    kept.set(storeId, { at: Date.now(), version, value })
    value.catch(() => kept.delete(storeId))

    return value
  }
}
