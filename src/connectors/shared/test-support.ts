import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { pino } from 'pino'

/** The shared fixtures folder, `../shared/api/fixtures` from the repository root. */
export const FIXTURES_DIR = fileURLToPath(
  new URL('../../../../shared/api/fixtures', import.meta.url),
)

export const hasFixtures = existsSync(FIXTURES_DIR)

export const SKIP_NOTE = `skipped: ${FIXTURES_DIR} is absent (../shared from the repository root)`

export function fixtureNames(system: 'xseries' | 'ecwid'): string[] {
  return hasFixtures
    ? readdirSync(`${FIXTURES_DIR}/${system}`).filter((f) => f.endsWith('.json'))
    : []
}

export function readFixture(system: 'xseries' | 'ecwid', name: string): unknown {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}/${system}/${name}`, 'utf8')) as unknown
}

/** A pino logger at debug level that keeps every line in memory, to check what was logged. */
export function createCapturingLogger() {
  const lines: string[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) })

  return { logger, lines, text: () => lines.join('') }
}
