/**
 * The page Retail POS sends the merchant back to, in the window the app opened for it: it tells
 * the app (its opener, same origin) how the connect ended and closes; opened any other way, it
 * says so itself. Its own CSP allows its one inline script by nonce and no framing.
 */
import { randomBytes } from 'node:crypto'
import type { PosConnectMessage } from '../../contracts/api'
import type { ConnectOutcome } from '../services/pos-connection'

const TITLES: Record<ConnectOutcome['kind'], string> = {
  connected: 'Retail POS is connected',
  denied: 'Retail POS was not connected',
  refused: 'This link cannot connect Retail POS',
  failed: 'Retail POS could not be connected',
}

const CONNECTED_TEXT =
  'You can close this window and go back to Listed on Lightspeed Retail in your eCom admin.'

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function renderConnectPage(outcome: ConnectOutcome) {
  const nonce = randomBytes(16).toString('base64')
  const message: PosConnectMessage = {
    type: 'pos-connection',
    outcome: outcome.kind,
    message: outcome.kind === 'connected' ? null : outcome.message,
  }
  const text = outcome.kind === 'connected' ? CONNECTED_TEXT : outcome.message
  const data = JSON.stringify(message).replace(/</g, '\\u003c')
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(TITLES[outcome.kind])}</title>
<style>body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; }</style>
</head>
<body>
<main><h1>${escapeHtml(TITLES[outcome.kind])}</h1><p>${escapeHtml(text)}</p></main>
<script type="application/json" id="outcome">${data}</script>
<script nonce="${nonce}">
(function () {
  var message = JSON.parse(document.getElementById('outcome').textContent);
  if (!window.opener) return;
  try { window.opener.postMessage(message, window.location.origin); } catch (e) { return; }
  window.close();
})();
</script>
</body>
</html>
`

  return {
    html,
    status: outcome.kind === 'refused' ? 400 : outcome.kind === 'failed' ? 502 : 200,
    csp: [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      "style-src 'unsafe-inline'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  }
}
