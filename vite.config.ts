import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The SPA is served by the BFF from dist/web; in development Vite proxies /api to the BFF.
export default defineConfig({
  root: 'src/web',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true },
  server: {
    port: 5173,
    proxy: { '/api': `http://localhost:${process.env.PORT ?? '3000'}` },
  },
})
