import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, e2eEnvironment } from './e2e-env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { port, dataDir, authState } = await e2eEnvironment();
// E2E_BASE_URL runs the suite against a server that is already up (started by hand) instead.
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './specs',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '../../.reports/e2e.json' }]],
  globalSetup: './global-setup.ts',
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL,
    storageState: authState,
    locale: 'en-US',
    // Wide enough for the list's toolbar on one line and several kanban columns in the screenshots.
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  // The API serves the freshly built admin UI at `/`, on an empty embedded database seeded with demo data.
  webServer: external ? undefined : {
    command: 'pnpm --filter @crm/admin-ui build && pnpm --filter @crm/core start',
    cwd: root,
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { PORT: String(port), HOST: '127.0.0.1', CRM_DATA_DIR: dataDir, CRM_SEED_DEMO: 'true', CRM_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' },
  },
});
