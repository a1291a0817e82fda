import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DatasetState, LoadStats } from './database.js';
import type { FieldAddResult } from './measure-field-add.js';
import type { LatencySummary, LoadResult } from './load.js';

type TotalsProbe = LatencySummary & { failures: number; totals: { url: string; total: number; estimated: boolean }[] };
import type { MemoryReport } from './server-process.js';

export interface ScenarioResult {
  id: string;
  title: string;
  /** Alternating product / baseline rounds the measured time was split into. */
  rounds: number;
  product: LoadResult;
  baseline: LoadResult;
  /** Product req/s divided by baseline req/s. */
  ratio: number;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  /** `loadAverage`: the machine's 1-minute load when the run started and ended (other work on it skews the numbers). */
  machine: { cpus: number; node: string; postgres: string; loadAverage: { start: number; end: number } };
  settings: { customers: number; orders: number; durationSeconds: number; warmupSeconds: number; rounds: number; connections: number; seed: number; apiNodeArgs?: string[] };
  dataset: DatasetState;
  /** Whether this run generated the data (otherwise generation figures come from the run that did). */
  generatedThisRun: boolean;
  scenarios: ScenarioResult[];
  /**
   * Filtered counts, one client, requests one after the other: the product's `total=true` (exact
   * up to its limit, estimated above), its `total=exact`, and the baseline's exact count.
   */
  countProbe: { product: TotalsProbe; productExact: TotalsProbe; baseline: TotalsProbe } | undefined;
  fieldAdd: { small: FieldAddResult; large: FieldAddResult } | undefined;
  memory: { product: MemoryReport; baseline: MemoryReport };
  targets: TargetCheck[];
  /** Scenarios of the issue that cannot run yet, and why. */
  notMeasured: string[];
}

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  pass: boolean;
}

export const NOT_MEASURED = [
  'approval decision: workflows and approvals do not exist yet',
  'report grouped by a custom field: reports do not exist yet',
  'create/update with rules: rules do not exist yet (validation, permissions and audit do, and are on)',
];

const fmt = (n: number, digits = 0) => n.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (ratio: number) => `${fmt(ratio * 100)} %`;

/** The issue's targets, checked against this run's numbers. */
export function checkTargets(result: Omit<BenchResult, 'targets'>): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const scenario = (id: string) => result.scenarios.find((s) => s.id === id);
  const ratioCheck = (id: string, min: number) => {
    const s = scenario(id);
    if (s) checks.push({ name: `${id}: product / baseline req/s`, target: `≥ ${pct(min)}`, measured: pct(s.ratio), pass: s.ratio >= min });
  };
  ratioCheck('list-indexed', 0.7);
  const list = scenario('list-indexed');
  if (list) {
    checks.push({ name: `list-indexed: p95 at ${list.product.connections} connections`, target: '≤ 25 ms', measured: `${fmt(list.product.latency.p95, 1)} ms`, pass: list.product.latency.p95 <= 25 });
  }
  ratioCheck('get-by-id', 0.7);
  ratioCheck('create', 0.5);
  ratioCheck('update', 0.5);
  if (result.fieldAdd) {
    const { small, large } = result.fieldAdd;
    checks.push({ name: `add a field at ${fmt(large.rows)} rows (median of ${large.addMs.length})`, target: '< 100 ms', measured: `${fmt(large.medianMs, 1)} ms`, pass: large.medianMs < 100 });
    // "Flat": the large table may cost at most 1.5× the small one plus 10 ms of noise.
    const flat = large.medianMs <= small.medianMs * 1.5 + 10;
    checks.push({ name: `add a field: flat from ${fmt(small.rows)} to ${fmt(large.rows)} rows`, target: '≤ 1.5 × small + 10 ms', measured: `${fmt(small.medianMs, 1)} → ${fmt(large.medianMs, 1)} ms`, pass: flat });
  }
  if (result.countProbe) {
    const { product } = result.countProbe;
    const estimated = product.totals.filter((t) => t.estimated).length;
    checks.push({
      name: `filtered count at ${fmt(result.settings.customers)} rows, total=true (one client, p95; ${estimated} of ${product.totals.length} filters above the exact limit, estimated)`,
      target: '≤ 200 ms',
      measured: `${fmt(product.p95, 1)} ms`,
      pass: product.p95 <= 200 && product.failures === 0,
    });
  }
  const gen = result.dataset.generation;
  checks.push({ name: 'bulk import with validation: customers', target: '≥ 50,000 rows/s', measured: `${fmt(gen.customers.rowsPerSecond)} rows/s`, pass: gen.customers.rowsPerSecond >= 50_000 });
  checks.push({ name: 'bulk import with validation: orders', target: '≥ 50,000 rows/s', measured: `${fmt(gen.orders.rowsPerSecond)} rows/s`, pass: gen.orders.rowsPerSecond >= 50_000 });
  checks.push({ name: 'API peak RSS under load', target: '≤ 250 MB', measured: `${fmt(result.memory.product.peakMb)} MB`, pass: result.memory.product.peakMb <= 250 });
  return checks;
}

/** The scenario table and the targets table, as Markdown (printed, and pasted into the README). */
export function formatTables(result: BenchResult): string {
  const lines = [
    `${fmt(result.settings.customers)} customers, ${fmt(result.settings.orders)} orders; ${result.settings.durationSeconds} s per scenario and server (in up to ${result.settings.rounds} alternating rounds, after ${result.settings.warmupSeconds} s warm-up), ${result.settings.connections} connections; ${result.machine.cpus} cores, Node ${result.machine.node}, PostgreSQL ${result.machine.postgres}; load average ${fmt(result.machine.loadAverage.start, 1)} at start, ${fmt(result.machine.loadAverage.end, 1)} at end.`,
    '',
    '| scenario | product req/s | baseline req/s | ratio | p50 ms | p95 ms | p99 ms | server CPU µs/req (product / baseline) | non-2xx (product / baseline) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of result.scenarios) {
    const l = s.product.latency;
    const cpu = s.product.cpuPerRequestUs ? `${fmt(s.product.cpuPerRequestUs)} / ${fmt(s.baseline.cpuPerRequestUs ?? 0)}` : '–';
    lines.push(
      `| ${s.title} | ${fmt(s.product.reqPerSec)} | ${fmt(s.baseline.reqPerSec)} | ${pct(s.ratio)} | ${fmt(l.p50, 1)} | ${fmt(l.p95, 1)} | ${fmt(l.p99, 1)} | ${cpu} | ${s.product.non2xx + s.product.errors} / ${s.baseline.non2xx + s.baseline.errors} |`,
    );
  }
  const gen = result.dataset.generation;
  const loadText = (stats: LoadStats) =>
    `${fmt(stats.rowsPerSecond)} rows/s` +
    (stats.deferredIndexes ? ` (${fmt(stats.rowsPerSecondWithIndexes ?? 0)} rows/s counting the ${stats.deferredIndexes} field indexes built after the load in ${fmt(stats.indexSeconds ?? 0, 1)} s)` : '');
  lines.push(
    '',
    `Generation through records.bulkLoad${result.generatedThisRun ? '' : ` (measured when the data was generated, ${result.dataset.generatedAt})`}: customers ${loadText(gen.customers)}, orders ${loadText(gen.orders)}, ${result.dataset.smallRows / 1000}k-row entity ${loadText(gen.benchSmall)}.`,
  );
  if (result.fieldAdd) {
    lines.push(`Field add (median): ${fmt(result.fieldAdd.small.medianMs, 1)} ms at ${fmt(result.fieldAdd.small.rows)} rows, ${fmt(result.fieldAdd.large.medianMs, 1)} ms at ${fmt(result.fieldAdd.large.rows)} rows.`);
  }
  if (result.countProbe) {
    const { product, productExact, baseline } = result.countProbe;
    lines.push(
      `Filtered counts, one client: product total=true p50 ${fmt(product.p50, 1)} / p95 ${fmt(product.p95, 1)} ms, total=exact p50 ${fmt(productExact.p50, 1)} / p95 ${fmt(productExact.p95, 1)} ms; baseline (exact) p50 ${fmt(baseline.p50, 1)} / p95 ${fmt(baseline.p95, 1)} ms.`,
    );
    const exactByIndex = productExact.totals.map((t) => t.total);
    const estimates = product.totals
      .map((t, i) => ({ ...t, exact: exactByIndex[i] }))
      .filter((t) => t.estimated && t.exact !== undefined)
      .map((t) => `${fmt(t.total)} for ${fmt(t.exact!)} (${t.total >= t.exact! ? '+' : ''}${fmt(((t.total - t.exact!) / t.exact!) * 100, 1)} %)`);
    if (estimates.length) lines.push(`Estimated totals against the exact ones: ${estimates.join(', ')}.`);
  }
  lines.push(`Peak RSS: API ${fmt(result.memory.product.peakMb)} MB (${fmt(result.memory.product.startMb)} MB when it started), baseline ${fmt(result.memory.baseline.peakMb)} MB.`);
  lines.push('', '| target | wanted | measured | result |', '| --- | --- | --- | --- |');
  for (const t of result.targets) lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${t.pass ? 'PASS' : 'FAIL'} |`);
  lines.push('', `Not measured yet: ${result.notMeasured.join('; ')}.`);
  return lines.join('\n');
}

/** Writes results/<timestamp>.json and results/latest.json; returns the timestamped path. */
export function writeResult(resultsDir: string, result: BenchResult): string {
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${result.startedAt.replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(result, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(path.join(resultsDir, 'latest.json'), json);
  return file;
}
