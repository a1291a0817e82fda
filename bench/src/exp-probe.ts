import path from 'node:path';
import { BENCH_USERS, signIn } from './bench-users.js';
import { probeLatency, runLoad, combineRounds } from './load.js';
import { SCENARIOS } from './scenarios.js';
import { buildCore, freePort, startServer } from './server-process.js';
const coreDir = process.env.BENCH_CORE_DIR ?? path.resolve('../core');
const url = 'postgres://postgres@127.0.0.1:5432/crm_bench';
const product = await startServer({ name: 'api', script: process.env.SERVER_SCRIPT ? path.join(coreDir, process.env.SERVER_SCRIPT) : buildCore(coreDir), cwd: coreDir, env: { DATABASE_URL: url, CRM_SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production' }, healthPath: '/api/health', port: await freePort(), nodeArgs: process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : [] });
const baseline = await startServer({ name: 'baseline', script: path.resolve('src/baseline-server.ts'), cwd: '.', env: { DATABASE_URL: url }, healthPath: '/health', port: await freePort() });
const headers = { authorization: `Bearer ${await signIn(product.url, BENCH_USERS.sales.username)}` };
const ids = (process.env.ONLY ?? 'list-indexed').split(',');
for (const s of SCENARIOS.filter((s) => ids.includes(s.id))) {
  const data = { getIds: [], updateIds: [], createBodies: [], patches: [], loadVersions: async () => new Map() } as never;
  for (const [name, srv, h] of [['product', product, headers], ['baseline', baseline, {}]] as const) {
    const prepared = await s.prepare(name, data, h);
    const req = prepared.request as { setupRequest: (r: object) => { path: string } };
    const paths = Array.from({ length: 8 }, () => srv.url + req.setupRequest({}).path);
    await probeLatency(paths, 50, h);
    const seq = await probeLatency(paths, 200, h);
    console.log(`${s.id} ${name} sequential p50 ${seq.p50} p95 ${seq.p95}`);
    for (const c of (process.env.CONNS ?? '1,4,20').split(',').map(Number)) {
      const r = combineRounds([await runLoad({ url: srv.url, seconds: Number(process.env.SECS ?? 5), connections: c, request: prepared.request })], c);
      console.log(`${s.id} ${name} c=${c} ${r.reqPerSec} req/s p50 ${r.latency.p50} p95 ${r.latency.p95}`);
    }
  }
}
console.log('rss', await product.stop(), await baseline.stop());
