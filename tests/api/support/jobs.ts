import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Core, DatabaseOptions } from '@crm/core';
import { adminDatabaseUrl, type TestDriver } from '@crm/core/testing';

/** A table where test job handlers write their effects, so that a test can count them. */
export async function createEffectTable(core: Core): Promise<void> {
  await sql`create table if not exists test_job_effect (
    seq serial primary key, job_id uuid, label varchar(100) not null, worker varchar(40) not null default 'first')`.execute(db(core));
}

export async function writeEffect(conn: Kysely<unknown>, jobId: string, label: string, worker = 'first'): Promise<void> {
  await sql`insert into test_job_effect (job_id, label, worker) values (${jobId}, ${label}, ${worker})`.execute(conn);
}

export async function effects(core: Core, label: string): Promise<{ job_id: string; worker: string }[]> {
  const { rows } = await sql<{ job_id: string; worker: string }>`
    select job_id, worker from test_job_effect where label = ${label} order by seq`.execute(db(core));
  return rows;
}

export function db(core: Core): Kysely<unknown> {
  return core.orm.em.fork().getKysely() as Kysely<unknown>;
}

export async function jobRow(core: Core, id: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await sql<Record<string, unknown>>`select * from crm_job where id = ${id}`.execute(db(core));
  return rows[0];
}

/** A database that outlives one core (on-disk PGlite or a PostgreSQL database of its own), for restart tests. */
export async function durableDatabase(driver: TestDriver): Promise<{ options: DatabaseOptions; drop: () => Promise<void> }> {
  if (driver === 'pglite') {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'crm-jobs-'));
    return { options: { dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `crm_test_jobs_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString(), poolSize: 3 },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminDatabaseUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
