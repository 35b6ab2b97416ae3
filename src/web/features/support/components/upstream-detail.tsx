import Box from '@mui/material/Box'

/** The upstream's answer as it came, formatted when it is JSON. */
function readableDetail(detail: string) {
  try {
    return JSON.stringify(JSON.parse(detail), null, 2)
  } catch {
    return detail
  }
}

export type UpstreamDetailProps = { detail: string }

/** What the other system answered, folded away until support opens it. */
export function UpstreamDetail({ detail }: UpstreamDetailProps) {
  return (
    <details>
      <summary>What the other system answered</summary>
      <Box
        component="pre"
        sx={{ m: 0, p: 1, bgcolor: 'grey.100', overflowX: 'auto', fontSize: 12 }}
      >
        {readableDetail(detail)}
      </Box>
    </details>
  )
}
