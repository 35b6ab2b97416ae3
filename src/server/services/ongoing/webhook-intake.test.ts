import { createHmac } from 'node:crypto'
import { expect, test } from 'vitest'
import { isEcomSignatureValid, readPosHint } from './webhook-intake'

const SECRET = 'test_client_secret_0123456789'
const EVENT = { eventId: '08a78904-0aa0-4c1a-953a-2e33c56236f0', eventCreated: 1469429912 }

function sign(secret: string, event: { eventId: string; eventCreated: number }) {
  return createHmac('sha256', secret)
    .update(`${event.eventCreated}.${event.eventId}`)
    .digest('base64')
}

test('a product.update names the product and the family it is in', () => {
  const payload = JSON.stringify({
    id: 'p-2',
    name: 'Leaf Tee',
    sku: 'LEAF-L',
    variant_parent_id: 'p-1',
  })

  expect(readPosHint({ payload, domain_prefix: 'shop' })).toEqual({
    type: 'product.update',
    productId: 'p-2',
    parentId: 'p-1',
    isFamilyKnown: true,
  })
})

test('an inventory.update names the product by product_id', () => {
  const payload = JSON.stringify({ product_id: 'p-2', outlet_id: 'o-1', count: 4 })

  expect(readPosHint({ payload })).toMatchObject({
    type: 'inventory.update',
    productId: 'p-2',
    isFamilyKnown: false,
  })
})

test('a sale is told apart from a product, and a type the sender names wins', () => {
  const sale = JSON.stringify({ id: 's-1', invoice_number: '1036', register_sale_products: [] })
  const product = JSON.stringify({ id: 'p-1' })

  expect(readPosHint({ payload: sale }).type).toBe('sale.update')
  expect(readPosHint({ payload: product, type: 'inventory.update' }).type).toBe('inventory.update')
  expect(readPosHint({ payload: 'not json' }).productId).toBeNull()
})

test('accepts the signature eCom computes and refuses any other', () => {
  const good = sign(SECRET, EVENT)

  expect(isEcomSignatureValid(SECRET, EVENT, good)).toBe(true)
  expect(isEcomSignatureValid(SECRET, EVENT, sign('another_client_secret_0000', EVENT))).toBe(false)
  expect(isEcomSignatureValid(SECRET, { ...EVENT, eventId: 'e-2' }, good)).toBe(false)
  expect(isEcomSignatureValid(SECRET, { ...EVENT, eventCreated: '1469429912' }, good)).toBe(true)
  expect(isEcomSignatureValid(SECRET, EVENT, 'short')).toBe(false)
})
