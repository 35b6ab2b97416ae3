import { linkHandlers } from './links'
import { runHandlers } from './runs'
import { sessionHandlers } from './session'
import { sourceProductHandlers } from './source-products'
import { supportHandlers } from './support'

export const handlers = [
  ...sessionHandlers,
  ...sourceProductHandlers,
  ...runHandlers,
  ...linkHandlers,
  ...supportHandlers,
]
