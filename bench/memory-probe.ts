export {}

/**
 * Loaded into the BFF process by bench/scale-upload.ts only (`--expose-gc --import`), never by
 * the product: on SIGUSR2 it runs a full garbage collection and prints the process's memory
 * afterwards, so the benchmark measures from the same collected baseline at every size.
 */
const collectGarbage = (globalThis as { gc?: () => void }).gc

process.on('SIGUSR2', () => {
  collectGarbage?.()
  collectGarbage?.()
  const usage = process.memoryUsage()
  process.stdout.write(
    `memory-probe ${JSON.stringify({ collected: collectGarbage !== undefined, rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, arrayBuffers: usage.arrayBuffers })}\n`,
  )
})
