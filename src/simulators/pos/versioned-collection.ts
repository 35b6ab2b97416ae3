/**
 * One API 2.0 collection: documents kept in the doc store and mirrored in memory, with an index by
 * version so a cursor page costs a binary search plus the page, even with 50,000 products.
 */
import type { DocStore } from '../shared/doc-store'

export interface Versioned {
  id: string
  version: number
  deleted_at: string | null
}

export interface CursorQuery<T> {
  /** Exclusive lower bound. */
  after?: number
  /** Exclusive upper bound. */
  before?: number
  limit: number
  includeDeleted?: boolean
  /** Extra filter; items it refuses do not count towards the limit. */
  where?: (item: T) => boolean
}

interface Entry {
  version: number
  id: string
}

export class VersionedCollection<T extends Versioned> {
  private readonly byId = new Map<string, T>()
  // Ascending by version. A write appends (its version is the newest), leaving the older entry of
  // the same id stale; stale entries are skipped and swept out once they outnumber live ones.
  private entries: Entry[] = []

  constructor(
    private readonly docs: DocStore,
    readonly name: string,
  ) {
    for (const doc of docs.all<T>(name)) this.byId.set(doc.id, doc)
    this.rebuild()
  }

  get size() {
    return this.byId.size
  }

  get(id: string): T | undefined {
    return this.byId.get(id)
  }

  values(): IterableIterator<T> {
    return this.byId.values()
  }

  /** Stores the document; its version must be newer than any stored before. */
  put(doc: T) {
    this.byId.set(doc.id, doc)
    this.docs.put(this.name, doc.id, doc)
    this.entries.push({ version: doc.version, id: doc.id })
    if (this.entries.length > 2 * this.byId.size + 1000) this.rebuild()
  }

  clear() {
    for (const id of this.byId.keys()) this.docs.remove(this.name, id)
    this.byId.clear()
    this.entries = []
  }

  /** Items in ascending version order, as API 2.0 pages them. */
  list(query: CursorQuery<T>): T[] {
    const { after = 0, before = Number.POSITIVE_INFINITY, limit, includeDeleted = false } = query
    const where = query.where
    const page: T[] = []
    for (let i = this.firstAfter(after); i < this.entries.length && page.length < limit; i++) {
      const entry = this.entries[i]
      if (!entry || entry.version >= before) break
      const item = this.byId.get(entry.id)
      if (!item || item.version !== entry.version) continue
      if (item.deleted_at !== null && !includeDeleted) continue
      if (where && !where(item)) continue
      page.push(item)
    }

    return page
  }

  /** Live items (or all with includeDeleted) in version order, for scans such as search. */
  *scan(includeDeleted = false): Generator<T> {
    for (const entry of this.entries) {
      const item = this.byId.get(entry.id)
      if (!item || item.version !== entry.version) continue
      if (item.deleted_at !== null && !includeDeleted) continue
      yield item
    }
  }

  private firstAfter(after: number) {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.entries[mid]?.version ?? 0) <= after) low = mid + 1
      else high = mid
    }

    return low
  }

  private rebuild() {
    this.entries = [...this.byId.values()]
      .map((doc) => ({ version: doc.version, id: doc.id }))
      .sort((a, b) => a.version - b.version)
  }
}
