import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

// The API the dev server and `vite preview` forward /api to (the core listens on 3000 by default).
const apiTarget = process.env.CRM_API_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  plugins: [vue()],
  server: { proxy },
  preview: { proxy },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  test: {
    environment: 'happy-dom',
    include: ['src/**/__tests__/**/*.test.ts'],
  },
});
