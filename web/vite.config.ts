import { defineConfig } from 'vitest/config';

// The silo serves the bundle from its wwwroot; the output folder is given by the MSBuild target
// (JOBHOME_WEB_OUT) so the .NET build decides where the files land.
export default defineConfig({
  base: '/',
  build: {
    outDir: process.env.JOBHOME_WEB_OUT ?? 'dist',
    emptyOutDir: true,
    // No inline scripts: the silo's CSP has script-src 'self' without 'unsafe-inline'.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1200,
  },
  server: { proxy: { '/api': 'http://localhost:5080' } },
  test: { include: ['tests/**/*.test.ts'], environment: 'node' },
});
