/**
 * The heading of a run that ended with products not uploaded, shared by the BFF (the run's
 * message) and the SPA (its status text) so both say the same. A refusal is not an error: the
 * product breaks a sync rule and the merchant changes it; a failure is the upload's fault or an
 * upstream's, and a retry may get it through. So each is counted by its name.
 */
export function completedWords(counts: { failed: number; refused: number }): string {
  const parts = [
    counts.failed > 0 ? `${counts.failed} failed` : null,
    counts.refused > 0 ? `${counts.refused} refused` : null,
  ].filter((part): part is string => part !== null)

  return parts.length > 0 ? `Completed: ${parts.join(', ')}` : 'Completed'
}
