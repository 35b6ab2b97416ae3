import { afterEach, beforeEach, expect, test } from 'vitest'
import { openSimulator, tempDataFile, type TestSimulator } from './pos-test-helpers'

let sim: TestSimulator
let cleanup: () => void

interface TaxView {
  id: string
  name: string
  is_default: boolean
  rates: { rate: number }[]
}

interface OutletTaxView {
  outlet_id: string
  product_id: string
  tax_id: string
}

beforeEach(() => {
  const temp = tempDataFile()
  cleanup = temp.cleanup
  sim = openSimulator({ dataFile: temp.file, seed: 'none' })
})

afterEach(async () => {
  await sim.close()
  cleanup()
})

async function setting() {
  await sim.send('PUT', '/_sim/outlets', { outlets: [{ name: 'Main' }, { name: 'Harbor' }] })
  const outlets = (await sim.get<{ data: { id: string }[] }>('/api/2.0/outlets')).body.data
  await sim.send('PUT', '/_sim/taxes', { taxes: [{ name: 'Reduced', rate: '0.05' }] })
  const taxes = (await sim.get<{ data: TaxView[] }>('/api/2.0/taxes')).body.data

  return {
    main: outlets[0]?.id ?? '',
    harbor: outlets[1]?.id ?? '',
    standard: taxes.find((t) => t.is_default)?.id ?? '',
    reduced: taxes.find((t) => t.name === 'Reduced')?.id ?? '',
    taxes,
  }
}

async function outletTaxes(query = '') {
  return (await sim.get<{ data: OutletTaxView[] }>(`/api/2.0/outlet_taxes${query}`)).body.data
}

test('lists the default tax first, then the others the merchant set up', async () => {
  const { taxes } = await setting()

  expect(taxes.map((t) => [t.name, t.is_default, t.rates[0]?.rate])).toEqual([
    ['NY Sales Tax', true, 0.08875],
    ['Reduced', false, 0.05],
  ])
})

test('a product’s own tax per outlet is listed by GET /outlet_taxes, filtered by outlet', async () => {
  const s = await setting()

  const created = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
    name: 'Field Guide',
    sku: 'BOOK-1',
    price_excluding_tax: 20,
    outlet_taxes: [{ outlet_id: s.harbor, tax_id: s.reduced }],
  })
  const productId = created.body.data[0]

  expect(await outletTaxes()).toEqual([
    expect.objectContaining({ outlet_id: s.harbor, product_id: productId, tax_id: s.reduced }),
  ])
  expect(await outletTaxes(`?outlet_id=${s.harbor}`)).toHaveLength(1)
  expect(await outletTaxes(`?outlet_id=${s.main}`)).toEqual([])
})

test('all_outlets_tax sets every outlet; an empty tax id puts the product back on the default', async () => {
  const s = await setting()
  const created = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
    name: 'Field Guide',
    sku: 'BOOK-1',
    price_excluding_tax: 20,
  })
  const id = created.body.data[0] ?? ''

  await sim.send('PUT', `/api/2.1/products/${id}`, {
    details: { all_outlets_tax: { tax_id: s.reduced } },
  })
  const everywhere = await outletTaxes()
  await sim.send('PUT', `/api/2.1/products/${id}`, {
    details: { outlet_taxes: [{ outlet_id: s.main, tax_id: '' }] },
  })
  const harborOnly = await outletTaxes()
  const deleted = await outletTaxes('?deleted=true')

  expect(everywhere.map((r) => [r.outlet_id, r.tax_id]).sort()).toEqual(
    [
      [s.main, s.reduced],
      [s.harbor, s.reduced],
    ].sort(),
  )
  expect(harborOnly.map((r) => r.outlet_id)).toEqual([s.harbor])
  expect(deleted).toHaveLength(2)
})

test('a sale line naming no tax takes the product’s tax at the register’s outlet', async () => {
  const s = await setting()
  const registers = (
    await sim.get<{ data: { id: string; outlet_id: string }[] }>('/api/2.0/registers')
  ).body.data
  const user = (await sim.get<{ data: { id: string } }>('/api/2.0/user')).body.data
  const [book = '', mug = ''] = await Promise.all(
    [
      {
        name: 'Field Guide',
        sku: 'BOOK-1',
        outlet_taxes: [{ outlet_id: s.harbor, tax_id: s.reduced }],
      },
      { name: 'Trail Mug', sku: 'MUG-1' },
    ].map(async (body) => {
      const res = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
        ...body,
        price_excluding_tax: 20,
      })

      return res.body.data[0]
    }),
  )
  const saleAt = (outlet: string) => ({
    register_id: registers.find((r) => r.outlet_id === outlet)?.id,
    user_id: user.id,
    status: 'SAVED',
    register_sale_products: [
      { product_id: book, quantity: 1, price: 20 },
      { product_id: mug, quantity: 1, price: 20 },
    ],
  })

  const atHarbor = await sim.send<{ register_sale: { id: string } }>(
    'POST',
    '/api/register_sales',
    saleAt(s.harbor),
  )
  const atMain = await sim.send<{ register_sale: { id: string } }>(
    'POST',
    '/api/register_sales',
    saleAt(s.main),
  )
  const harborSale = await sim.get<{ data: Record<string, unknown> }>(
    `/api/2.0/sales/${atHarbor.body.register_sale.id}`,
  )
  const mainSale = await sim.get<{ data: Record<string, unknown> }>(
    `/api/2.0/sales/${atMain.body.register_sale.id}`,
  )

  expect(harborSale.body.data).toMatchObject({
    total_tax: 2.775,
    line_items: [
      { product_id: book, tax_id: s.reduced, tax: 1 },
      { product_id: mug, tax_id: s.standard, tax: 1.775 },
    ],
    taxes: [
      { id: s.reduced, name: 'Reduced', rate: 0.05, amount: 1 },
      { id: s.standard, name: 'NY Sales Tax', rate: 0.08875, amount: 1.775 },
    ],
  })
  expect(mainSale.body.data).toMatchObject({ total_tax: 3.55 })
})

test('refuses a tax the store does not have, on a product or on a sale line', async () => {
  const s = await setting()
  const registers = (await sim.get<{ data: { id: string }[] }>('/api/2.0/registers')).body.data
  const user = (await sim.get<{ data: { id: string } }>('/api/2.0/user')).body.data

  const onProduct = await sim.send('POST', '/api/2.0/products', {
    name: 'Field Guide',
    sku: 'BOOK-1',
    price_excluding_tax: 20,
    outlet_taxes: [{ outlet_id: s.main, tax_id: 'no-such-tax' }],
  })
  const created = await sim.send<{ data: string[] }>('POST', '/api/2.0/products', {
    name: 'Trail Mug',
    sku: 'MUG-1',
    price_excluding_tax: 20,
  })
  const onLine = await sim.send('POST', '/api/register_sales', {
    register_id: registers[0]?.id,
    user_id: user.id,
    status: 'SAVED',
    register_sale_products: [
      { product_id: created.body.data[0], quantity: 1, price: 20, tax_id: 'no-such-tax' },
    ],
  })

  expect(onProduct).toEqual({
    status: 422,
    body: { error: 'outlet_taxes[0].tax_id: tax no-such-tax not found' },
  })
  expect(await sim.get('/api/2.0/products?sku=BOOK-1')).toMatchObject({ body: { data: [] } })
  expect(onLine).toEqual({
    status: 422,
    body: { error: 'register_sale_products[0].tax_id: tax no-such-tax not found' },
  })
})
