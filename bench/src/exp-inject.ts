import { buildApp, createCore } from '@crm/core';
import { sampleCustomerIds, withClient, readDatasetState } from './database.js';
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const core = await createCore({ databaseUrl: url, poolSize: 20 });
const app = await buildApp(core, {});
const sign = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'bench_sales', password: 'bench-only-password' } });
const token = sign.json().token;
const state = (await withClient(url, readDatasetState))!;
const ids = await withClient(url, (c) => sampleCustomerIds(c, state, 1000, 3));
const headers = { authorization: `Bearer ${token}` };
const which = process.env.WHICH ?? 'get';
const reqFor = (i: number) => which === 'get' ? { method: 'GET' as const, url: `/api/records/customer/${ids[i % ids.length]}`, headers }
  : { method: 'GET' as const, url: `/api/records/customer?filter=${encodeURIComponent(JSON.stringify({ segment: { _eq: 'commercial' } }))}&sort=account_no&limit=50`, headers };
for (let i = 0; i < 500; i++) await app.inject(reqFor(i));
const n = Number(process.env.N ?? 4000);
const c0 = process.cpuUsage(); const t = performance.now();
let inflight: Promise<unknown>[] = [];
for (let i = 0; i < n; i++) { inflight.push(app.inject(reqFor(i))); if (inflight.length >= 10) { await Promise.all(inflight); inflight = []; } }
await Promise.all(inflight);
const c = process.cpuUsage(c0);
console.log(which, ((c.user + c.system) / n).toFixed(0), 'us CPU/req in-process (inject),', (n / ((performance.now() - t) / 1000)).toFixed(0), 'req/s');
await app.close(); await core.close();
