import { parseArgs } from 'node:util';

/** What one bench run does, from flags first, then environment variables, then defaults. */
export interface BenchOptions {
  databaseUrl: string;
  customers: number;
  orders: number;
  smallRows: number;
  /** Seconds of measured load per scenario and server. */
  duration: number;
  /** Seconds of unmeasured load before each measurement. */
  warmup: number;
  connections: number;
  /** Product and baseline take turns this many times within a scenario's duration. */
  rounds: number;
  seed: number;
  fresh: boolean;
  /** Generate (or check) the data set, then stop. */
  generateOnly: boolean;
  /** Run the API under `node --cpu-prof`; profiles land in bench/results/profiles. */
  cpuProf: boolean;
  /** Scenario ids to run (all when empty). */
  only: string[];
  /** Node options of the API process instead of those of core's start script (BENCH_API_NODE_ARGS). */
  apiNodeArgs: string[] | undefined;
}

const USAGE = `pnpm bench [--fresh] [--generate-only] [--customers N] [--duration S] [--connections N] [--only id,id] [--cpu-prof]
  env: DATABASE_URL, BENCH_CUSTOMERS, BENCH_DURATION, BENCH_CONNECTIONS, BENCH_WARMUP, BENCH_ROUNDS, BENCH_SEED, BENCH_API_NODE_ARGS`;

export function readOptions(argv = process.argv.slice(2), env = process.env): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      fresh: { type: 'boolean', default: false },
      'generate-only': { type: 'boolean', default: false },
      customers: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const customers = positive('customers', values.customers ?? env.BENCH_CUSTOMERS, 1_000_000);
  return {
    databaseUrl: env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/crm_bench',
    customers,
    orders: customers * 2,
    smallRows: 10_000,
    duration: positive('duration', values.duration ?? env.BENCH_DURATION, 10),
    warmup: positive('warmup', env.BENCH_WARMUP, 2),
    connections: positive('connections', values.connections ?? env.BENCH_CONNECTIONS, 20),
    rounds: positive('rounds', env.BENCH_ROUNDS, 4),
    seed: positive('seed', env.BENCH_SEED, 20261123),
    fresh: values.fresh ?? false,
    generateOnly: values['generate-only'] ?? false,
    cpuProf: values['cpu-prof'] ?? false,
    only: values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : [],
    apiNodeArgs: env.BENCH_API_NODE_ARGS !== undefined ? env.BENCH_API_NODE_ARGS.split(/\s+/).filter(Boolean) : undefined,
  };
}

function positive(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"\n${USAGE}`);
  return value;
}
