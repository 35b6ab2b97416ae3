/**
 * Marks a request as the merchant working in Retail POS's own back office (e.g. the CSV loader):
 * it is no API client, so neither the rate limit nor the simulator's onRequest hook applies to it.
 * Simulator-only; the real API has no such header.
 */
export const BACK_OFFICE_HEADER = 'x-sim-back-office'
