import { rmSync } from 'node:fs';
import { authStatePath } from './e2e-env.js';

/** Removes the run's temporary database and session state once the server has stopped. */
export default function globalTeardown(): void {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir || !dir.includes('crm-e2e-')) return;
  rmSync(dir, { recursive: true, force: true });
  rmSync(authStatePath(dir), { force: true });
}
