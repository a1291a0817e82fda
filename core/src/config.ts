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
    jobPollIntervalMs: Number(env.CRM_JOB_POLL_MS ?? 2000),
  };
}
