// A server process that imports a file and reports its progress on stdout, one line per poll,
// so that a test can kill it (SIGKILL) half way. Run with: node --import tsx import-child.ts <database> <file>
import { readFileSync } from 'node:fs';
import { buildApp, createCore, ensureAdministrator } from '@crm/core';
import { signInClient, TEST_ADMIN_PASSWORD } from '@crm/core/testing';

const [target, file] = process.argv.slice(2) as [string, string];
const core = await createCore(target.startsWith('postgres') ? { databaseUrl: target, poolSize: 3 } : { dataDir: target });
// Slow each record down a little so that the import is still running when the test kills us.
core.hooks.before('customer', () => new Promise((resolve) => setTimeout(resolve, 2)));
const app = await buildApp(core);
await ensureAdministrator(core.orm, core.organisation, TEST_ADMIN_PASSWORD);
const client = await signInClient(app, 'admin', TEST_ADMIN_PASSWORD);
const uploaded = await client.inject({ method: 'POST', url: '/api/imports?entity=customer&fileName=crash.csv', headers: { 'content-type': 'text/csv' }, payload: readFileSync(file) });
if (uploaded.statusCode !== 201) throw new Error(uploaded.body);
const { id } = uploaded.json() as { id: string };
const started = await client.inject({ method: 'POST', url: `/api/imports/${id}/start`, payload: { mapping: { name: 'name', customer_type: 'customer_type', city: 'city' } } });
if (started.statusCode !== 202) throw new Error(started.body);
for (let i = 0; i < 3000; i++) {
  const job = (await client.inject({ method: 'GET', url: `/api/imports/${id}` })).json() as { processedRows: number; status: string };
  process.stdout.write(`${JSON.stringify({ id, processedRows: job.processedRows, status: job.status })}\n`);
  if (job.status !== 'running') break;
  await new Promise((resolve) => setTimeout(resolve, 15));
}
await core.close();
