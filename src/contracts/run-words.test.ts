import { expect, test } from 'vitest'

import { completedWords } from './run-words'

test('a finished run says how many failed and how many were refused, never calling refusals errors', () => {
  expect(completedWords({ failed: 1, refused: 2 })).toBe('Completed: 1 failed, 2 refused')
  expect(completedWords({ failed: 0, refused: 5 })).toBe('Completed: 5 refused')
  expect(completedWords({ failed: 3, refused: 0 })).toBe('Completed: 3 failed')
  expect(completedWords({ failed: 0, refused: 0 })).toBe('Completed')
})
