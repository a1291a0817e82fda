import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The port and the fresh PGlite data directory of this run. Chosen once in the runner's main
 * process and handed to the workers (which load the config again) through the environment.
 */
export async function e2eEnvironment(): Promise<{ port: number; dataDir: string; authState: string }> {
  process.env.E2E_PORT ??= String(await freePort());
  process.env.E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'crm-e2e-'));
  const dataDir = process.env.E2E_DATA_DIR;
  return { port: Number(process.env.E2E_PORT), dataDir, authState: authStatePath(dataDir) };
}

/** Where the signed-in session's cookies are kept for the tests: beside the temporary database. */
export function authStatePath(dataDir: string): string {
  return `${dataDir}.auth.json`;
}

/**
 * The administrator's password: the demo seed's `admin` user (printed at start-up). The server
 * also gets it as CRM_ADMIN_PASSWORD, so an unseeded database bootstraps the same login.
 */
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'crm-demo-2026';
