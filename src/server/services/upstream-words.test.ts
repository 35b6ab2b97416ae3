import { expect, test } from 'vitest'
import { CONNECTOR_CODES, UpstreamError } from '../../connectors/shared/upstream-error'
import { becauseOf, syncFailureReason, uploadFailureReason } from './upstream-words'

function upstream(init: Partial<ConstructorParameters<typeof UpstreamError>[0]>) {
  return new UpstreamError({
    system: 'pos',
    status: 500,
    vendorCode: null,
    message: 'Retail POS had a problem on its side',
    retryable: true,
    ...init,
  })
}

const faults = [
  { name: '5xx', init: { status: 503 } },
  { name: 'timeout', init: { status: null, vendorCode: CONNECTOR_CODES.timeout } },
  { name: 'network', init: { status: null, vendorCode: CONNECTOR_CODES.network } },
  { name: '408', init: { status: 408 } },
  { name: '429', init: { status: 429 } },
]

for (const system of ['pos', 'ecom'] as const) {
  const label = system === 'pos' ? 'Retail POS' : 'eCom'
  for (const { name, init } of faults) {
    for (const outcomeUnknown of [false, true]) {
      test(`${label}, ${name}${outcomeUnknown ? ' on a create' : ''}: one plain sentence naming ${label} once, no codes`, () => {
        const error = upstream({
          system,
          message: 'HTTP 503 internal words',
          outcomeUnknown,
          ...init,
        })

        for (const reason of [uploadFailureReason(error, 'SKU-1'), syncFailureReason(error)]) {
          expect(reason.split(label)).toHaveLength(2)
          expect(reason).not.toMatch(
            /HTTP|\b\d{3}\b|TIMEOUT|NETWORK|internal words|may have been saved/,
          )
          expect(reason).toMatch(/^(eCom|[A-Z]).*\.$/)
        }
      })
    }
  }
}

test('a Retail POS 500 on a create: what happened, and that a retry links a product saved after all', () => {
  const error = upstream({ status: 500, outcomeUnknown: true })

  expect(uploadFailureReason(error, 'MUG-1')).toBe(
    'Retail POS had a problem saving this product. Retry it; if it was saved after all, the retry links it instead of creating it twice.',
  )
})

test('an eCom timeout on a create of a product without a SKU: a retry cannot tell, so the merchant looks first', () => {
  const error = upstream({
    system: 'ecom',
    status: null,
    vendorCode: CONNECTOR_CODES.timeout,
    outcomeUnknown: true,
  })

  expect(uploadFailureReason(error, '')).toBe(
    'eCom did not answer in time while saving this product. Look for it in eCom before you retry it: without a SKU the app cannot tell whether it was saved, and a retry would create it again.',
  )
})

test('a read that could not reach eCom: retry later, then support', () => {
  const error = upstream({ system: 'ecom', status: null, vendorCode: CONNECTOR_CODES.network })

  expect(uploadFailureReason(error, 'MUG-1')).toBe(
    'eCom could not be reached. Retry it in a few minutes; if it keeps happening, contact support.',
  )
})

test('an eCom batch left unfinished', () => {
  const error = upstream({
    system: 'ecom',
    status: null,
    vendorCode: CONNECTOR_CODES.batchIncomplete,
    outcomeUnknown: true,
  })

  expect(uploadFailureReason(error, 'MUG-1')).toMatch(
    /^eCom did not finish saving this product\. Retry it; if it was saved after all/,
  )
})

test("a refusal keeps the system's own words, as one sentence naming it once", () => {
  const error = upstream({
    system: 'ecom',
    status: 409,
    vendorCode: 'SKU_ALREADY_EXISTS',
    message: 'eCom refused the SKU because another product already uses it',
    retryable: false,
  })

  expect(uploadFailureReason(error, 'MUG-1')).toBe(
    'eCom refused the SKU because another product already uses it.',
  )
  expect(syncFailureReason(error)).toBe(
    'eCom refused the SKU because another product already uses it. The next sync tries again.',
  )
})

test('a change of the ongoing sync: the system named by the sentence before is not named again', () => {
  expect(
    `eCom did not take the update${becauseOf(upstream({ system: 'ecom', status: 502 }))}.`,
  ).toBe('eCom did not take the update, because it had a problem on its side.')
  expect(
    syncFailureReason(
      upstream({ system: 'ecom', status: null, vendorCode: CONNECTOR_CODES.timeout }),
    ),
  ).toBe('eCom did not answer in time. The next sync tries again.')
})
