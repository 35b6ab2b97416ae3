/**
 * What a sync of a linked product wrote to eCom, in the words support reads in a product's
 * history: "name "Leaf Tee", price 22.50, stock 4; variant LEAF-S: stock 3; new variant LEAF-XL".
 */
import type { EcomChange, EcomCombinationPatch, EcomProductPatch } from '../../../sync/changes'
import type { SyncedSnapshot } from '../../../sync/changes-snapshot'

function fieldWords(body: EcomProductPatch | EcomCombinationPatch): string[] {
  const words: string[] = []

  if ('name' in body && body.name !== undefined) words.push(`name "${body.name}"`)
  if (body.sku !== undefined) words.push(`SKU "${body.sku}"`)
  if (body.price !== undefined) words.push(`price ${body.price}`)
  if (body.unlimited === true) words.push('stock not tracked')
  else if (body.quantity !== undefined) words.push(`stock ${body.quantity}`)
  if ('enabled' in body && body.enabled !== undefined) {
    words.push(body.enabled ? 'enabled' : 'disabled')
  }

  return words
}

/** One change in words; `base` names a variant by its SKU. */
export function changeWords(change: EcomChange, base: SyncedSnapshot): string {
  const variantName = (posId: string) => {
    const sku = base.variants.find((v) => v.posId === posId)?.sku

    return sku ? `variant ${sku}` : 'a variant'
  }

  switch (change.kind) {
    case 'product':
    case 'product-sku':
      return fieldWords(change.body).join(', ')
    case 'variant':
    case 'variant-sku':
      return `${variantName(change.posId)}: ${fieldWords(change.body).join(', ')}`
    case 'variant-added':
      return `new variant ${change.body.sku}`
  }
}

export function changesWords(changes: EcomChange[], base: SyncedSnapshot): string {
  return changes.map((change) => changeWords(change, base)).join('; ')
}
