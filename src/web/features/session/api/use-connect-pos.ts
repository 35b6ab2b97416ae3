import { useQueryClient } from '@tanstack/react-query'
import { useCallback, useEffect, useRef, useState } from 'react'

import { posConnectMessageSchema, type PosConnectMessage } from '../../../../contracts/api'
import { actionErrorText } from '../../../lib/error-text'
import { startPosConnect } from './pos-connection-api'
import { sessionQueries } from './session-queries'

const WINDOW_NAME = 'retail-pos-connect'
const WINDOW_FEATURES = 'popup,width=560,height=720'
const CLOSED_CHECK_MS = 500

export type ConnectPosState =
  | { step: 'idle' }
  | { step: 'starting' }
  /** Retail POS's page is open in its window; the merchant allows the app there. */
  | { step: 'waiting' }
  /** The browser blocked the window: one more click opens it. */
  | { step: 'blocked'; authorizeUrl: string }
  | { step: 'done'; outcome: PosConnectMessage['outcome']; message: string | null }
  | { step: 'failed'; message: string }

/**
 * Connecting Retail POS: its page refuses to be framed, so it opens in a window of its own (opened
 * in the click, so popup blockers let it through, and sent on once the BFF answers). The page the
 * app gets back to tells this window how it ended, then closes.
 */
export function useConnectPos() {
  const queryClient = useQueryClient()
  const [state, setState] = useState<ConnectPosState>({ step: 'idle' })
  const popup = useRef<Window | null>(null)
  const isWaiting = state.step === 'waiting'

  const refreshSession = useCallback(
    () => queryClient.invalidateQueries({ queryKey: sessionQueries.all() }),
    [queryClient],
  )

  useEffect(() => {
    if (!isWaiting) return

    function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin) return
      const parsed = posConnectMessageSchema.safeParse(event.data)
      if (!parsed.success) return

      popup.current = null
      setState({ step: 'done', outcome: parsed.data.outcome, message: parsed.data.message })
      void refreshSession()
    }

    // Closed without a word (the merchant closed it): whatever happened, the session says.
    const timer = window.setInterval(() => {
      if (!popup.current?.closed) return

      popup.current = null
      setState({ step: 'idle' })
      void refreshSession()
    }, CLOSED_CHECK_MS)

    window.addEventListener('message', onMessage)

    return () => {
      window.removeEventListener('message', onMessage)
      window.clearInterval(timer)
    }
  }, [isWaiting, refreshSession])

  async function start() {
    const opened = window.open('', WINDOW_NAME, WINDOW_FEATURES)

    popup.current = opened
    setState({ step: 'starting' })

    try {
      const { authorizeUrl } = await startPosConnect()

      if (!opened || opened.closed) {
        setState({ step: 'blocked', authorizeUrl })

        return
      }

      opened.location.href = authorizeUrl
      setState({ step: 'waiting' })
    } catch (error) {
      opened?.close()
      popup.current = null
      setState({ step: 'failed', message: actionErrorText(error) ?? '' })
    }
  }

  function openBlocked() {
    if (state.step !== 'blocked') return

    popup.current = window.open(state.authorizeUrl, WINDOW_NAME, WINDOW_FEATURES)
    setState({ step: 'waiting' })
  }

  function cancel() {
    popup.current?.close()
    popup.current = null
    setState({ step: 'idle' })
  }

  const dismiss = () => setState({ step: 'idle' })

  return { state, start, openBlocked, cancel, dismiss }
}
