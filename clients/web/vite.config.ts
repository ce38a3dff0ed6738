import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The console is served by the gateway at /console from dist/console (CONSOLE_DIR); `npm run build` writes it. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: process.env.CONSOLE_OUT_DIR ?? fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // No source maps: a smaller, faster build; the source is in the repository.
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
