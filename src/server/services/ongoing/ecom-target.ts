/**
 * The eCom side of one link during a sync: writes each change, and knows the id of the eCom
 * variation behind each Retail POS variant, reading the eCom product at most once to find one.
 */
import { isNotFound, isUpstreamError } from '../../../connectors/shared/upstream-error'
import type { EcomChange } from '../../../sync/changes'
import {
  matchCombinations,
  snapshotFromEcom,
  type LinkedVariantIds,
  type SyncedSnapshot,
} from '../../../sync/changes-snapshot'
import type { EcomProduct } from '../../../sync/ecom-shapes'
import type { CatalogProduct } from '../../../sync/model'
import { sameSku } from '../../../sync/text'
import type { LinkRow } from '../../store/schema'
import { listVariantLinks, saveVariantLink } from '../../store/sync-store-links'
import type { EcomClient } from '../connections'
import type { AppContext } from '../context'

/** The linked eCom product: reads it at most once per turn, and knows its variations' ids. */
export class EcomTarget {
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

  /** A link never synced since its upload starts from eCom as it is; null when it is gone. */
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

      const existing = await this.findCombination(body.sku, body.options, true)

      if (!existing) throw error

      const { options: _options, ...fields } = body

      await this.ecom.updateCombination(this.productId, Number(existing), fields)
      id = existing
    }

    this.combinationIds.set(posId, id)
    await saveVariantLink(this.ctx.db, this.link, {
      posProductId: posId,
      ecomCombinationId: id,
      sku: body.sku,
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
