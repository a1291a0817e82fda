import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vitest/config';

// The API the dev server and `vite preview` forward /api to (the core listens on 3000 by default).
const apiTarget = process.env.CRM_API_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus components (and their CSS) are imported where a template uses them, so each
    // route's chunk carries only what it renders instead of the whole library up front.
    // `dirs: []`: our own components stay explicitly imported.
    // Component tests install Element Plus whole (and cannot load CSS from node_modules).
    ...(process.env.VITEST ? [] : [Components({ dirs: [], dts: false, resolvers: [ElementPlusResolver({ importStyle: 'css' })] })]),
  ],
  server: { proxy },
  preview: { proxy },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The entry must stay small: fail loudly instead of warning when a chunk balloons.
    chunkSizeWarningLimit: 300,
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/__tests__/**/*.test.ts'],
  },
});
