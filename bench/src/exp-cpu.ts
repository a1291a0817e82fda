import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { BENCH_USERS, signIn } from './bench-users.js';
import { SCENARIOS } from './scenarios.js';
import { buildCore, freePort, startServer } from './server-process.js';
import { currentVersions, sampleCustomerIds, withClient, readDatasetState } from './database.js';
import { customerPatch, customerRecord } from './dataset.js';
import { Random } from './prng.js';
const coreDir = process.env.BENCH_CORE_DIR ?? path.resolve('../core');
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const cpuMs = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const product = await startServer({ name: 'api', script: buildCore(coreDir), cwd: coreDir, env: { DATABASE_URL: url, CRM_SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production' }, healthPath: '/api/health', port: await freePort(), nodeArgs: (process.env.NODE_ARGS ?? '--enable-source-maps').split(' ').filter(Boolean) });
const baseline = await startServer({ name: 'baseline', script: path.resolve('src/baseline-server.ts'), cwd: '.', env: { DATABASE_URL: url }, healthPath: '/health', port: await freePort() });
const headers = { authorization: `Bearer ${await signIn(product.url, BENCH_USERS.sales.username)}` };
const state = (await withClient(url, readDatasetState))!;
const [getIds, updateIds] = await withClient(url, async (c) => [await sampleCustomerIds(c, state, 2000, 1), await sampleCustomerIds(c, state, 8000, 2)]);
const r = new Random(77);
const shared = { getIds, createBodies: Array.from({ length: 500 }, (_, i) => customerRecord(r, 5_000_000 + i)), patches: Array.from({ length: 200 }, () => customerPatch(r)), loadVersions: (ids: string[]) => withClient(url, (c) => currentVersions(c, ids)) };
const data = { product: { ...shared, updateIds: updateIds.filter((_, i) => i % 2 === 0) }, baseline: { ...shared, updateIds: updateIds.filter((_, i) => i % 2 === 1) } };
const N = Number(process.env.N ?? 3000);
for (const s of SCENARIOS.filter((s) => (process.env.ONLY ?? 'list-indexed,get-by-id,create,update').split(',').includes(s.id))) {
  const out: string[] = [];
  for (const [name, srv, h] of [['product', product, headers], ['baseline', baseline, {}]] as const) {
    const prepared = await s.prepare(name, data[name], h);
    await prepared.beforeRun?.();
    await new Promise((res) => autocannon({ url: srv.url, amount: 300, connections: 10, requests: [prepared.request] }, res));
    await prepared.beforeRun?.();
    const before = cpuMs(srv.pid); const t = performance.now();
    const result = await new Promise<autocannon.Result>((res, rej) => autocannon({ url: srv.url, amount: s.id === 'update' ? Math.min(N, 3500) : N, connections: 10, requests: [prepared.request] }, (e, d) => (e ? rej(e) : res(d))));
    const cpu = cpuMs(srv.pid) - before; const ok = result['2xx'];
    out.push(`${name} ${(cpu / ok * 1000).toFixed(0)} us CPU/req (${ok} ok, ${result.non2xx} non-2xx, ${(ok / ((performance.now() - t) / 1000)).toFixed(0)} req/s)`);
  }
  console.log(s.id.padEnd(14), out.join(' | '));
}
console.log('rss', (await product.stop()).peakMb, (await baseline.stop()).peakMb);
await withClient(url, async (c) => { const st = (await readDatasetState(c))!; for (const [t, max] of Object.entries(st.maxIds)) await c.query(`delete from crm_records."${t}" where id > $1`, [max]); });
