import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { pgliteSnapshot } from './pglite-snapshot.js';
import { createCore, type Core, type CoreOptions } from '../core.js';
import { ensureAdministrator } from '../modules/auth/bootstrap-admin.js';
import { ManualClock } from '../shared/clock.js';
import { silentLogger } from '../shared/logger.js';

export { ManualClock } from '../shared/clock.js';

export type TestDriver = 'postgres' | 'pglite';

/** Requests as one signed-in user: `inject` adds their bearer token unless the request sets one. */
export interface ApiClient {
  token: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
}

export const TEST_ADMIN_PASSWORD = 'test-admin-password';

export interface TestApp {
  /** Signed in as the administrator. */
  app: ApiClient;
  /** The bare Fastify app: requests without a session. */
  server: FastifyInstance;
  signIn: (username: string, password: string) => Promise<ApiClient>;
  core: Core;
  /** The core's clock: move it to make timers due, then `core.jobs.runDue()`. */
  clock: ManualClock;
  driver: TestDriver;
  /** Connection string of the throwaway database (postgres driver only). */
  databaseUrl: string | undefined;
  close: () => Promise<void>;
}

/** Where test databases are created; the local PostgreSQL by default. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function testDriver(): TestDriver {
  return process.env.CRM_TEST_DRIVER === 'pglite' ? 'pglite' : 'postgres';
}

export interface TestAppOptions {
  driver?: TestDriver;
  /** Default: a ManualClock standing at the real time of the start. */
  clock?: ManualClock;
  /** More core options; by default no job poller runs (tests call `core.jobs.runDue()`) and nothing is logged. */
  core?: Omit<CoreOptions, 'clock'>;
}

/** The core options tests use: a manual clock, no poller, no log output. Pass them to a second core of the same test. */
export function testCoreOptions(clock: ManualClock, more: Omit<CoreOptions, 'clock'> = {}): CoreOptions {
  return { logger: silentLogger, ...more, clock, jobs: { pollIntervalMs: 0, ...more.jobs } };
}

/**
 * Boots the core and the HTTP app against a fresh, throwaway database: a new PostgreSQL
 * database (dropped on close) or an in-memory PGlite. Plugin authors use the same helper.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const driver = options.driver ?? testDriver();
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (driver === 'postgres') {
    const name = `crm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminDatabaseUrl());
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const clock = options.clock ?? new ManualClock();
  const database = driver === 'postgres' ? { databaseUrl, poolSize: 5 } : { dataDir: 'memory://', pgliteSnapshot: await pgliteSnapshot() };
  const core = await createCore(database, testCoreOptions(clock, options.core));
  const server = await buildApp(core);
  await ensureAdministrator(core.orm, core.organisation, TEST_ADMIN_PASSWORD);
  const signIn = (username: string, password: string) => signInClient(server, username, password);
  return {
    app: await signIn('admin', TEST_ADMIN_PASSWORD),
    server,
    signIn,
    core,
    clock,
    driver,
    databaseUrl,
    close: async () => {
      await server.close();
      await core.close();
      await dropDatabase();
    },
  };
}

export async function signInClient(server: FastifyInstance, username: string, password: string): Promise<ApiClient> {
  const response = await server.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
  const token = (response.json() as { token: string }).token;
  return {
    token,
    inject: (options) => server.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } }),
  };
}
