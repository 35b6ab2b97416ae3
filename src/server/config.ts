/**
 * Everything the BFF reads from its environment, with the embedded defaults that let
 * `npm start` run on a fresh machine against the local simulators.
 */
import { resolve } from 'node:path'
import { z } from 'zod'

/** The placeholder for a connected store's domain prefix in POS_API_URL. */
export const DOMAIN_PREFIX = '{domain_prefix}'
const LIGHTSPEED_AUTHORIZE_URL = 'https://secure.retail.lightspeed.app'

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  POS_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  ECOM_SIM_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… to keep everything in PostgreSQL (shared by several processes); else SQLite. */
  DATABASE_URL: z
    .string()
    .regex(/^(postgres|postgresql):\/\/./, 'must be a postgres:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Where the Retail POS API answers; by default the local simulator. `{domain_prefix}` stands
   * for the connected store's prefix: https://{domain_prefix}.retail.lightspeed.app.
   */
  POS_API_URL: z
    .string()
    .refine((url) => URL.canParse(url.replaceAll(DOMAIN_PREFIX, 'store')), 'must be a URL')
    .optional(),
  /**
   * A Retail POS personal token: used for every store that has not connected its own Retail POS
   * over OAuth (nor disconnected). Unset, a store must connect.
   */
  POS_TOKEN: z.string().min(1).optional(),
  /** The app as registered with Lightspeed; by default the POS simulator's demo app. */
  POS_OAUTH_CLIENT_ID: z.string().min(1).default('pos-ecom-sync-demo'),
  POS_OAUTH_CLIENT_SECRET: z.string().min(1).default('demo-pos-client-secret'),
  /** Where Retail POS sends the merchant back; by default APP_URL/api/pos-connection/callback. */
  POS_OAUTH_REDIRECT_URL: z.string().url().optional(),
  /**
   * Where the merchant allows the app (`/connect` under it); by default POS_API_URL, or
   * https://secure.retail.lightspeed.app when POS_API_URL names no single store.
   */
  POS_OAUTH_AUTHORIZE_URL: z.string().url().optional(),
  POS_SIM_TOKEN: z.string().min(1).default('pos-demo-token'),
  POS_REGISTERS: z.coerce.number().int().min(1).default(1),
  /**
   * The Retail POS outlets (names or ids, comma-separated) whose stock is for sale online; by
   * default every outlet. This and the two below apply to stores that chose none in Settings
   * (services/store-settings.ts).
   */
  POS_STOCK_OUTLETS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter((name) => name !== ''),
    ),
  /** The Retail POS outlet (name or id) that serves the online store; by default the first. */
  POS_ONLINE_OUTLET: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * The Retail POS payment type (name or id) eCom sales are paid with and their returns refunded
   * through; by default one named like "eCom", "Online" or "Other".
   */
  POS_ECOM_PAYMENT_TYPE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** Base of the eCom REST API, without the store id. */
  ECOM_API_URL: z.string().url().optional(),
  ECOM_SIM_STORE_ID: z.coerce.number().int().positive().default(1003),
  ECOM_SIM_TOKEN: z.string().min(1).default('secret_demo'),
  /** The app's client secret at eCom: it keys the admin payload and signs webhooks. */
  ECOM_CLIENT_SECRET: z.string().min(16).default('demo_client_secret_0123456789'),
  /** Key for credentials at rest (any string; hashed to 256 bits). */
  APP_SECRET_KEY: z.string().min(16).default('pos-ecom-sync-development-key'),
  /** Public URL of the app, used by the simulated eCom admin to frame it. */
  APP_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Products worked on at once within one run. */
  UPLOAD_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  /** eCom creates per Batch API request in an upload of at least that many products; 0 = none. */
  UPLOAD_BATCH_SIZE: z.coerce.number().int().min(0).max(500).default(100),
  /** The ongoing sync's catch-up over the Retail POS version cursor, besides webhooks. */
  CATCH_UP_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Upstream request timeout. */
  UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  SIM_SEED: z.enum(['demo', 'none']).default('demo'),
  /** Simulators: 1 = real rate-limit windows; 0.01 = windows 100× shorter; 0 = no limits. */
  SIM_TIME_SCALE: z.coerce.number().min(0).default(1),
  /**
   * Scales the published rate-limit windows the app paces itself to. Only for running against
   * simulators whose windows are compressed the same way (SIM_TIME_SCALE); 1 for real APIs.
   */
  RATE_LIMIT_TIME_SCALE: z.coerce.number().positive().max(1).default(1),
  /**
   * Origins of the eCom admin allowed to frame the app (CSP frame-ancestors), comma or space
   * separated. By default the local eCom simulator's.
   */
  ECOM_ADMIN_ORIGINS: z.string().optional(),
  /** How long a worker holds an item (or a run's planning) before another may take it over. */
  WORKER_LEASE_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** How often an idle worker looks for work started by another process. */
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** Whether this BFF process also works uploads (off when dedicated `npm run worker`s do). */
  UPLOAD_WORKER: z.enum(['on', 'off']).default('on'),
  /**
   * During a Retail POS → eCom upload, how often the local POS index is brought up to date, so a
   * product deleted in Retail POS meanwhile is reported instead of uploaded.
   */
  POS_INDEX_REFRESH_MS: z.coerce.number().int().min(100).default(60_000),
  /**
   * While the merchant pages and searches the picker, how often the local POS index is brought up
   * to date in the background (a page never waits on Retail POS for it).
   */
  POS_INDEX_BROWSE_REFRESH_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
})

export type AppConfig = ReturnType<typeof loadConfig>

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`pos-ecom-sync: invalid configuration\n  ${problems.join('\n  ')}`)
  }
  const e = parsed.data
  const dataDir = resolve(e.DATA_DIR)
  const appUrl = e.APP_URL ?? `http://localhost:${e.PORT}`
  const posApiUrl = e.POS_API_URL ?? `http://localhost:${e.POS_SIM_PORT}`
  const isPerStoreHost = posApiUrl.includes(DOMAIN_PREFIX)
  if (isPerStoreHost && e.POS_TOKEN) {
    throw new Error(
      'pos-ecom-sync: invalid configuration\n  POS_TOKEN: a personal token needs a POS_API_URL ' +
        `naming one store, not ${DOMAIN_PREFIX}`,
    )
  }

  return {
    port: e.PORT,
    dataDir,
    databaseFile: resolve(dataDir, 'app.sqlite'),
    databaseUrl: e.DATABASE_URL,
    appUrl,
    pos: {
      apiUrl: posApiUrl,
      /** The personal token of stores with no OAuth connection of their own; null: none. */
      token: e.POS_TOKEN ?? null,
      registers: e.POS_REGISTERS,
      onlineOutlet: e.POS_ONLINE_OUTLET,
      stockOutlets: e.POS_STOCK_OUTLETS,
      ecomPaymentType: e.POS_ECOM_PAYMENT_TYPE,
      indexBrowseRefreshMs: e.POS_INDEX_BROWSE_REFRESH_MS,
      oauth: {
        clientId: e.POS_OAUTH_CLIENT_ID,
        clientSecret: e.POS_OAUTH_CLIENT_SECRET,
        redirectUri: e.POS_OAUTH_REDIRECT_URL ?? `${appUrl}/api/pos-connection/callback`,
        authorizeUrl:
          e.POS_OAUTH_AUTHORIZE_URL ?? (isPerStoreHost ? LIGHTSPEED_AUTHORIZE_URL : posApiUrl),
      },
    },
    ecom: {
      apiUrl: e.ECOM_API_URL ?? `http://localhost:${e.ECOM_SIM_PORT}/api/v3`,
      clientSecret: e.ECOM_CLIENT_SECRET,
    },
    secretKey: e.APP_SECRET_KEY,
    logLevel: e.LOG_LEVEL,
    uploadConcurrency: e.UPLOAD_CONCURRENCY,
    uploadBatchSize: e.UPLOAD_BATCH_SIZE,
    catchUpIntervalMs: e.CATCH_UP_INTERVAL_MS,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    rateLimitTimeScale: e.RATE_LIMIT_TIME_SCALE,
    ecomAdminOrigins: parseOrigins(e.ECOM_ADMIN_ORIGINS) ?? [`http://localhost:${e.ECOM_SIM_PORT}`],
    worker: {
      enabled: e.UPLOAD_WORKER === 'on',
      leaseMs: e.WORKER_LEASE_MS,
      pollMs: e.WORKER_POLL_MS,
      posIndexRefreshMs: e.POS_INDEX_REFRESH_MS,
    },
    simulators: {
      posPort: e.POS_SIM_PORT,
      ecomPort: e.ECOM_SIM_PORT,
      posToken: e.POS_SIM_TOKEN,
      ecomStoreId: e.ECOM_SIM_STORE_ID,
      ecomToken: e.ECOM_SIM_TOKEN,
      seed: e.SIM_SEED,
      timeScale: e.SIM_TIME_SCALE,
    },
  }
}

/** Origins as CSP wants them (scheme://host[:port]); anything else is a configuration error. */
function parseOrigins(raw: string | undefined): string[] | undefined {
  const parts = (raw ?? '').split(/[\s,]+/).filter(Boolean)
  if (parts.length === 0) return undefined

  return parts.map((part) => {
    const url = URL.canParse(part) ? new URL(part) : null
    if (
      !url ||
      !['http:', 'https:'].includes(url.protocol) ||
      url.origin !== part.replace(/\/$/, '')
    ) {
      throw new Error(
        `pos-ecom-sync: invalid configuration\n  ECOM_ADMIN_ORIGINS: "${part}" is not an origin such as https://my.ecwid.com`,
      )
    }

    return url.origin
  })
}
