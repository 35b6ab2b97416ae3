function pad(value: number) {
  return String(value).padStart(2, '0')
}

/** Local wall-clock time as 14:05:10, the same in every locale so merchants and support agree. */
export function formatTime(iso: string) {
  const date = new Date(iso)

  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
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
