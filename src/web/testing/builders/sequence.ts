let counter = 0

/** A fresh number for each built record, so ids never collide within a test. */
export function nextId() {
  counter += 1

  return counter
}
