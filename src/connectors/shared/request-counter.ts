import type { UpstreamSystem } from './upstream-error'

/** Counts HTTP attempts per upstream system (every attempt spends rate limit, retries too). */
export class RequestCounter {
  private readonly counts: Record<UpstreamSystem, number> = { pos: 0, ecom: 0 }

  increment(system: UpstreamSystem): void {
    this.counts[system] += 1
  }

  get(system: UpstreamSystem): number {
    return this.counts[system]
  }

  snapshot(): Record<UpstreamSystem, number> {
    return { ...this.counts }
  }

  reset(): void {
    this.counts.pos = 0
    this.counts.ecom = 0
  }
}

/** The process-wide counter every client adds to unless given its own (benchmarks read it). */
export const globalRequestCounter = new RequestCounter()
