import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { allPages, openSimulator, tempDataFile, type TestSimulator } from './pos-test-helpers'
import { hasXSeriesSpec, type SpecSchema, specValidator, XSERIES_SPEC } from './pos-spec-validator'

const title = hasXSeriesSpec
  ? 'answers conform to the X-Series API 2.0 spec'
  : `X-Series spec conformance: SKIPPED, ${XSERIES_SPEC} is not there`

describe.skipIf(!hasXSeriesSpec)(title, () => {
  let sim: TestSimulator
  let cleanup: () => void
  let check: ReturnType<typeof specValidator>

  beforeAll(() => {
    const temp = tempDataFile()
    cleanup = temp.cleanup
    sim = openSimulator({ dataFile: temp.file, seed: 'demo' })
    check = specValidator()
  })

  afterAll(async () => {
    await sim.close()
    cleanup()
  })

  // The 2.0 spec requires integer version bounds; the 2026-07 spec [X2] makes them null on an
  // empty page, which the simulator follows: an empty page is checked without them.
  function checkPage(schema: SpecSchema, body: Record<string, unknown>) {
    const { version, ...rest } = body
    const isEmpty = Array.isArray(body.data) && body.data.length === 0 && version !== undefined
    if (!isEmpty) return check(schema, body)
    const bounds = JSON.stringify(version) === '{"min":null,"max":null}' ? [] : ['bad empty bounds']

    return [...bounds, ...check(schema, rest)]
  }

  async function errorsOf(schema: SpecSchema, url: string) {
    const { status, body } = await sim.get(url)

    return status === 200 ? checkPage(schema, body) : [`${url} answered ${status}`]
  }

  test('the checks are not vacuous: a product without a handle or with a text price fails', () => {
    const errors = check('ProductResponse', {
      data: { name: 'X', sku: 'X', price_excluding_tax: '1' },
    })

    expect(errors).toEqual([
      "ProductResponse/data must have required property 'handle'",
      'ProductResponse/data/price_excluding_tax must be number',
    ])
  })

  test('GET /products pages, deleted ones included', async () => {
    const pages = await allPages<{ id: string }>(sim, '/api/2.0/products?deleted=true', 10)

    const errors = pages.flatMap((page) => checkPage('ProductCollection', { ...page }))

    expect(pages.length).toBeGreaterThan(3)
    expect(errors).toEqual([])
    expect(check('ProductCollection', pages.at(-1))).toEqual([
      'ProductCollection/version/min must be integer',
      'ProductCollection/version/max must be integer',
    ])
  })

  test('GET /products/{id} and /products/{id}/inventory for every product', async () => {
    const { body } = await sim.get<{ data: { id: string }[] }>(
      '/api/2.0/products?page_size=1000&deleted=true',
    )
    const errors: string[] = []

    for (const { id } of body.data) {
      errors.push(...(await errorsOf('ProductResponse', `/api/2.0/products/${id}`)))
      errors.push(...(await errorsOf('InventoryCollection', `/api/2.0/products/${id}/inventory`)))
    }

    expect(body.data.length).toBeGreaterThan(30)
    expect(errors).toEqual([])
  })

  test('GET outlets, retailer, tags, inventory, variant attributes and search', async () => {
    const outlets = await sim.get<{ data: { id: string }[] }>('/api/2.0/outlets')
    const tags = await sim.get<{ data: { id: string }[] }>('/api/2.0/tags')

    const errors = [
      ...checkPage('OutletCollection', outlets.body),
      ...(await errorsOf('OutletResponse', `/api/2.0/outlets/${outlets.body.data[0]?.id}`)),
      ...(await errorsOf('RetailerResponse', '/api/2.0/retailer')),
      ...checkPage('TagCollection', tags.body),
      ...(await errorsOf('TagResponse', `/api/2.0/tags/${tags.body.data[0]?.id}`)),
      ...(await errorsOf('InventoryCollection', '/api/2.0/inventory?page_size=1000')),
      ...(await errorsOf('VariantAttributesListResponse', '/api/2.0/variant_attributes')),
      ...(await errorsOf('SearchResponse', '/api/2.0/search?type=products')),
    ]

    expect(errors).toEqual([])
  })

  test('GET payment types, taxes and products’ own taxes per outlet', async () => {
    const outlets = await sim.get<{ data: { id: string }[] }>('/api/2.0/outlets')
    await sim.send('PUT', '/_sim/taxes', { taxes: [{ name: 'Reduced', rate: '0.05' }] })
    const taxes = await sim.get<{ data: { id: string; name: string }[] }>('/api/2.0/taxes')
    const reduced = taxes.body.data.find((t) => t.name === 'Reduced')?.id
    await sim.send('POST', '/api/2.0/products', {
      name: 'Spec Guide',
      sku: 'SPEC-TAX-1',
      price_excluding_tax: 20,
      outlet_taxes: [{ outlet_id: outlets.body.data[0]?.id, tax_id: reduced }],
    })
    const outletTaxes = await sim.get<{ data: unknown[] }>('/api/2.0/outlet_taxes')
    const types = await sim.get<{ data: unknown[] }>('/api/2.0/payment_types')

    const errors = [
      ...checkPage('TaxCollection', taxes.body),
      ...checkPage('OutletTaxCollection', outletTaxes.body),
      ...checkPage('PaymentTypeCollection', types.body),
    ]

    expect([taxes.body.data.length, outletTaxes.body.data.length, types.body.data.length]).toEqual([
      2, 1, 3,
    ])
    expect(errors).toEqual([])
  })
})
