/**
 * What the simulator accepts in request bodies. Strict on the types of the fields it models (a
 * price sent as a string is a 400, so our connector cannot get away with it), loose on everything
 * else: unknown fields such as nameTranslated, tax or shipping are kept and returned as sent.
 */
import { z } from 'zod'
import { EcwidError, wrongParameter } from './ecom-errors'

const money = z.number().finite().nonnegative()
const translated = z.record(z.string(), z.string())

export const choiceSchema = z.looseObject({
  text: z.string(),
  textTranslated: translated.optional(),
  priceModifier: z.number().finite().optional(),
  priceModifierType: z.enum(['ABSOLUTE', 'PERCENT']).optional(),
})

export const optionSchema = z.looseObject({
  type: z
    .enum(['SELECT', 'RADIO', 'CHECKBOX', 'TEXTFIELD', 'TEXTAREA', 'DATE', 'FILES', 'SIZE'])
    .optional(),
  name: z.string().min(1),
  nameTranslated: translated.optional(),
  choices: z.array(choiceSchema).optional(),
  defaultChoice: z.number().int().nonnegative().optional(),
  required: z.boolean().optional(),
})

export const optionValueSchema = z.looseObject({
  name: z.string().min(1),
  value: z.string(),
  nameTranslated: translated.optional(),
  valueTranslated: translated.optional(),
})

const attributeSchema = z.looseObject({
  id: z.number().int().optional(),
  name: z.string().optional(),
  value: z.string().optional(),
  type: z.string().optional(),
  show: z.string().optional(),
})

export const combinationInputSchema = z.looseObject({
  id: z.number().int().optional(),
  options: z.array(optionValueSchema).optional(),
  sku: z.string().optional(),
  quantity: z.number().int().optional(),
  unlimited: z.boolean().optional(),
  price: money.optional(),
  weight: money.optional(),
  compareToPrice: money.optional(),
  warningLimit: z.number().int().optional(),
  attributes: z.array(attributeSchema).optional(),
})

export const productInputSchema = z.looseObject({
  sku: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  price: money.optional(),
  quantity: z.number().int().optional(),
  unlimited: z.boolean().optional(),
  enabled: z.boolean().optional(),
  categoryIds: z.array(z.number().int().nonnegative()).optional(),
  options: z.array(optionSchema).optional(),
  combinations: z.array(combinationInputSchema).optional(),
  attributes: z.array(attributeSchema).optional(),
  weight: money.optional(),
  compareToPrice: money.optional(),
  externalReferenceId: z.string().optional(),
  created: z.union([z.string(), z.number()]).optional(),
  media: z
    .looseObject({
      images: z
        .array(
          z.looseObject({
            id: z.union([z.string(), z.number()]),
            isMain: z.boolean().optional(),
            orderBy: z.number().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
})

export const categoryInputSchema = z.looseObject({
  name: z.string().optional(),
  parentId: z.number().int().nonnegative().optional(),
  orderBy: z.number().int().optional(),
  description: z.string().optional(),
  enabled: z.boolean().optional(),
  productIds: z.array(z.number().int()).optional(),
})

export const inventoryInputSchema = z.object({ quantityDelta: z.number().int() })

export type ProductInput = z.infer<typeof productInputSchema>
export type CombinationInput = z.infer<typeof combinationInputSchema>
export type OptionInput = z.infer<typeof optionSchema>
export type OptionValue = z.infer<typeof optionValueSchema>
export type CategoryInput = z.infer<typeof categoryInputSchema>

/** JSON null means "not sent" here, as Ecwid's Java backend reads it. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls)
  if (value === null || typeof value !== 'object') return value

  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, dropNulls(v)]),
  )
}

/** Parses a body or throws Ecwid's 400 naming the first wrong field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new EcwidError(400, 'WRONG_PARAMETER', 'Request body must be a JSON object')
  }
  const result = schema.safeParse(dropNulls(body))
  if (result.success) return result.data

  const issue = result.error.issues[0]
  const path = issue?.path.join('.') ?? 'body'
  const sent = issue?.path.reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined,
    body,
  )

  throw wrongParameter(path, sent === undefined ? undefined : JSON.stringify(sent))
}
