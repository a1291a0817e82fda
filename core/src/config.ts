import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServerConfig {
  databaseUrl: string | undefined;
  dataDir: string;
  host: string;
  port: number;
  seedDemo: boolean;
  logLevel: string;
  /** Connections to PostgreSQL per API process. */
  poolSize: number;
  exactCountLimit: number;
  /** How often due jobs are looked for (CRM_JOB_POLL_MS, default 2000). */
  jobPollIntervalMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(repoRoot, env.CRM_DATA_DIR ?? '.data/pglite'),
    host: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    seedDemo: env.CRM_SEED_DEMO !== 'false',
    logLevel: env.LOG_LEVEL ?? 'warn',
    poolSize: positiveInteger(env.CRM_DB_POOL_SIZE, 20),
    exactCountLimit: positiveInteger(env.CRM_EXACT_COUNT_LIMIT, 10_000),
    jobPollIntervalMs: Number(env.CRM_JOB_POLL_MS ?? 2000),
  };
}

function positiveInteger(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`expected a positive integer, got "${raw}"`);
  return value;
}
