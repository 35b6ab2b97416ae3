/**
 * Sales and what a sale needs: POST /api/register_sales (the create/update endpoint the spec's
 * Postman collection and the Sales 101 guide name; API 2.0 only reads sales), GET /api/2.0/sales
 * over the version cursor, GET /api/2.0/sales/{id}, PUT /api/2.0/sales/{id}/actions/return,
 * registers, the users a sale is made by, and the payment types its payments name.
 */
import type { FastifyInstance } from 'fastify'
import { notFound } from './pos-errors'
import { cursorParams, page, type Query } from './paging'
import { renderPaymentType } from './payment-types'
import type { ViewContext } from './product-view'
import { ensureOwner, renderRegister, renderUser } from './registers-users'
import { returnSale } from './sale-return'
import { renderRegisterSale, renderSale } from './sale-view'
import { recordSale } from './sale-write'

type IdParams = { Params: { id: string }; Querystring: Query }

export function registerSaleRoutes(app: FastifyInstance, { store }: ViewContext) {
  app.post('/api/register_sales', async (request) => {
    const sale = recordSale(store, request.body)

    return { register_sale: renderRegisterSale(sale, store) }
  })

  app.get<{ Querystring: Query }>('/api/2.0/sales', async (request) => {
    const items = store.sales.list(cursorParams(request.query))

    return page(
      items,
      items.map((sale) => renderSale(sale, store)),
    )
  })

  app.get<IdParams>('/api/2.0/sales/:id', async (request) => {
    const sale = store.sales.get(request.params.id)
    if (!sale || sale.deleted_at !== null) throw notFound('sale')

    return { data: renderSale(sale, store) }
  })

  app.put<IdParams>('/api/2.0/sales/:id/actions/return', async (request) => ({
    data: renderSale(returnSale(store, request.params.id), store),
  }))

  app.get<{ Querystring: Query }>('/api/2.0/registers', async (request) => {
    const items = store.registers.list(cursorParams(request.query))

    return page(items, items.map(renderRegister))
  })

  app.get<IdParams>('/api/2.0/registers/:id', async (request) => {
    const register = store.registers.get(request.params.id)
    if (!register) throw notFound('register')

    return { data: renderRegister(register) }
  })

  app.get<{ Querystring: Query }>('/api/2.0/users', async (request) => {
    const items = store.users.list(cursorParams(request.query))

    return page(items, items.map(renderUser))
  })

  app.get<{ Querystring: Query }>('/api/2.0/payment_types', async (request) => {
    const items = store.paymentTypes.list(cursorParams(request.query))

    return page(items, items.map(renderPaymentType))
  })

  // Every token, personal or issued over OAuth, acts as the store's owner here.
  app.get('/api/2.0/user', async () => ({ data: renderUser(ensureOwner(store)) }))
}
