import {
  CONNECTOR_CODES,
  isUpstreamError,
  SYSTEM_LABEL,
  UpstreamError,
} from '../../connectors/shared/upstream-error'

/** Plain words for a merchant about an upstream failure; the detail goes to logs and support. */
export function describeUpstreamError(error: unknown, system: string): string {
  if (error instanceof UpstreamError) return error.message

  return `${system} could not be reached. Try again in a minute; if it keeps happening, contact support.`
}

/**
 * The upstream did not do its part (5xx, no answer in time, no connection, rate limit past what
 * the app waits, an eCom batch left unfinished), as opposed to refusing the data: the merchant
 * reads the same words whatever status or vendor code it came with; those stay in the detail.
 */
type Fault = 'server' | 'timeout' | 'network' | 'rate-limit' | 'unfinished'

function faultOf(error: UpstreamError): Fault | null {
  if (error.status === 429) return 'rate-limit'
  if (error.vendorCode === CONNECTOR_CODES.batchIncomplete) return 'unfinished'
  // eCom's own TIMEOUT code and the connector's are the same word.
  if (error.status === 408 || error.vendorCode === CONNECTOR_CODES.timeout) return 'timeout'
  if (error.vendorCode === CONNECTOR_CODES.network) return 'network'
  if (error.status !== null && error.status >= 500) return 'server'

  return null
}

/**
 * What happened, naming the system once: `subject` is its name, or a pronoun when the sentence
 * already named it. `saving` names what was being saved when the write's outcome is unknown.
 */
function happened(fault: Fault, subject: string, saving: string | null): string {
  switch (fault) {
    case 'server':
      return saving
        ? `${subject} had a problem saving ${saving}`
        : `${subject} had a problem on its side`
    case 'timeout':
      return saving
        ? `${subject} did not answer in time while saving ${saving}`
        : `${subject} did not answer in time`
    case 'network':
      return saving
        ? `the connection to ${subject} broke while saving ${saving}`
        : `${subject} could not be reached`
    case 'rate-limit':
      return `${subject} asked the app to slow down for longer than it waits`
    case 'unfinished':
      return `${subject} did not finish saving ${saving ?? 'the change'}`
  }
}

/** A sentence's start; "eCom" keeps its small e. */
function capitalized(text: string): string {
  if (text.startsWith('eCom')) return text

  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The connector's words as one sentence that names the system (they nearly always do). */
function asSentence(error: UpstreamError): string {
  const label = SYSTEM_LABEL[error.system]
  const said = error.message.replace(/[.;\s]+$/, '')

  return said.includes(label) ? `${capitalized(said)}.` : `${label}: ${said}.`
}

/**
 * The reason an upload shows for a product that failed on an upstream: one sentence on what
 * happened, naming the system once, then what to do. A product whose save may have happened
 * (outcome unknown) is said so only when a retry settles it: the retry of a failed item is a
 * take-over, which looks the product's SKU up on the target before creating (case C2), so a
 * product saved after all is linked, not created twice. Without a SKU nothing can be looked up.
 */
export function uploadFailureReason(error: UpstreamError, sku: string | undefined): string {
  const label = SYSTEM_LABEL[error.system]
  const fault = faultOf(error)
  if (!fault) return asSentence(error)
  if (!error.outcomeUnknown) {
    return `${capitalized(happened(fault, label, null))}. Retry it in a few minutes; if it keeps happening, contact support.`
  }
  const what = capitalized(happened(fault, label, 'this product'))
  if (sku && sku.trim() !== '') {
    return `${what}. Retry it; if it was saved after all, the retry links it instead of creating it twice.`
  }

  return `${what}. Look for it in ${label} before you retry it: without a SKU the app cannot tell whether it was saved, and a retry would create it again.`
}

/** The same for a change the ongoing sync could not write; the sync itself tries again. */
export function syncFailureReason(error: UpstreamError): string {
  const fault = faultOf(error)
  const said = fault
    ? `${capitalized(happened(fault, SYSTEM_LABEL[error.system], error.outcomeUnknown ? 'the change' : null))}.`
    : asSentence(error)

  return `${said} The next sync tries again.`
}

/**
 * Why one change of a sync failed, after a sentence that already names the system and the change
 * ("eCom did not take the update"): the system is not named again.
 */
export function becauseOf(error: unknown): string {
  if (!isUpstreamError(error)) return ''
  const fault = faultOf(error)
  if (fault) return `, because ${happened(fault, 'it', null)}`
  const label = SYSTEM_LABEL[error.system]
  const said = error.message.replace(/[.;\s]+$/, '')

  return said.startsWith(`${label} `) ? `: ${said.slice(label.length + 1)}` : `: ${said}`
}
