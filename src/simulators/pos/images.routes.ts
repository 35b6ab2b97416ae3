/**
 * The simulator's stand-in for Retail POS's image CDN: every /images/…/<size>.svg answers a small
 * generated picture, so demo products' image URLs resolve without shipping binary files. Public,
 * as CDN URLs are.
 */
import type { FastifyInstance } from 'fastify'
import { imagePixels } from './product-view'

const PALETTE = ['#2f6f4e', '#8c3b2e', '#2e4c8c', '#8c7a2e', '#5b2e8c', '#2e7f8c', '#8c2e62']

function escapeXml(text: string) {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function colourFor(key: string) {
  let hash = 0
  for (const char of key) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0

  return PALETTE[hash % PALETTE.length] ?? '#444444'
}

export function placeholderSvg(path: string): string {
  const parts = path.split('/').filter(Boolean)
  const size = (parts.at(-1) ?? 'standard').replace(/\.svg$/, '')
  const label = (parts.at(-2) ?? 'image').replace(/[-_]+/g, ' ')
  const pixels = imagePixels(size)
  const isPlaceholder = path.includes('/placeholder/')
  const fill = isPlaceholder ? '#e6e6e6' : colourFor(label)
  const text = isPlaceholder ? 'no image' : label

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${pixels}" height="${pixels}" viewBox="0 0 200 200">`,
    `<rect width="200" height="200" fill="${fill}"/>`,
    `<text x="100" y="108" font-family="sans-serif" font-size="16" fill="#ffffff" text-anchor="middle">`,
    `${escapeXml(text.slice(0, 24))}</text></svg>`,
  ].join('')
}

export function registerImageRoutes(app: FastifyInstance) {
  app.get<{ Params: { '*': string } }>('/images/*', async (request, reply) => {
    const path = request.params['*']
    if (!path.endsWith('.svg')) return reply.code(404).send({ error: 'image not found' })

    return reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=86400')
      .send(placeholderSvg(path))
  })
}
