import sanitizeHtml from 'sanitize-html'

const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6']
const TABLES = ['table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td']
const TEXT = ['p', 'br', 'hr', 'div', 'span', 'blockquote', 'pre', 'code']
const INLINE = ['strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'small', 'a', 'img']
const LISTS = ['ul', 'ol', 'li', 'dl', 'dt', 'dd']

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...TEXT, ...INLINE, ...LISTS, ...HEADINGS, ...TABLES, 'figure', 'figcaption'],
  // No style or class: pasted Word and Google Sheets markup carries them by the hundred
  // (class="MsoNormal", style="mso-…"), and the storefront theme sets the look.
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    col: ['span'],
  },
  allowedSchemesByTag: { img: ['http', 'https'] },
  // Elements whose text is never content. Word's <xml> blocks hold document settings
  // (<w:View>Normal</w:View>); comments, Word's <!--[if gte mso 9]> included, always go.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'xml', 'head', 'title'],
  // Any other tag not listed, o:p and w:Sdt included, is removed but its text stays.
  disallowedTagsMode: 'discard',
}

/**
 * A description made safe for the storefront: normal markup kept, scripts, styles, Word's
 * conditional comments and o:/w: namespaced tags dropped. Every character of the text is kept,
 * emoji, U+2028 and no-break spaces included; entities are written out as the characters they
 * stand for (&nbsp; becomes U+00A0). A description cut off inside a Word comment, as the Vend
 * export's longest ones are, loses the rest of that comment, which holds no text.
 */
export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, OPTIONS)
}
