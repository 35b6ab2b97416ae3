import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { CatalogDecodeError, decodeCatalogBytes } from './catalog-decode'
import { hasVendExport, VEND_EXPORT } from './pos-test-helpers'

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))

describe('decodeCatalogBytes', () => {
  test('keeps valid UTF-8 as it is, emoji and CJK included', () => {
    const text = 'name\nCafé Crème ☕ 東京 🌈\n'

    const decoded = decodeCatalogBytes(Buffer.from(text, 'utf8'))

    expect(decoded).toMatchObject({ text, charset: 'utf-8', legacyRuns: 0 })
  })

  test('undoes UTF-8 that went through Windows-1252 and then Mac-Roman', () => {
    // 89 DB A2 is "â€¢" in Mac-Roman, itself "•" (E2 80 A2) read as Windows-1252; E5 CA is "Â" +
    // no-break space, i.e. C2 A0.
    const input = bytes('<span>', [0x89, 0xdb, 0xa2], 'Official</span><p>!', [0xe5, 0xca], '</p>')

    const decoded = decodeCatalogBytes(input)

    expect(decoded.text).toBe('<span>•Official</span><p>!\u00a0</p>')
    expect(decoded).toMatchObject({ charset: 'macintosh', legacyRuns: 2, repairedRuns: 2 })
  })

  test('reads Mac-Roman letters where a lowercase letter fits the context', () => {
    const decoded = decodeCatalogBytes(bytes('Caf', [0x8e], ' cr', [0x8f], 'me'))

    expect(decoded.text).toBe('Café crème')
    expect(decoded.charset).toBe('macintosh')
  })

  test('reads Latin-1 text as Latin-1, as chardet detects it', () => {
    const french = 'Le café crème est servi à la terrasse, dans une tasse en grès émaillé.'

    const decoded = decodeCatalogBytes(Buffer.from(french, 'latin1'))

    expect(decoded.text).toBe(french)
  })

  test('refuses a file with control bytes, giving the byte offset', () => {
    const decode = () => decodeCatalogBytes(bytes('handle,sku\nab', [0x00, 0x01], 'c'))

    expect(decode).toThrow(CatalogDecodeError)
    expect(decode).toThrow('at byte offset 13')
  })
})

const title = hasVendExport
  ? 'the Vend export in ../shared/catalogs'
  : `the Vend export: SKIPPED, ${VEND_EXPORT} is not there`

describe.skipIf(!hasVendExport)(title, () => {
  test('decodes its 1,335 Mac-Roman runs without mojibake or U+FFFD', () => {
    const decoded = decodeCatalogBytes(readFileSync(VEND_EXPORT))

    expect(decoded).toMatchObject({ charset: 'macintosh', legacyRuns: 1335, repairedRuns: 1335 })
    expect(decoded.text).toContain('•Official Harvard University Acessory')
    expect(decoded.text).toContain('detailing</span><span>!</span>\u00a0</p>')
    expect(decoded.text).not.toMatch(/\ufffd|Â|â€/)
  })
})
