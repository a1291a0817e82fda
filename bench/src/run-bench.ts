import { existsSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_USERS, ensureBenchUsers, signIn } from './bench-users.js';
import { customerPatch, customerRecord } from './dataset.js';
import { currentVersions, removeBenchWrites, sampleCustomerIds, waitForQuietDatabase, withClient, type DatasetState } from './database.js';
import { prepareDataset, SMALL_ENTITY } from './generate-data.js';
import { probeTotals } from './load.js';
import { measureFieldAdds } from './measure-field-add.js';
import { readOptions, type BenchOptions } from './options.js';
import { summarizeProfile } from './profile-summary.js';
import { Random } from './prng.js';
import { checkTargets, formatTables, NOT_MEASURED, writeResult, type BenchResult, type ScenarioResult } from './report.js';
import { runScenario } from './run-scenario.js';
import { countPaths, SCENARIOS, type ScenarioData, type Target } from './scenarios.js';
import { buildCore, freePort, productionNodeArgs, startServer } from './server-process.js';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_CORE_DIR runs the API from another copy of core/ (to measure a change before it lands).
const coreDir = process.env.BENCH_CORE_DIR
  ? path.resolve(process.env.BENCH_CORE_DIR)
  : path.resolve(path.dirname(fileURLToPath(import.meta.resolve('@crm/core'))), '..');
const resultsDir = path.join(benchDir, 'results');
const profileDir = path.join(resultsDir, 'profiles');

const options = readOptions();
const startedAt = new Date().toISOString();
const loadAtStart = os.loadavg()[0]!;
console.log(`CRM bench: ${options.customers.toLocaleString('en')} customers, ${options.orders.toLocaleString('en')} orders, ${options.duration} s × ${options.connections} connections per scenario`);
console.log(`Database: ${options.databaseUrl.replace(/:[^:@/]*@/, ':***@')}${options.fresh ? ' (fresh)' : ''}`);

console.log('\n1. Data');
const { state, generated } = await prepareDataset(options);
if (!generated) console.log(`  reusing the data generated at ${state.generatedAt}`);
const gen = state.generation;
console.log(`  generation: customers ${gen.customers.rowsPerSecond} rows/s, orders ${gen.orders.rowsPerSecond} rows/s`);
if (options.generateOnly) process.exit(0);
const postgres = await withClient(options.databaseUrl, async (client) => {
  const removed = await removeBenchWrites(client, state);
  if (removed) console.log(`  removed ${removed.toLocaleString('en')} records left by an earlier run`);
  return (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
});
const data = await scenarioData(options, state);
await ensureBenchUsers(options.databaseUrl);

console.log('\n2. Servers');
const scenarios = SCENARIOS.filter((s) => options.only.length === 0 || options.only.includes(s.id));
if (options.cpuProf && existsSync(profileDir)) rmSync(profileDir, { recursive: true });
const apiNodeArgs = options.apiNodeArgs ?? productionNodeArgs(coreDir);
const product = await startServer({
  name: 'api',
  // What `pnpm start` runs: the compiled bundle, with the Node options of core's start script.
  script: buildCore(coreDir),
  cwd: coreDir,
  env: { DATABASE_URL: options.databaseUrl, CRM_SEED_DEMO: 'false', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
  nodeArgs: [...apiNodeArgs, ...(options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
  healthPath: '/api/health',
  port: await freePort(),
});
const baseline = await startServer({
  name: 'baseline',
  script: path.join(benchDir, 'src/baseline-server.ts'),
  cwd: benchDir,
  env: { DATABASE_URL: options.databaseUrl, NODE_ENV: 'production' },
  healthPath: '/health',
  port: await freePort(),
});
console.log(`  API (pid ${product.pid}) at ${product.url}, baseline (pid ${baseline.pid}) at ${baseline.url}`);
const bearer = async (username: string) => ({ authorization: `Bearer ${await signIn(product.url, username)}` });
const headers: Record<Target, Record<string, string>> = { product: await bearer(BENCH_USERS.sales.username), baseline: {} };
const adminHeaders = await bearer(BENCH_USERS.admin.username);

const results: ScenarioResult[] = [];
let memory: BenchResult['memory'];
let countProbe: BenchResult['countProbe'];
let fieldAdd: BenchResult['fieldAdd'];
try {
  console.log('\n3. Load');
  const run = {
    urls: { product: product.url, baseline: baseline.url },
    pids: { product: product.pid, baseline: baseline.pid },
    data,
    headers,
    connections: options.connections,
    warmup: options.warmup,
    duration: options.duration,
    rounds: options.rounds,
    settle: () => withClient(options.databaseUrl, (client) => waitForQuietDatabase(client)),
  };
  for (const scenario of scenarios) {
    const result = await runScenario(scenario, run);
    results.push(result);
    const p = result.product;
    console.log(
      `  ${scenario.id.padEnd(15)} product ${p.reqPerSec.toFixed(0).padStart(6)} req/s (p95 ${p.latency.p95} ms, non-2xx ${p.non2xx})  baseline ${result.baseline.reqPerSec.toFixed(0).padStart(6)} req/s  ratio ${(result.ratio * 100).toFixed(0)} %`,
    );
  }

  if (options.only.length === 0 || options.only.includes('count')) {
    console.log('\n4. Filtered counts, one client');
    countProbe = {
      product: await probeTotals(countPaths('product').map((p) => product.url + p), 40, headers.product),
      productExact: await probeTotals(countPaths('product', 'exact').map((p) => product.url + p), 40, headers.product),
      baseline: await probeTotals(countPaths('baseline').map((p) => baseline.url + p), 40),
    };
    const estimated = countProbe.product.totals.filter((t) => t.estimated).length;
    console.log(`  total=true: p50 ${countProbe.product.p50} ms, p95 ${countProbe.product.p95} ms (${estimated} of ${countProbe.product.totals.length} filters estimated)`);
    console.log(`  total=exact: p50 ${countProbe.productExact.p50} ms, p95 ${countProbe.productExact.p95} ms; baseline p50 ${countProbe.baseline.p50} ms, p95 ${countProbe.baseline.p95} ms`);
  }

  if (options.only.length === 0 || options.only.includes('field-add')) {
    console.log('\n5. Adding a field');
    fieldAdd = await measureFieldAdds(product.url, adminHeaders, { entity: SMALL_ENTITY, rows: state.smallRows }, { entity: 'customer', rows: state.customers });
    console.log(`  ${state.smallRows.toLocaleString('en')} rows: ${fieldAdd.small.addMs.join(', ')} ms; ${state.customers.toLocaleString('en')} rows: ${fieldAdd.large.addMs.join(', ')} ms`);
  }
} finally {
  memory = { product: await product.stop(), baseline: await baseline.stop() };
}

await withClient(options.databaseUrl, (client) => removeBenchWrites(client, state));

const partial: Omit<BenchResult, 'targets'> = {
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, node: process.versions.node, postgres, loadAverage: { start: round1(loadAtStart), end: round1(os.loadavg()[0]!) } },
  settings: {
    customers: options.customers,
    orders: options.orders,
    durationSeconds: options.duration,
    warmupSeconds: options.warmup,
    rounds: options.rounds,
    connections: options.connections,
    seed: options.seed,
    apiNodeArgs,
  },
  dataset: state,
  generatedThisRun: generated,
  scenarios: results,
  countProbe,
  fieldAdd,
  memory,
  notMeasured: NOT_MEASURED,
};
const result: BenchResult = { ...partial, targets: checkTargets(partial) };
console.log(`\n${formatTables(result)}`);
console.log(`\nWrote ${path.relative(process.cwd(), writeResult(resultsDir, result))} and results/latest.json`);

if (options.cpuProf) {
  for (const file of readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
    console.log(`\n${summarizeProfile(path.join(profileDir, file), 20)}`);
  }
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Known ids (a reproducible sample), bodies and patches, drawn once per run; each side updates its own records. */
async function scenarioData(opts: BenchOptions, dataset: DatasetState): Promise<Record<Target, ScenarioData>> {
  const [getIds, updateIds] = await withClient(opts.databaseUrl, async (client) => [
    await sampleCustomerIds(client, dataset, 10_000, 1),
    await sampleCustomerIds(client, dataset, 40_000, 2),
  ]);
  const r = new Random(opts.seed + 7);
  const shared = {
    getIds,
    createBodies: Array.from({ length: 2000 }, (_, i) => customerRecord(r, dataset.customers + i + 1)),
    patches: Array.from({ length: 1000 }, () => customerPatch(r)),
    loadVersions: (ids: string[]) => withClient(opts.databaseUrl, (client) => currentVersions(client, ids)),
  };
  return {
    product: { ...shared, updateIds: updateIds.filter((_, i) => i % 2 === 0) },
    baseline: { ...shared, updateIds: updateIds.filter((_, i) => i % 2 === 1) },
  };
}
