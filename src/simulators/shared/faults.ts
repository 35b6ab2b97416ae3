/**
 * Fault injection a test switches on at run time, from its own process, over HTTP: answer with an
 * error status, answer slowly, apply a write and never answer, hold a request up before it is
 * applied (as a slow network or proxy would), or answer with a broken body. Each
 * simulator installs the hooks and the /_sim/faults routes, and says what its error bodies are.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { randomUUID } from 'node:crypto'
import { z } from 'zod'

export const faultSpecSchema = z.object({
  method: z.string().min(1).optional(),
  /** A prefix of the request path; starting with '^' it is a regular expression instead. */
  path: z.string().min(1),
  kind: z.enum(['status', 'hang', 'slow', 'late', 'malformed']),
  status: z.number().int().min(100).max(599).optional(),
  /** Seconds, sent as Retry-After with a status fault. */
  retryAfter: z.number().int().nonnegative().optional(),
  /**
   * slow: how long the answer waits (the write is applied first); late: how long the request
   * waits before it is applied and answered; hang: when the connection is destroyed (default:
   * never).
   */
  delayMs: z.number().int().nonnegative().optional(),
  /** How many times the fault fires; without it, until cleared. */
  times: z.number().int().positive().optional(),
  /** How many matching requests pass untouched before the fault starts firing. */
  afterCount: z.number().int().nonnegative().optional(),
  /** Overrides the simulator's error body for a status fault. */
  body: z.unknown().optional(),
})

export type FaultSpec = z.infer<typeof faultSpecSchema>

export interface FaultRule extends FaultSpec {
  id: string
  matched: number
  fired: number
  active: boolean
}

export interface FaultInjector {
  add(spec: FaultSpec): FaultRule
  list(): FaultRule[]
  remove(id: string): boolean
  clear(): void
  /** Counts the request against every matching rule; returns the first rule that fires. */
  take(method: string, path: string): FaultRule | undefined
}

const DEFAULT_SLOW_MS = 1000

export function createFaultInjector(): FaultInjector {
  const rules: { rule: FaultRule; matches: (method: string, path: string) => boolean }[] = []

  return {
    add(spec) {
      const parsed = faultSpecSchema.parse(spec)
      const rule: FaultRule = { ...parsed, id: randomUUID(), matched: 0, fired: 0, active: true }
      const pattern = parsed.path.startsWith('^') ? new RegExp(parsed.path) : undefined
      const method = parsed.method?.toUpperCase()
      rules.push({
        rule,
        matches: (m, p) =>
          (!method || method === m.toUpperCase()) &&
          (pattern ? pattern.test(p) : p.startsWith(parsed.path)),
      })

      return rule
    },
    list() {
      return rules.map((entry) => entry.rule)
    },
    remove(id) {
      const index = rules.findIndex((entry) => entry.rule.id === id)
      if (index >= 0) rules.splice(index, 1)

      return index >= 0
    },
    clear() {
      rules.length = 0
    },
    take(method, path) {
      let firing: FaultRule | undefined
      for (const { rule, matches } of rules) {
        if (!rule.active || !matches(method, path)) continue
        rule.matched += 1
        if (firing || rule.matched <= (rule.afterCount ?? 0)) continue
        rule.fired += 1
        if (rule.times !== undefined && rule.fired >= rule.times) rule.active = false
        firing = rule
      }

      return firing
    },
  }
}

export interface FaultHookOptions {
  /** Requests the faults never touch: control routes, a simulator's own internal calls. */
  skip: (request: FastifyRequest) => boolean
  /** The simulator's error body for a status fault, e.g. Ecwid's {errorMessage, errorCode}. */
  errorBody: (status: number) => unknown
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Installs the hooks on the root instance, so they see every route of the simulator. */
export function installFaultHooks(
  app: FastifyInstance,
  injector: FaultInjector,
  options: FaultHookOptions,
) {
  const pending = new WeakMap<FastifyRequest, FaultRule>()
  const held = new Set<() => void>()

  app.addHook('onRequest', async (request, reply) => {
    if (options.skip(request)) return
    const rule = injector.take(request.method, request.url.split('?')[0] ?? request.url)
    if (!rule) return
    if (rule.kind === 'late') {
      await sleep(rule.delayMs ?? DEFAULT_SLOW_MS)
      return
    }
    if (rule.kind !== 'status') {
      pending.set(request, rule)
      return
    }

    const status = rule.status ?? 500
    if (rule.retryAfter !== undefined) void reply.header('retry-after', String(rule.retryAfter))

    return reply.code(status).send(rule.body ?? options.errorBody(status))
  })

  app.addHook('onSend', async (request, reply, payload) => {
    const rule = pending.get(request)
    if (!rule) return payload
    if (rule.kind === 'slow') await sleep(rule.delayMs ?? DEFAULT_SLOW_MS)
    if (rule.kind === 'malformed') return breakJson(payload)
    if (rule.kind === 'hang') await hang(request, reply, rule.delayMs, held)

    return payload
  })

  // A hanging request would keep close() waiting for ever.
  app.addHook('preClose', (done) => {
    for (const release of held) release()
    done()
  })
}

/** The handler has run, so the write is stored; the client only sees its connection die. */
async function hang(
  request: FastifyRequest,
  reply: FastifyReply,
  delayMs: number | undefined,
  held: Set<() => void>,
) {
  await new Promise<void>((resolve) => {
    const release = () => {
      held.delete(release)
      resolve()
    }
    held.add(release)
    if (delayMs !== undefined) setTimeout(release, delayMs)
  })
  const socket = request.raw.socket as { destroy?: () => void } | undefined
  socket?.destroy?.()
  reply.raw.destroy()
}

function breakJson(payload: unknown): string {
  const text =
    typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? String(payload) : ''
  const broken = text.slice(0, Math.max(1, Math.floor(text.length / 2)))

  return broken.trim().length > 0 ? `${broken}<` : '{"'
}

export function registerFaultRoutes(
  app: FastifyInstance,
  injector: FaultInjector,
  prefix = '/_sim',
) {
  app.get(`${prefix}/faults`, async () => ({ items: injector.list() }))

  app.post(`${prefix}/faults`, async (request, reply) => {
    const parsed = faultSpecSchema.safeParse(request.body)
    if (!parsed.success) {
      return reply.code(400).send({ error: 'invalid fault', issues: parsed.error.issues })
    }
    if (parsed.data.path.startsWith('^')) {
      try {
        new RegExp(parsed.data.path)
      } catch {
        return reply.code(400).send({ error: 'invalid path regular expression' })
      }
    }

    return reply.code(201).send(injector.add(parsed.data))
  })

  app.delete(`${prefix}/faults`, async () => {
    injector.clear()

    return { cleared: true }
  })

  app.delete<{ Params: { id: string } }>(`${prefix}/faults/:id`, async (request, reply) => {
    return injector.remove(request.params.id)
      ? { removed: true }
      : reply.code(404).send({ error: 'no such fault' })
  })
}
