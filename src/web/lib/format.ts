/** Local time with seconds (a rate-limit wait is short), written as formatDateTime writes times. */
export function formatTime(iso: string) {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date(iso))
}

export function formatDateTime(iso: string) {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  )
}

export function formatPrice(price: string | null, currency: string | undefined) {
  if (price === null) return 'Not set'

  const amount = Number(price)
  if (!currency || Number.isNaN(amount)) return price

  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount)
  } catch {
    return `${price} ${currency}`
  }
}

export function formatStock(stock: number | null) {
  return stock === null ? 'Not tracked' : String(stock)
}

export function plural(count: number, one: string, many: string) {
  return `${count} ${count === 1 ? one : many}`
}

/** A rough duration for an estimate: "less than a minute", "about 4 min", "about 1 h 20 min". */
export function formatDuration(seconds: number) {
  if (seconds < 60) return 'less than a minute'

  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return `about ${minutes} min`

  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60

  return rest === 0 ? `about ${hours} h` : `about ${hours} h ${rest} min`
}

/** Products per minute, whole numbers once above ten. */
export function formatRate(perMinute: number) {
  const rounded = perMinute >= 10 ? Math.round(perMinute) : Math.round(perMinute * 10) / 10

  return `${rounded} ${rounded === 1 ? 'product' : 'products'} a minute`
}
