/** Faults switched on in the eCom simulator from the spec's process, over its /_sim/faults routes. */
import type { Stack } from './stack'

/** Product creates only: image uploads live under the same path. */
export const ECOM_PRODUCT_CREATE = '^/api/v3/\\d+/products$'

export async function addEcomFault(stack: Stack, spec: Record<string, unknown>) {
  const res = await fetch(`${stack.ecomUrl}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  })
  if (!res.ok) throw new Error(`fault refused: ${res.status} ${await res.text()}`)
}

export async function clearEcomFaults(stack: Stack) {
  await fetch(`${stack.ecomUrl}/_sim/faults`, { method: 'DELETE' })
}
