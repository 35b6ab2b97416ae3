/**
 * Decodes a product export that is UTF-8 except for runs of legacy bytes (the Vend export holds
 * Mac-Roman bytes inside ASCII text). Valid UTF-8 is kept; each invalid run is decoded with the
 * legacy charset that best fits all runs in their context; text that is itself UTF-8 read through
 * Windows-1252 (mojibake such as "â€¢") is then undone, so neither mojibake nor U+FFFD is left.
 */
import chardet from 'chardet'
import iconv from 'iconv-lite'

export class CatalogDecodeError extends Error {
  constructor(
    message: string,
    readonly byteOffset: number,
  ) {
    super(`${message} at byte offset ${byteOffset}`)
  }
}

export interface DecodedCatalog {
  text: string
  /** 'utf-8' for a valid UTF-8 file, else the legacy charset its invalid runs were read in. */
  charset: string
  legacyRuns: number
  /** Runs that were UTF-8 gone through Windows-1252 and came back as the intended characters. */
  repairedRuns: number
}

interface Run {
  start: number
  end: number
}

// WORKAROUND(chardet): chardet has no Mac-Roman detector, so it is always a candidate.
const ALWAYS_TRIED = ['macintosh']
const UTF8 = new TextDecoder('utf-8', { fatal: true })
// Controls, unassigned or private-use code points, or U+FFFD: what a wrong charset produces.
const UNLIKELY = /[\p{Cc}\p{Cn}\p{Co}\ufffd]/u

/** A maximal run of bytes ≥ 0x80 is legacy when it does not decode as UTF-8 on its own. */
function legacyRuns(bytes: Uint8Array): Run[] {
  const runs: Run[] = []
  let i = 0
  while (i < bytes.length) {
    if ((bytes[i] ?? 0) < 0x80) {
      i += 1
      continue
    }
    const start = i
    while (i < bytes.length && (bytes[i] ?? 0) >= 0x80) i += 1
    try {
      UTF8.decode(bytes.subarray(start, i))
    } catch {
      runs.push({ start, end: i })
    }
  }

  return runs
}

// WORKAROUND(iconv-lite): its "macintosh" table has the pre-1998 ¤ at 0xDB; Apple put € there in
// Mac OS 8.5, see https://www.unicode.org/Public/MAPPINGS/VENDORS/APPLE/ROMAN.TXT
function decodeLegacy(bytes: Uint8Array, charset: string): string {
  const text = iconv.decode(Buffer.from(bytes), charset)

  return charset === 'macintosh' ? text.replace(/\u00a4/g, '\u20ac') : text
}

/** "â€¢" → "•": text that is UTF-8 read as Windows-1252, if it is exactly that. */
export function undoWindows1252Mojibake(text: string): string | undefined {
  const bytes = iconv.encode(text, 'windows-1252')
  if (iconv.decode(bytes, 'windows-1252') !== text) return undefined
  if (!bytes.some((b) => b >= 0x80)) return undefined
  try {
    return UTF8.decode(bytes)
  } catch {
    return undefined
  }
}

const isLower = (char: string) => char !== char.toUpperCase() && char === char.toLowerCase()

/**
 * How well a charset explains one run in its context: 3 when the run is repairable mojibake, 1
 * when a letter next to a lowercase ASCII letter decodes to a lowercase letter (é, not È), 0 when
 * it decodes to something printable, and -1 (unusable) for controls or unmapped bytes.
 */
function fit(bytes: Uint8Array, run: Run, charset: string): number {
  const text = decodeLegacy(bytes.subarray(run.start, run.end), charset)
  if (UNLIKELY.test(text)) return -1
  if (undoWindows1252Mojibake(text) !== undefined) return 3
  const before = String.fromCharCode(bytes[run.start - 1] ?? 0x20)
  if (isLower(before) && [...text].every(isLower)) return 1

  return 0
}

// A run of high bytes between ASCII characters is a single-byte charset's; a CJK multi-byte
// charset inside UTF-8 text is not a mix that tools produce, and its tables are slow to load.
const SINGLE_BYTE = /^(windows-125\d|iso-8859-\d+|koi8-[ru])$/i
const SAMPLE_RUNS = 500
const SAMPLE_CONTEXT = 32

// chardet reads the legacy runs in their context only: on a whole 1 MB export it takes seconds,
// and the valid UTF-8 around the runs says nothing about their charset.
/** fit() per run, computed once per distinct run and neighbour: an export repeats a few runs. */
function scoreRuns(bytes: Uint8Array, runs: Run[], charset: string): number[] {
  const memo = new Map<string, number>()

  return runs.map((run) => {
    const hex = Buffer.from(bytes.subarray(run.start, run.end)).toString('hex')
    const key = `${bytes[run.start - 1] ?? 0}:${hex}`
    let score = memo.get(key)
    if (score === undefined) {
      score = fit(bytes, run, charset)
      memo.set(key, score)
    }

    return score
  })
}

function candidates(bytes: Uint8Array, runs: Run[]): string[] {
  const sample = Buffer.concat(
    runs
      .slice(0, SAMPLE_RUNS)
      .map((run) =>
        bytes.subarray(Math.max(0, run.start - SAMPLE_CONTEXT), run.end + SAMPLE_CONTEXT),
      ),
  )
  const detected = chardet
    .analyse(sample)
    .map((match) => match.name)
    .filter((name) => SINGLE_BYTE.test(name) && iconv.encodingExists(name))

  return [...new Set([...detected, ...ALWAYS_TRIED])]
}

/** The first byte that is a control character no text file holds (TAB, LF, FF, CR are fine). */
function firstControlByte(bytes: Uint8Array): number {
  return bytes.findIndex(
    (b) => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f,
  )
}

export function decodeCatalogBytes(input: Uint8Array): DecodedCatalog {
  const bytes =
    input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input
  const control = firstControlByte(bytes)
  if (control >= 0) {
    throw new CatalogDecodeError(
      `control byte 0x${bytes[control]?.toString(16)}: not a text file`,
      control,
    )
  }
  const runs = legacyRuns(bytes)
  if (runs.length === 0)
    return { text: UTF8.decode(bytes), charset: 'utf-8', legacyRuns: 0, repairedRuns: 0 }

  const scored = candidates(bytes, runs).map((charset) => {
    const fits = scoreRuns(bytes, runs, charset)

    return { charset, fits, score: fits.includes(-1) ? -1 : fits.reduce((a, b) => a + b, 0) }
  })
  // Stable sort: on a tie chardet's own order (its confidence) decides.
  const best = [...scored].sort((a, b) => b.score - a.score)[0]
  if (!best || best.score < 0) {
    const worst = runs[scored[0]?.fits.indexOf(-1) ?? 0] ?? runs[0]
    throw new CatalogDecodeError(
      'bytes that no candidate charset decodes sensibly',
      worst?.start ?? 0,
    )
  }

  return assemble(bytes, runs, best.charset)
}

function assemble(bytes: Uint8Array, runs: Run[], charset: string): DecodedCatalog {
  const parts: string[] = []
  let repaired = 0
  let at = 0
  for (const run of runs) {
    parts.push(UTF8.decode(bytes.subarray(at, run.start)))
    const legacy = decodeLegacy(bytes.subarray(run.start, run.end), charset)
    const fixed = undoWindows1252Mojibake(legacy)
    if (fixed !== undefined) repaired += 1
    parts.push(fixed ?? legacy)
    at = run.end
  }
  parts.push(UTF8.decode(bytes.subarray(at)))

  return { text: parts.join(''), charset, legacyRuns: runs.length, repairedRuns: repaired }
}
