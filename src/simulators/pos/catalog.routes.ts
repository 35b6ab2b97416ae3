/**
 * The retailer and the collections around products: outlets, taxes and products' own taxes per
 * outlet, tags, variant attributes, brands, suppliers and the inventory feed.
 */
import type { FastifyInstance } from 'fastify'
import { createNamed } from './named-records'
import { notFound } from './pos-errors'
import type { NamedRecord } from './pos-model'
import { booleanParam, cursorParams, page, single, type Query } from './paging'
import {
  renderAttribute,
  renderInventory,
  renderOutlet,
  renderRetailer,
  renderTag,
  type ViewContext,
} from './product-view'
import { listTaxes, renderOutletTax } from './taxes'
import type { VersionedCollection } from './versioned-collection'

type IdParams = { Params: { id: string }; Querystring: Query }

export function registerCatalogRoutes(app: FastifyInstance, { store, publicUrl }: ViewContext) {
  app.get('/api/2.0/retailer', async () => ({ data: renderRetailer(store, publicUrl) }))

  app.get<{ Querystring: Query }>('/api/2.0/outlets', async (request) => {
    const items = store.outlets.list(cursorParams(request.query))

    return page(
      items,
      items.map((o) => renderOutlet(o, store)),
    )
  })

  app.get<IdParams>('/api/2.0/outlets/:id', async (request) => {
    const outlet = store.outlets.get(request.params.id)
    if (!outlet) throw notFound('outlet')

    return { data: renderOutlet(outlet, store) }
  })

  app.get<{ Querystring: Query }>('/api/2.0/taxes', async (request) => {
    const items = listTaxes(store, cursorParams(request.query))

    return page(items, items)
  })

  app.get<{ Querystring: Query }>('/api/2.0/outlet_taxes', async (request) => {
    const outletId = single(request.query, 'outlet_id')
    const items = store.outletTaxes.list({
      ...cursorParams(request.query),
      ...(outletId ? { where: (record) => record.outlet_id === outletId } : {}),
    })

    return page(items, items.map(renderOutletTax))
  })

  app.get<{ Querystring: Query }>('/api/2.0/inventory', async (request) => {
    const items = store.inventory.list(cursorParams(request.query))

    return page(items, items.map(renderInventory))
  })

  registerNamedRoutes(app, '/api/2.0/tags', store.tags, renderTag)
  registerNamedRoutes(app, '/api/2.0/brands', store.brands, renderTag)
  registerNamedRoutes(app, '/api/2.0/suppliers', store.suppliers, renderTag)

  app.post('/api/2.0/tags', async (request) => {
    const body = (request.body ?? {}) as { name?: unknown }

    return { data: store.transaction(() => createNamed(store, store.tags, body.name, 'tag')).id }
  })

  // The spec's VariantAttributesListResponse has no version envelope; `deleted` is its only filter.
  app.get<{ Querystring: Query }>('/api/2.0/variant_attributes', async (request) => {
    const all = [...store.attributes.scan(booleanParam(request.query, 'deleted'))]

    return { data: all.map(renderAttribute) }
  })

  app.get<IdParams>('/api/2.0/variant_attributes/:id', async (request) => {
    const attribute = store.attributes.get(request.params.id)
    if (!attribute) throw notFound('variant attribute')

    return { data: renderAttribute(attribute) }
  })

  app.post('/api/2.0/variant_attributes', async (request, reply) => {
    const body = (request.body ?? {}) as { name?: unknown }
    const attribute = store.transaction(() =>
      createNamed(store, store.attributes, body.name, 'variant attribute'),
    )
    const { id, name, created_at, updated_at } = attribute

    return reply.code(201).send({ data: { id, name, created_at, updated_at } })
  })
}

function registerNamedRoutes(
  app: FastifyInstance,
  path: string,
  collection: VersionedCollection<NamedRecord>,
  render: (record: NamedRecord) => unknown,
) {
  app.get<{ Querystring: Query }>(path, async (request) => {
    const items = collection.list(cursorParams(request.query))

    return page(items, items.map(render))
  })

  app.get<IdParams>(`${path}/:id`, async (request) => {
    const record = collection.get(request.params.id)
    if (!record) throw notFound(collection.name.replace(/s$/, ''))

    return { data: render(record) }
  })
}
