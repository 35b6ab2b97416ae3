/**
 * Imported first by main.tsx, before any schema is built: zod's compiled fast path probes for
 * `new Function`, which the app's content security policy forbids, and the browser reports that
 * probe as a policy violation in the console of every page. Without it zod validates the same,
 * by interpretation.
 */
import { z } from 'zod'

z.config({ jitless: true })
