import CssBaseline from '@mui/material/CssBaseline'
import { createTheme, ThemeProvider } from '@mui/material/styles'
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'

const theme = createTheme({
  // Warning and info are darker than MUI's defaults so outlined chips reach 4.5:1 on white.
  palette: {
    primary: { main: '#1f5fbf' },
    warning: { main: '#b35c00' },
    info: { main: '#0265a0' },
  },
  typography: { button: { textTransform: 'none' } },
})

export type AppProviderProps = { queryClient: QueryClient; children: ReactNode }

export function AppProvider({ queryClient, children }: AppProviderProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        {children}
      </ThemeProvider>
    </QueryClientProvider>
  )
}
