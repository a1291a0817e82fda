import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { JobAttemptError, JobListQuery, JobStatus, JobView } from './job-types.js';

/** SQL over crm_job. Every function runs on the connection it is given (the caller's transaction). */

export interface JobRow {
  id: string;
  name: string;
  key: string | null;
  payload: Record<string, unknown>;
  status: JobStatus;
  run_at: Date | string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  errors: JobAttemptError[];
  cron: string | null;
  timezone: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

export interface NewJob {
  name: string;
  key: string | null;
  payload: Record<string, unknown>;
  runAt: Date;
  maxAttempts: number;
  cron: string | null;
  timezone: string | null;
  now: Date;
}

export const JOB_DUE_CHANNEL = 'crm_job_due';

/** Inserts a job; a pending job with the same key is replaced (new payload, time and attempts). */
export async function upsertJob(db: Kysely<unknown>, job: NewJob): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into crm_job (id, name, key, payload, status, run_at, attempts, max_attempts, cron, timezone, created_at, updated_at)
    values (${uuidv7()}, ${job.name}, ${job.key}, ${JSON.stringify(job.payload)}::jsonb, 'pending', ${job.runAt}, 0,
      ${job.maxAttempts}, ${job.cron}, ${job.timezone}, ${job.now}, ${job.now})
    on conflict (key) where status = 'pending' do update set
      name = excluded.name, payload = excluded.payload, run_at = excluded.run_at, attempts = 0,
      max_attempts = excluded.max_attempts, cron = excluded.cron, timezone = excluded.timezone,
      last_error = null, errors = '[]'::jsonb, updated_at = excluded.updated_at
    returning id`.execute(db);
  return rows[0]!.id;
}

/**
 * Registers a recurring series: one pending row per key. A series already registered keeps its
 * next run unless its schedule changed, so every process can register it at start-up.
 */
export async function upsertSeries(db: Kysely<unknown>, job: NewJob): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    insert into crm_job (id, name, key, payload, status, run_at, attempts, max_attempts, cron, timezone, created_at, updated_at)
    values (${uuidv7()}, ${job.name}, ${job.key}, ${JSON.stringify(job.payload)}::jsonb, 'pending', ${job.runAt}, 0,
      ${job.maxAttempts}, ${job.cron}, ${job.timezone}, ${job.now}, ${job.now})
    on conflict (key) where status = 'pending' do update set
      run_at = case when crm_job.cron is distinct from excluded.cron or crm_job.timezone is distinct from excluded.timezone
        then excluded.run_at else crm_job.run_at end,
      name = excluded.name, payload = excluded.payload, max_attempts = excluded.max_attempts,
      cron = excluded.cron, timezone = excluded.timezone, updated_at = excluded.updated_at
    returning id`.execute(db);
  return rows[0]!.id;
}

/** The next run of a series, unless one is already pending. */
export async function insertNextRun(db: Kysely<unknown>, job: NewJob): Promise<void> {
  await sql`
    insert into crm_job (id, name, key, payload, status, run_at, attempts, max_attempts, cron, timezone, created_at, updated_at)
    values (${uuidv7()}, ${job.name}, ${job.key}, ${JSON.stringify(job.payload)}::jsonb, 'pending', ${job.runAt}, 0,
      ${job.maxAttempts}, ${job.cron}, ${job.timezone}, ${job.now}, ${job.now})
    on conflict (key) where status = 'pending' do nothing`.execute(db);
}

export async function cancelByKey(db: Kysely<unknown>, key: string, now: Date): Promise<number> {
  const result = await sql`
    update crm_job set status = 'cancelled', finished_at = ${now}, updated_at = ${now}
    where key = ${key} and status = 'pending'`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Wakes pollers of other processes early (delivered when the caller's transaction commits). */
export async function notifyDue(db: Kysely<unknown>, name: string): Promise<void> {
  await sql`select pg_notify(${JOB_DUE_CHANNEL}, ${name})`.execute(db);
}

/**
 * Claims the oldest due job this process can run: the row stays locked until the claiming
 * transaction ends, and other processes skip it (SKIP LOCKED), so each job runs in one place.
 */
export async function claimDueJob(db: Kysely<unknown>, names: string[], now: Date): Promise<JobRow | undefined> {
  const { rows } = await sql<JobRow>`
    select * from crm_job
    where status = 'pending' and run_at <= ${now} and name in (${sql.join(names)})
    order by run_at, id
    limit 1
    for update skip locked`.execute(db);
  return rows[0];
}

/** Locks one pending job by id and attempt count (after an abandoned attempt), unless another process holds it. */
export async function lockPendingJob(db: Kysely<unknown>, id: string, attempts: number): Promise<JobRow | undefined> {
  const { rows } = await sql<JobRow>`
    select * from crm_job where id = ${id} and status = 'pending' and attempts = ${attempts}
    for update skip locked`.execute(db);
  return rows[0];
}

export async function markRunning(db: Kysely<unknown>, id: string, attempt: number, now: Date): Promise<void> {
  await sql`update crm_job set status = 'running', attempts = ${attempt}, started_at = ${now}, updated_at = ${now} where id = ${id}`.execute(db);
}

export async function markDone(db: Kysely<unknown>, id: string, now: Date): Promise<void> {
  await sql`update crm_job set status = 'done', finished_at = ${now}, updated_at = ${now} where id = ${id}`.execute(db);
}

export async function markFailedAttempt(
  db: Kysely<unknown>,
  id: string,
  failure: { attempt: number; message: string; retryAt: Date | undefined; now: Date },
): Promise<void> {
  const entry: JobAttemptError = { attempt: failure.attempt, at: failure.now.toISOString(), message: failure.message };
  await sql`
    update crm_job set
      status = ${failure.retryAt ? 'pending' : 'failed'},
      attempts = ${failure.attempt},
      run_at = coalesce(${failure.retryAt ?? null}::timestamptz, run_at),
      last_error = ${failure.message},
      errors = errors || ${JSON.stringify([entry])}::jsonb,
      started_at = coalesce(started_at, ${failure.now}),
      finished_at = ${failure.retryAt ? null : failure.now}::timestamptz,
      updated_at = ${failure.now}
    where id = ${id}`.execute(db);
}

/** An admin's retry: the job is due now with one more attempt than it has used. */
export async function requeueJob(db: Kysely<unknown>, id: string, now: Date): Promise<JobRow | undefined> {
  const { rows } = await sql<JobRow>`
    update crm_job set status = 'pending', run_at = ${now}, max_attempts = greatest(max_attempts, attempts + 1),
      finished_at = null, updated_at = ${now}
    where id = ${id} and status in ('failed', 'cancelled')
    returning *`.execute(db);
  return rows[0];
}

export async function findJob(db: Kysely<unknown>, id: string): Promise<JobRow | undefined> {
  const { rows } = await sql<JobRow>`select * from crm_job where id = ${id}`.execute(db);
  return rows[0];
}

export async function listJobs(db: Kysely<unknown>, query: Required<Pick<JobListQuery, 'limit' | 'offset'>> & JobListQuery) {
  const conditions = [sql`true`];
  if (query.status) conditions.push(sql`status = ${query.status}`);
  if (query.name) conditions.push(sql`name = ${query.name}`);
  if (query.key) conditions.push(sql`key = ${query.key}`);
  const where = sql.join(conditions, sql` and `);
  const [{ rows }, count] = await Promise.all([
    sql<JobRow>`select * from crm_job where ${where} order by created_at desc, id desc limit ${query.limit + 1} offset ${query.offset}`.execute(db),
    sql<{ n: number }>`select count(*)::int as n from crm_job where ${where}`.execute(db),
  ]);
  return { rows, total: count.rows[0]?.n ?? 0 };
}

/** Deletes finished jobs (done or cancelled) older than the cut-off; failed ones stay for the admin. */
export async function purgeFinishedJobs(db: Kysely<unknown>, before: Date): Promise<number> {
  const result = await sql`delete from crm_job where status in ('done', 'cancelled') and finished_at < ${before}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

const iso = (value: Date | string) => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null) => (value === null ? null : iso(value));

export function toJobView(row: JobRow): JobView {
  return {
    id: row.id,
    name: row.name,
    key: row.key,
    payload: row.payload,
    status: row.status,
    runAt: iso(row.run_at),
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    errors: row.errors,
    cron: row.cron,
    timezone: row.timezone,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    startedAt: isoOrNull(row.started_at),
    finishedAt: isoOrNull(row.finished_at),
  };
}
