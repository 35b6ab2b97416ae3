import { expect, test } from 'vitest'
import {
  orderLabel,
  registerSaleLine,
  saleDate,
  saleNote,
  saleSourceId,
  saleTotal,
} from './register-sale'

const TAX = { id: 'tax-1', rate: '0.08875' }

test('a line priced without tax carries that price and its tax, to five decimals', () => {
  const line = registerSaleLine({ posProductId: 'p-1', quantity: 2, unitPrice: '12.5' }, TAX, false)

  expect(line).toEqual({
    product_id: 'p-1',
    quantity: 2,
    price: 12.5,
    tax: 1.10938,
    tax_id: 'tax-1',
  })
})

test('a line priced with tax is split so that price and tax add up to what was paid', () => {
  const line = registerSaleLine(
    { posProductId: 'p-1', quantity: 1, unitPrice: '10.89' },
    { id: 'gst', rate: '0.15' },
    true,
  )

  expect(line).toMatchObject({ price: 9.46957, tax: 1.42043 })
  expect(Math.round((line.price + line.tax) * 1e5) / 1e5).toBe(10.89)
})

test('the note names the order and every linked item the sale leaves out', () => {
  const label = orderLabel({ id: 'XJ12H', orderNumber: 103 }, 'XJ12H')

  expect(saleNote(label, [])).toBe('eCom order #103 (XJ12H)')
  expect(
    saleNote(label, [
      { sku: 'MUG-1', why: 'deleted in Retail POS' },
      { sku: 'LAMP-1', why: 'deleted in Retail POS' },
    ]),
  ).toBe(
    'eCom order #103 (XJ12H). Not in this sale: MUG-1 (deleted in Retail POS); LAMP-1 (deleted in Retail POS)',
  )
  expect(orderLabel({ orderNumber: 103 }, '103')).toBe('103')
})

test('the source id is the store and the order; the date is UTC as the guide writes it', () => {
  expect(saleSourceId(1003, 'XJ12H')).toBe('ecom-1003-XJ12H')
  expect(saleDate(1725434411)).toBe('2024-09-04 07:20:11')
  expect(saleDate(null)).toBeUndefined()
})

test('the sale total adds price and tax per unit times quantity, exactly, returns negative', () => {
  const lines = [
    { quantity: 3, price: 0.1, tax: 0.00888 },
    { quantity: 1, price: 12.5, tax: 1.10938 },
  ]

  expect(saleTotal(lines)).toBe('13.93602')
  expect(saleTotal(lines.map((l) => ({ ...l, quantity: -l.quantity })))).toBe('-13.93602')
  expect(saleTotal([])).toBe('0')
})
