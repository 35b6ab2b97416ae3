/** Accessibility checks with axe: every serious or critical violation, in words a reviewer can act on. */
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * Checked once the screen is still: a dialog fading in or a button changing colour as it is
 * enabled is measured half-way otherwise, and its contrast reads too low.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A string: this project's Node types have no DOM. A cancelled animation is as good as ended.
  await page.evaluate(
    'Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))).then(() => null)',
  )
  const results = await new AxeBuilder({ page }).withTags(WCAG_AA).analyze()

  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    )
}
