/**
 * Simulator-only control routes under /_sim: NOT part of the X-Series API, bearer-protected like
 * it. They do what a merchant does in Retail POS's own screens and the API cannot: set outlets
 * (the CSV loader needs one per `inventory_<Outlet>` column; each outlet gets a register), set
 * currency and tax mode, the other sales taxes and the payment types, reset.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { seedStore } from './demo-catalog'
import { setOutlets } from './named-records'
import {
  ensurePaymentTypes,
  paymentTypesInput,
  renderPaymentType,
  setPaymentTypes,
} from './payment-types'
import { parseBody } from './pos-errors'
import { renderOutlet, renderRetailer, type ViewContext } from './product-view'
import { ensureOwner, ensureRegisters } from './registers-users'
import { listTaxes, setTaxes, taxesInput } from './taxes'

const outletInput = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1, 'must not be empty'),
  time_zone: z.string().optional(),
  physical_address_1: z.string().optional(),
  physical_city: z.string().optional(),
  physical_postcode: z.string().optional(),
  physical_state: z.string().optional(),
  physical_country_id: z.string().optional(),
})

const outletsInput = z.union([
  z.array(outletInput),
  z.object({ outlets: z.array(outletInput) }).transform((body) => body.outlets),
])

const retailerInput = z.object({
  name: z.string().min(1).optional(),
  domain_prefix: z.string().min(1).optional(),
  currency_code: z.string().length(3).optional(),
  currency_symbol: z.string().min(1).optional(),
  tax_exclusive: z.boolean().optional(),
  tax_rate: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a decimal fraction such as "0.15"')
    .optional(),
  tax_name: z.string().min(1).optional(),
  country: z.string().optional(),
  time_zone: z.string().optional(),
  allow_duplicate_skus: z.boolean().optional(),
})

const resetInput = z.object({ seed: z.enum(['demo', 'none']).optional() })

export function registerSimControlRoutes(
  app: FastifyInstance,
  ctx: ViewContext,
  defaultSeed: 'demo' | 'none',
  /** Forgets faults, rate-limit counts and webhook deliveries; subscriptions and tokens stay. */
  onReset: () => void = () => {},
) {
  const { store, publicUrl } = ctx

  app.put('/_sim/outlets', async (request) => {
    const outlets = parseBody(outletsInput, request.body)
    const saved = store.transaction(() => setOutlets(store, outlets))

    return { data: saved.map((o) => renderOutlet(o, store)) }
  })

  // Prices already stored keep both amounts; a new tax rate applies to later writes.
  app.put('/_sim/retailer', async (request) => {
    const patch = parseBody(retailerInput, request.body)
    const definedOnly = Object.fromEntries(
      Object.entries(patch).filter(([, value]) => value !== undefined),
    )
    store.saveRetailer({ ...store.retailer, ...definedOnly })

    return { data: renderRetailer(store, publicUrl) }
  })

  // The default tax is the retailer's (/_sim/retailer); these are the others.
  app.put('/_sim/taxes', async (request) => {
    const taxes = parseBody(taxesInput, request.body)
    store.transaction(() => setTaxes(store, taxes))

    return {
      data: listTaxes(store, { after: 0, before: Infinity, limit: 1000, includeDeleted: false }),
    }
  })

  app.put('/_sim/payment_types', async (request) => {
    const types = parseBody(paymentTypesInput, request.body)
    const saved = store.transaction(() => setPaymentTypes(store, types))

    return { data: saved.map(renderPaymentType) }
  })

  app.post('/_sim/reset', async (request) => {
    const { seed = defaultSeed } = parseBody(resetInput, request.body)
    store.quietly(() => {
      store.clear()
      seedStore(store, seed)
      ensureRegisters(store)
      ensureOwner(store)
      ensurePaymentTypes(store)
    })
    onReset()

    return { data: { seed } }
  })
}
