import { pino, type Logger } from 'pino'

export type { Logger }

/** One JSON logger for the BFF; credentials never reach it. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'pos-ecom-sync' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.token',
        '*.accessToken',
        '*.access_token',
        '*.payload',
      ],
      censor: '[redacted]',
    },
  })
}
