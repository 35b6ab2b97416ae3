import { readFileSync } from 'node:fs'
import { getJson } from '../support/apis'
import { expect, test, useStack } from '../fixtures'
import { startStack, type Stack } from '../support/stack'

test.describe.configure({ mode: 'serial' })

let stack: Stack

test.beforeAll(async () => {
  stack = await startStack({
    seed: 'demo',
    env: { SIM_TIME_SCALE: '0.01', RATE_LIMIT_TIME_SCALE: '0.01' },
  })
  useStack(stack)
})
test.afterAll(async () => stack?.stop())

/** A composite named with an emoji: refused, so it lands in the file. */
async function addLeafGiftBox() {
  const headers = { authorization: `Bearer ${stack.posToken}`, 'content-type': 'application/json' }
  const page = await getJson<{ data: { id: string; sku: string }[] }>(
    `${stack.posUrl}/api/2.0/products?page_size=1000`,
    stack.posToken,
  )
  const mug = page.data.find((p) => p.sku === 'DO-MUG-CAMP')
  const res = await fetch(`${stack.posUrl}/api/2.0/products`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      name: 'Leaf Gift Box 🍃',
      sku: 'DO-LEAF-BOX',
      price_excluding_tax: 25,
      composite: [{ product_id: mug?.id, quantity: 2 }],
    }),
  })
  expect(res.ok).toBe(true)
}

test('merchant downloads the failed and refused products as a CSV that Excel reads as UTF-8', async ({
  app,
  listed,
  picker,
  run,
}) => {
  await addLeafGiftBox()
  await app.open()
  await listed.uploadToEcom.click()
  await picker.uploadAll.click()
  await picker.confirm.click()
  await expect(run.status).toHaveText(/^Completed: \d+ (failed|refused)(, \d+ refused)?$/, {
    timeout: 90_000,
  })

  const downloading = app.page.waitForEvent('download')
  await run.download.click()
  const download = await downloading
  const bytes = readFileSync(await download.path())
  const text = bytes.toString('utf8')
  const lines = text.split('\r\n').filter((line) => line !== '')

  expect(download.suggestedFilename()).toMatch(/^upload-\d{4}-\d{2}-\d{2}-.*-problems\.csv$/)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(lines[0]).toBe('\uFEFFName,SKU,Outcome,Reasons,Source ID')
  expect(text).toContain('Leaf Gift Box 🍃,DO-LEAF-BOX,Refused,"""Leaf Gift Box 🍃"": composite')
  expect(text).toContain('Weekend Kit,DO-KIT-WEEKEND,Refused,')
  expect(lines).toHaveLength(
    1 + Number((await run.count('Refused').textContent())?.replace(/\D/g, '')),
  )
})
