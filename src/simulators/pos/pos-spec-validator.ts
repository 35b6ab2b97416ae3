/**
 * Checks simulator answers against the response schemas of the official X-Series API 2.0 OpenAPI
 * spec (../shared/api/specs), for tests. Ajv comes with Fastify; formats such as "UUID" and
 * "int64" are the spec's own labels, not JSON Schema formats, so they are not checked.
 */
import Ajv from 'ajv'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const XSERIES_SPEC = fileURLToPath(
  new URL('../../../../shared/api/specs/xseries-api-2.0.openapi.json', import.meta.url),
)
export const hasXSeriesSpec = existsSync(XSERIES_SPEC)

export type SpecSchema =
  | 'ProductCollection'
  | 'ProductResponse'
  | 'OutletCollection'
  | 'OutletResponse'
  | 'RetailerResponse'
  | 'TagCollection'
  | 'TagResponse'
  | 'InventoryCollection'
  | 'VariantAttributesListResponse'
  | 'SearchResponse'
  | 'SaleCollection'
  | 'SaleResponse'
  | 'RegisterCollection'
  | 'UserCollection'
  | 'UserResponse'
  | 'PaymentTypeCollection'
  | 'TaxCollection'
  | 'OutletTaxCollection'

export function specValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false })
  ajv.addSchema(JSON.parse(readFileSync(XSERIES_SPEC, 'utf8')) as object, 'xseries')

  /** The schema's errors for this body, as readable lines; empty when it conforms. */
  return (schema: SpecSchema, body: unknown): string[] => {
    const validate = ajv.getSchema(`xseries#/components/schemas/${schema}`)
    if (!validate) return [`no schema ${schema} in the spec`]
    if (validate(body)) return []

    return (validate.errors ?? []).map((e) => `${schema}${e.instancePath} ${e.message ?? ''}`)
  }
}
