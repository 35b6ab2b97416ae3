import { linkHandlers } from './links'
import { posConnectionHandlers } from './pos-connection'
import { runHandlers } from './runs'
import { sessionHandlers } from './session'
import { sourceProductHandlers } from './source-products'
import { storeSettingsHandlers } from './store-settings'
import { supportHandlers } from './support'

export const handlers = [
  ...sessionHandlers,
  ...posConnectionHandlers,
  ...sourceProductHandlers,
  ...runHandlers,
  ...linkHandlers,
  ...supportHandlers,
  ...storeSettingsHandlers,
]
