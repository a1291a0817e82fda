import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app.js';
import { createCore, type Core } from '../core.js';

export type TestDriver = 'postgres' | 'pglite';

export interface TestApp {
  app: FastifyInstance;
  core: Core;
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

/**
 * Boots the core and the HTTP app against a fresh, throwaway database: a new PostgreSQL
 * database (dropped on close) or an in-memory PGlite. Plugin authors use the same helper.
 */
export async function createTestApp(options: { driver?: TestDriver } = {}): Promise<TestApp> {
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
  const core = await createCore(driver === 'postgres' ? { databaseUrl, poolSize: 5 } : { dataDir: 'memory://' });
  const app = await buildApp(core);
  return {
    app,
    core,
    driver,
    databaseUrl,
    close: async () => {
      await app.close();
      await core.close();
      await dropDatabase();
    },
  };
}
