import { expect, test } from 'vitest'

import { bodyExcerpt, loggablePath, redactSecrets } from './redact'

test('removes the given token and anything shaped like a token', () => {
  const text = 'Bearer abc.def secret_XYZ123 public_AAA9 token=s3cr3t&x=1 my-own-token-value'

  const clean = redactSecrets(text, ['my-own-token-value'])

  expect(clean).not.toMatch(/abc\.def|secret_XYZ123|public_AAA9|s3cr3t|my-own-token-value/)
  expect(clean).toContain('x=1')
})

test('blanks secret query values in a loggable path and keeps the rest', () => {
  const url = new URL('https://x.test/api/v3/1/products?sku=AB-1&token=secret_1&limit=5')

  expect(loggablePath(url)).toBe('/api/v3/1/products?sku=AB-1&token=%5Bredacted%5D&limit=5')
})

test('cuts long bodies for support', () => {
  const excerpt = bodyExcerpt({ errorMessage: 'x'.repeat(900) }, [], 100)

  expect(excerpt).toHaveLength(101)
  expect(bodyExcerpt('', [])).toBeNull()
})
