/**
 * The simulated eCom admin at GET /: a store's control panel with the app open under
 * Catalog > Products > "Listed on Lightspeed Retail", embedded as eCom embeds native apps. Plain
 * HTML with inline CSS, nothing from a CDN, so it works offline and in e2e runs.
 */

export interface AdminPageStore {
  storeId: number
  name: string
}

export interface AdminPageInput {
  stores: readonly AdminPageStore[]
  current: AdminPageStore
  iframeUrl: string
}

export const APP_TAB_LABEL = 'Listed on Lightspeed Retail'

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

const STYLE = `
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; font-family: -apple-system, 'Segoe UI', Roboto, sans-serif;
    color: #1f2933; background: #f4f5f7; }
  .shell { display: grid; grid-template-columns: 232px 1fr; grid-template-rows: 56px 1fr;
    height: 100%; }
  header { grid-column: 1 / 3; display: flex; align-items: center; gap: 16px; padding: 0 20px;
    background: #0f1f2e; color: #fff; }
  header .brand { font-weight: 600; letter-spacing: .2px; }
  header .store { margin-left: auto; display: flex; align-items: center; gap: 8px;
    font-size: 14px; }
  header select { font: inherit; padding: 4px 8px; border-radius: 4px; border: 0; }
  nav { background: #fff; border-right: 1px solid #dde1e6; padding: 12px 0; overflow-y: auto; }
  nav ul { list-style: none; margin: 0; padding: 0; }
  nav a, nav span { display: block; padding: 8px 20px; color: #3e4c59; text-decoration: none;
    font-size: 14px; }
  nav .group > span { font-weight: 600; color: #1f2933; }
  nav .sub a, nav .sub span { padding-left: 36px; }
  nav .sub .sub a { padding-left: 52px; }
  nav a[aria-current="page"] { background: #e6f0ff; color: #0b5cd5; font-weight: 600;
    border-left: 3px solid #0b5cd5; }
  main { display: flex; flex-direction: column; min-height: 0; }
  main h1 { margin: 0; padding: 16px 24px 8px; font-size: 20px; font-weight: 600; }
  main iframe { flex: 1; width: 100%; border: 0; background: #fff; }
`

export function renderAdminPage({ stores, current, iframeUrl }: AdminPageInput): string {
  const options = stores
    .map((store) => {
      const selected = store.storeId === current.storeId ? ' selected' : ''

      const label = `${escapeHtml(store.name)} (#${store.storeId})`

      return `<option value="${store.storeId}"${selected}>${label}</option>`
    })
    .join('')

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(current.name)} · ${APP_TAB_LABEL}</title>
<style>${STYLE}</style>
</head>
<body>
<div class="shell">
  <header>
    <span class="brand">eCom admin (simulated)</span>
    <form class="store" method="get" action="/">
      <label for="store">Store</label>
      <select id="store" name="store" onchange="this.form.submit()">${options}</select>
      <noscript><button type="submit">Open</button></noscript>
    </form>
  </header>
  <nav aria-label="Control panel">
    <ul>
      <li><span>Dashboard</span></li>
      <li><span>Sales</span></li>
      <li class="group"><span>Catalog</span>
        <ul class="sub">
          <li class="group"><span>Products</span>
            <ul class="sub">
              <li><a href="/?store=${current.storeId}" aria-current="page">${APP_TAB_LABEL}</a></li>
            </ul>
          </li>
          <li><span>Categories</span></li>
        </ul>
      </li>
      <li><span>Marketing</span></li>
      <li><span>Settings</span></li>
    </ul>
  </nav>
  <main>
    <h1>${APP_TAB_LABEL}</h1>
    <iframe title="${APP_TAB_LABEL}" src="${escapeHtml(iframeUrl)}"></iframe>
  </main>
</div>
</body>
</html>
`
}
