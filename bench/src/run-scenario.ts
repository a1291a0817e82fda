import { combineRounds, runLoad, summarize, type LoadRound } from './load.js';
import { cpuTimeMs } from './server-process.js';
import type { ScenarioResult } from './report.js';
import type { Scenario, ScenarioData, Target } from './scenarios.js';

const TARGETS: Target[] = ['product', 'baseline'];

export interface ScenarioRun {
  urls: Record<Target, string>;
  /** Server processes, whose CPU time is read around each round. */
  pids: Record<Target, number>;
  data: Record<Target, ScenarioData>;
  headers: Record<Target, Record<string, string>>;
  connections: number;
  warmup: number;
  duration: number;
  /** The most rounds; slow scenarios get fewer, so that each round completes many requests. */
  rounds: number;
  /** Runs before every autocannon run (waits for the database to be quiet). */
  settle: () => Promise<void>;
}

/**
 * Drives product and baseline with the same load: a warm-up each, then alternating runs that add
 * up to `duration` seconds per server, so a change in the machine's background load during the
 * scenario weighs on both sides alike. Requests still in flight when a run stops are lost, so a
 * round lasts at least 10 mean latencies of the warm-up (one round for very slow scenarios).
 */
export async function runScenario(scenario: Scenario, run: ScenarioRun): Promise<ScenarioResult> {
  const prepared = {
    product: await scenario.prepare('product', run.data.product, run.headers.product),
    baseline: await scenario.prepare('baseline', run.data.baseline, run.headers.baseline),
  };
  const load = async (target: Target, seconds: number) => {
    await run.settle();
    await prepared[target].beforeRun?.();
    const cpuBefore = cpuTimeMs(run.pids[target]);
    const round = await runLoad({ url: run.urls[target], seconds, connections: run.connections, request: prepared[target].request });
    return { ...round, cpuMs: cpuTimeMs(run.pids[target]) - cpuBefore };
  };
  const rounds: Record<Target, LoadRound[]> = { product: [], baseline: [] };
  const warmups = [];
  for (const target of TARGETS) warmups.push(await load(target, run.warmup));
  const slowest = Math.max(...warmups.map((w) => (w.ok ? summarize(w.okLatencies).mean / 1000 : Infinity)));
  const count = Math.max(1, Math.min(run.rounds, Math.floor(run.duration / (10 * slowest))));
  for (let round = 0; round < count; round++) {
    for (const target of TARGETS) rounds[target].push(await load(target, run.duration / count));
  }
  const product = combineRounds(rounds.product, run.connections);
  const baseline = combineRounds(rounds.baseline, run.connections);
  return {
    id: scenario.id,
    title: scenario.title,
    rounds: count,
    product,
    baseline,
    ratio: Math.round((product.reqPerSec / Math.max(baseline.reqPerSec, 0.1)) * 1000) / 1000,
  };
}
