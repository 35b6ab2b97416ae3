import { useEffect, useRef, type RefObject } from 'react'
import { useLocation } from 'react-router'

export const APP_NAME = 'Listed on Lightspeed Retail'

/** "Settings · Listed on Lightspeed Retail"; the home page, whose h1 is the app's name, is just that. */
export function pageTitle(heading: string | undefined) {
  return heading && heading !== APP_NAME ? `${heading} · ${APP_NAME}` : APP_NAME
}

/**
 * A client-side navigation swaps the page without a load, so nothing tells a screen reader the
 * page changed and focus is left on a link that may no longer exist. After each one, focus moves
 * to the new page's h1 (its PageHeading or ErrorScreen title) and the document's title follows it.
 * The first page keeps the focus the browser gave it. Only a new path counts: Support keeps its
 * search in the URL, and typing in it must not pull focus away.
 */
export function usePageAnnouncement(main: RefObject<HTMLElement | null>) {
  const { pathname } = useLocation()
  const announcedPath = useRef<string | null>(null)

  // Every render, not only on a new path: the layout can swap the page for the session-expired
  // screen at the same URL.
  useEffect(() => {
    const title = pageTitle(main.current?.querySelector('h1')?.textContent?.trim())
    if (document.title !== title) document.title = title
  })

  useEffect(() => {
    const previous = announcedPath.current
    announcedPath.current = pathname
    if (previous === null || previous === pathname) return

    main.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [pathname, main])
}
