// The Retail POS connector's sales against the POS simulator over HTTP: a register sale, one whose
// answer never comes, and the return of a sale. (Here rather than beside the connector, which may
// not import the simulators.)
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createPosClient, type PosRegisterSaleBody } from '../connectors/pos/pos-client'
import { buildPosSimulator } from '../simulators/pos/pos-simulator'

const TOKEN = 'pos-connector-test-token'

let dir: string
let sim: ReturnType<typeof buildPosSimulator>
let url: string
let client: ReturnType<typeof createPosClient>
let registerId: string
let outletId: string
let userId: string
let taxId: string
let mugId: string
let cashId: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pos-register-sales-'))
  sim = buildPosSimulator({
    dataFile: join(dir, 'pos.sqlite'),
    token: TOKEN,
    seed: 'none',
    publicUrl: 'http://localhost',
  })
  await sim.listen({ port: 0, host: '127.0.0.1' })
  url = `http://127.0.0.1:${(sim.server.address() as { port: number }).port}`
  // The simulator runs without a rate limit; the client need not pace to the published one.
  client = createPosClient({
    baseUrl: url,
    token: TOKEN,
    timeoutMs: 1_000,
    rateLimit: { limit: 10_000, windowMs: 1_000 },
  })
  const [outlet] = await client.listOutlets()
  const [register] = await client.listRegisters()
  const [tax] = await client.listTaxes()
  outletId = outlet?.id ?? ''
  registerId = register?.id ?? ''
  taxId = tax?.id ?? ''
  userId = (await client.getCurrentUser()).id
  cashId = (await client.listPaymentTypes()).find((t) => t.name === 'Cash')?.id ?? ''
  ;[mugId = ''] = await client.createProduct({
    name: 'Crest Mug',
    sku: 'MUG-1',
    price_excluding_tax: 12.5,
    inventory: [{ outlet_id: outletId, current_amount: 10 }],
  })
})

afterAll(async () => {
  await sim.close()
  rmSync(dir, { recursive: true, force: true })
})

async function stock(): Promise<number> {
  const records = (await client.getProductInventory(mugId)) ?? []

  return Number(records.find((r) => r.outlet_id === outletId)?.inventory_level)
}

function sale(sourceId: string, quantity: number): PosRegisterSaleBody {
  return {
    register_id: registerId,
    user_id: userId,
    status: 'CLOSED',
    sale_date: '2026-03-02 10:15:00',
    note: `eCom order ${sourceId}`,
    source_id: sourceId,
    register_sale_products: [
      { product_id: mugId, quantity, price: 12.5, tax: 1.10938, tax_id: taxId },
    ],
    register_sale_payments: [
      { retailer_payment_type_id: cashId, amount: Number((13.60938 * quantity).toFixed(5)) },
    ],
  }
}

async function addFault(body: unknown) {
  const res = await fetch(`${url}/_sim/faults`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

  if (!res.ok) throw new Error(`fault: ${res.status}`)
}

test('records a register sale at the register, which takes its lines from the outlet stock', async () => {
  const before = await stock()

  const recorded = await client.createRegisterSale(sale('ecom-1003-K8XTQ', 2))
  const read = await client.getSale(recorded.id)

  expect(recorded).toMatchObject({
    register_id: registerId,
    status: 'CLOSED',
    source_id: 'ecom-1003-K8XTQ',
    note: 'eCom order ecom-1003-K8XTQ',
    register_sale_products: [{ product_id: mugId, quantity: 2, price: 12.5, tax_id: taxId }],
  })
  expect(read).toMatchObject({
    source_id: 'ecom-1003-K8XTQ',
    sale_date: '2026-03-02T10:15:00+00:00',
  })
  expect(await stock()).toBe(before - 2)
})

test('a sale whose answer never comes is found once by its source id after the cursor taken before', async () => {
  const cursor = (await client.listSales({ after: 0, pageSize: 1000 })).version?.max ?? 0
  const before = await stock()
  await addFault({ method: 'POST', path: '/api/register_sales', kind: 'hang', times: 1 })

  const error = await client.createRegisterSale(sale('ecom-1003-HANG1', 1)).catch((e) => e)
  const found = await client.findSaleBySourceId('ecom-1003-HANG1', { after: cursor })
  const all = (await client.listSales({ after: cursor, pageSize: 1000 })).data

  expect(error).toMatchObject({ system: 'pos', outcomeUnknown: true })
  expect(found?.line_items).toMatchObject([{ product_id: mugId, quantity: 1 }])
  expect(all.filter((s) => s.source_id === 'ecom-1003-HANG1')).toHaveLength(1)
  expect(await stock()).toBe(before - 1)
})

test('a returned sale puts its items back once, however often its completion is sent', async () => {
  const sold = await client.createRegisterSale(sale('ecom-1003-RET01', 3))
  const cursor = (await client.getSale(sold.id))?.version ?? 0
  const afterSale = await stock()

  const parked = await client.returnSale(sold.id)
  const whileParked = await stock()
  const found = await client.findReturnOf(sold.id, { after: cursor })
  const completion: PosRegisterSaleBody = {
    register_id: registerId,
    user_id: userId,
    status: 'CLOSED',
    note: 'Return of eCom order RET01',
    register_sale_products: (parked.line_items ?? []).map((line) => ({
      id: line.id ?? undefined,
      product_id: line.product_id ?? '',
      quantity: Number(line.quantity),
      price: Number(line.price),
      tax: Number(line.tax),
      tax_id: line.tax_id ?? '',
    })),
    register_sale_payments: [{ retailer_payment_type_id: cashId, amount: -40.82814 }],
  }
  const completed = await client.updateRegisterSale(parked.id, completion)
  await client.updateRegisterSale(parked.id, completion)

  expect(parked).toMatchObject({ status: 'SAVED', return_for: sold.id })
  expect(parked.line_items).toMatchObject([{ product_id: mugId, quantity: -3 }])
  expect(found?.id).toBe(parked.id)
  expect(whileParked).toBe(afterSale)
  expect(completed).toMatchObject({ id: parked.id, status: 'CLOSED' })
  expect(await stock()).toBe(afterSale + 3)
})

test('a sale refused by Retail POS says which line and field', async () => {
  const error = await client
    .createRegisterSale({
      ...sale('ecom-1003-BAD01', 1),
      register_sale_products: [
        { product_id: 'no-such-product', quantity: 1, price: 1, tax: 0, tax_id: taxId },
      ],
    })
    .catch((e) => e)

  expect(error).toMatchObject({ system: 'pos', status: 422, outcomeUnknown: false })
  expect(String(error)).toContain('register_sale_products[0].product_id')
})

test('lists the store’s payment types, and products’ own taxes at one outlet', async () => {
  await fetch(`${url}/_sim/taxes`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ taxes: [{ name: 'Reduced', rate: '0.05' }] }),
  })
  const reduced = (await client.listTaxes()).find((t) => t.name === 'Reduced')?.id ?? ''
  const [bookId = ''] = await client.createProduct({
    name: 'Field Guide',
    sku: 'BOOK-1',
    price_excluding_tax: 20,
    outlet_taxes: [{ outlet_id: outletId, tax_id: reduced }],
  })

  const types = await client.listPaymentTypes()
  const atOutlet = await client.listOutletTaxes(outletId)
  const elsewhere = await client.listOutletTaxes('no-such-outlet')

  expect(types.map((t) => t.name)).toEqual(['Cash', 'Credit Card', 'eCom'])
  expect(atOutlet).toMatchObject([{ product_id: bookId, outlet_id: outletId, tax_id: reduced }])
  expect(elsewhere).toEqual([])
})
