/**
 * How long a stopping worker lets the work in hand finish. Work cut off here is safe to cut: an
 * item's lease runs out and another process (or the next start) takes it over, and a sync turn
 * is read again from its snapshot. Without a bound, Ctrl-C on a store whose API paces the app to
 * its rate limit would wait out a whole catch-up.
 */
export const STOP_GRACE_MS = 5_000

/** Resolves when `work` has settled, or after STOP_GRACE_MS, whichever comes first. */
export async function settleWithin(work: Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))

  await Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    grace,
  ])
  clearTimeout(timer)
}
