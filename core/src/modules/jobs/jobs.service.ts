import { sql, type Kysely } from 'kysely';
import type { Em, Orm } from '../../db/create-orm.js';
import { kyselyOf, type Db } from '../../db/db-handle.js';
import { CrmError } from '../../errors/crm-error.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import { JobPoller } from './job-poller.js';
import { backoffDelay, DEFAULT_BACKOFF, nextCronRun } from './job-schedule.js';
import {
  cancelByKey,
  claimDueJob,
  findJob,
  insertNextRun,
  listJobs,
  lockPendingJob,
  markDone,
  markFailedAttempt,
  markRunning,
  notifyDue,
  requeueJob,
  toJobView,
  upsertJob,
  upsertSeries,
  type JobRow,
} from './job-store.js';
import type {
  Backoff,
  EveryOptions,
  JobDefinitionOptions,
  JobFailure,
  JobHandler,
  JobInfo,
  JobList,
  JobListQuery,
  JobView,
  RunDueResult,
  ScheduleOptions,
} from './job-types.js';

interface JobDefinition {
  name: string;
  handler: JobHandler<Record<string, unknown>>;
  maxAttempts: number;
  backoff: Backoff;
  timeoutMs: number;
  onFailure: ((failure: JobFailure) => Promise<void> | void) | undefined;
}

type Outcome = keyof RunDueResult;

const JOB_NAME = /^[a-zA-Z][a-zA-Z0-9_.:-]{0,99}$/;
const MAX_KEY_LENGTH = 200;
const MAX_ERROR_LENGTH = 4000;
const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_TIMEOUT_MS = 60_000;
export const MAX_JOB_PAGE = 200;

/**
 * Durable jobs and timers in PostgreSQL (see docs/jobs.md). A job is scheduled in the caller's
 * transaction, claimed with FOR UPDATE SKIP LOCKED, and its handler runs inside the transaction
 * that marks it done: it commits once, with its effects, or not at all.
 */
export class JobsService {
  private readonly definitions = new Map<string, JobDefinition>();
  private poller: JobPoller | undefined;

  constructor(
    private readonly orm: Orm,
    readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  define<P extends object = Record<string, unknown>>(name: string, handler: JobHandler<P>, options: JobDefinitionOptions = {}): void {
    if (!JOB_NAME.test(name)) throw new CrmError('CRM_ERR_JOB_DEFINITION', { params: { reason: `"${name}" is not a valid job name` } });
    if (this.definitions.has(name)) throw new CrmError('CRM_ERR_JOB_DEFINITION', { params: { reason: `job "${name}" is defined twice` } });
    const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new CrmError('CRM_ERR_JOB_DEFINITION', { params: { reason: `maxAttempts of "${name}" must be a positive integer` } });
    }
    this.definitions.set(name, {
      name,
      handler: handler as JobHandler<Record<string, unknown>>,
      maxAttempts,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      onFailure: options.onFailure,
    });
  }

  isDefined(name: string): boolean {
    return this.definitions.has(name);
  }

  /**
   * Schedules a job in `db` (the caller's transaction: it exists only if that commits). With a
   * key, a pending job of the same key is replaced. Returns the job's id.
   */
  async schedule<P extends object>(name: string, payload: P, options: ScheduleOptions = {}, db?: Db): Promise<string> {
    const definition = this.require(name);
    const key = checkKey(options.key);
    const now = this.clock.now();
    const runAt = options.runAt ?? now;
    const conn = kyselyOf(db, this.orm);
    const id = await upsertJob(conn, {
      name,
      key,
      payload: payload as Record<string, unknown>,
      runAt,
      maxAttempts: definition.maxAttempts,
      cron: null,
      timezone: null,
      now,
    });
    if (runAt <= now) {
      await notifyDue(conn, name);
      if (!db) this.poller?.wake();
    }
    return id;
  }

  /** Cancels the pending job (or recurring series) with this key, in `db`. Returns how many were cancelled. */
  async cancel(key: string, db?: Db): Promise<number> {
    return cancelByKey(kyselyOf(db, this.orm), key, this.clock.now());
  }

  /**
   * Runs the job on a cron schedule (five fields, or six with seconds). One run per period, whatever
   * the number of processes: the series is one pending row per key, and each run inserts the
   * next in the transaction that completes it. Periods missed while no process ran collapse into one run.
   */
  async every(name: string, cron: string, options: EveryOptions = {}, db?: Db): Promise<string> {
    const definition = this.require(name);
    const timezone = options.timezone ?? 'UTC';
    const now = this.clock.now();
    const runAt = nextCronRun(cron, timezone, now);
    return upsertSeries(kyselyOf(db, this.orm), {
      name,
      key: checkKey(options.key) ?? `every:${name}`,
      payload: options.payload ?? {},
      runAt,
      maxAttempts: definition.maxAttempts,
      cron,
      timezone,
      now,
    });
  }

  /** Runs every job that is due by the clock (tests call this instead of waiting for the poller). */
  async runDue(options: { limit?: number } = {}): Promise<RunDueResult> {
    const result: RunDueResult = { done: 0, retrying: 0, failed: 0 };
    const names = [...this.definitions.keys()];
    if (names.length === 0) return result;
    const limit = options.limit ?? 1000;
    for (let i = 0; i < limit; i++) {
      const outcome = await this.runOne(names);
      if (!outcome) break;
      result[outcome] += 1;
    }
    return result;
  }

  async list(query: JobListQuery = {}): Promise<JobList> {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_JOB_PAGE);
    const offset = Math.max(query.offset ?? 0, 0);
    const { rows, total } = await listJobs(kyselyOf(undefined, this.orm), { ...query, limit, offset });
    return { data: rows.slice(0, limit).map(toJobView), page: { limit, offset, has_more: rows.length > limit }, total };
  }

  async get(id: string, db?: Db): Promise<JobView> {
    const row = await findJob(kyselyOf(db, this.orm), id);
    if (!row) throw new CrmError('CRM_ERR_JOB_NOT_FOUND', { params: { id } });
    return toJobView(row);
  }

  /** Makes a failed or cancelled job due now, with one more attempt. */
  async retry(id: string): Promise<JobView> {
    const db = kyselyOf(undefined, this.orm);
    let row: JobRow | undefined;
    try {
      row = await requeueJob(db, id, this.clock.now());
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505') {
        const existing = await findJob(db, id);
        throw new CrmError('CRM_ERR_JOB_KEY_TAKEN', { params: { key: existing?.key ?? '' } });
      }
      throw error;
    }
    if (!row) {
      const existing = await findJob(db, id);
      if (!existing) throw new CrmError('CRM_ERR_JOB_NOT_FOUND', { params: { id } });
      throw new CrmError('CRM_ERR_JOB_NOT_RETRYABLE', { params: { status: existing.status } });
    }
    await notifyDue(db, row.name);
    this.poller?.wake();
    return toJobView(row);
  }

  /** Starts the production poller; `databaseUrl` (PostgreSQL) lets it wake early on LISTEN/NOTIFY. */
  async startPolling(intervalMs: number, databaseUrl: string | undefined): Promise<void> {
    if (this.poller) return;
    this.poller = new JobPoller(() => this.runDue(), intervalMs, this.logger);
    await this.poller.start(databaseUrl);
  }

  /** Stops the poller and waits for the run in progress. */
  async stop(): Promise<void> {
    await this.poller?.stop();
    this.poller = undefined;
  }

  private require(name: string): JobDefinition {
    const definition = this.definitions.get(name);
    if (!definition) throw new CrmError('CRM_ERR_JOB_DEFINITION', { params: { reason: `no job "${name}" is defined` } });
    return definition;
  }

  private async runOne(names: string[]): Promise<Outcome | undefined> {
    const now = this.clock.now();
    let abandoned: { row: JobRow; info: JobInfo; error: unknown } | undefined;
    try {
      return await this.orm.em.fork().transactional(async (em) => {
        const db = em.getKysely() as Kysely<unknown>;
        const row = await claimDueJob(db, names, now);
        if (!row) return undefined;
        const definition = this.definitions.get(row.name)!;
        const info = jobInfo(row, row.attempts + 1);
        await markRunning(db, row.id, info.attempt, now);
        // Bounds the handler's queries on PostgreSQL; the timer below bounds everything else.
        await sql`select set_config('statement_timeout', ${String(definition.timeoutMs)}, true)`.execute(db);
        // The handler gets this transaction itself (not a nested one): once it has ended, by commit or
        // by rollback, kysely refuses further queries on it, so a handler that outlived its timeout
        // cannot write outside the transaction. A savepoint undoes a failed attempt's writes.
        const handlerEm = em.fork();
        handlerEm.setTransactionContext(em.getTransactionContext()!);
        await sql`savepoint crm_job_attempt`.execute(db);
        try {
          const work = (async () => {
            await definition.handler(row.payload, { job: info, db, em: handlerEm as Em, now });
            await handlerEm.flush();
          })();
          await withTimeout(work, definition.timeoutMs);
          await sql`release savepoint crm_job_attempt`.execute(db);
        } catch (error) {
          if (isTimeout(error)) {
            // The handler may still be running: give the transaction up whole, record the failure apart.
            abandoned = { row, info, error };
            throw error;
          }
          handlerEm.clear();
          await sql`rollback to savepoint crm_job_attempt`.execute(db);
          return this.recordFailure(em as Em, row, info, error, now);
        }
        await markDone(db, row.id, now);
        if (row.cron) await this.scheduleNextRun(db, row, now);
        return 'done' as const;
      });
    } catch (error) {
      if (!abandoned) throw error;
      const { row, info } = abandoned;
      this.logger.warn({ job: row.name, jobId: row.id, attempt: info.attempt }, 'job attempt timed out');
      return this.orm.em.fork().transactional(async (em) => {
        const locked = await lockPendingJob(em.getKysely() as Kysely<unknown>, row.id, row.attempts);
        // Another process took the job over meanwhile: its attempt counts, not ours.
        if (!locked) return 'retrying' as const;
        return this.recordFailure(em as Em, locked, info, abandoned!.error, now);
      });
    }
  }

  private async recordFailure(em: Em, row: JobRow, info: JobInfo, error: unknown, now: Date): Promise<Outcome> {
    const definition = this.definitions.get(row.name)!;
    const db = em.getKysely() as Kysely<unknown>;
    const final = info.attempt >= row.max_attempts;
    const retryAt = final ? undefined : new Date(now.getTime() + backoffDelay(definition.backoff, info.attempt));
    const message = errorMessage(error);
    await markFailedAttempt(db, row.id, { attempt: info.attempt, message, retryAt, now });
    const onFailure = definition.onFailure;
    if (onFailure) {
      try {
        await em.transactional(async (inner) => {
          await onFailure({ job: info, payload: row.payload, error, message, final, retryAt, db: inner.getKysely() as Kysely<unknown>, now });
        });
      } catch (hookError) {
        this.logger.error({ job: row.name, jobId: row.id, err: hookError }, 'the failure hook of a job failed');
      }
    }
    if (final && row.cron) await this.scheduleNextRun(db, row, now);
    this.logger.warn(
      { job: row.name, jobId: row.id, attempt: info.attempt, maxAttempts: row.max_attempts, error: message, retryAt: retryAt?.toISOString() },
      final ? 'job failed after its last attempt' : 'job attempt failed; it will be retried',
    );
    return final ? 'failed' : 'retrying';
  }

  private async scheduleNextRun(db: Kysely<unknown>, row: JobRow, now: Date): Promise<void> {
    const definition = this.definitions.get(row.name)!;
    const runAt = new Date(row.run_at);
    let next: Date;
    try {
      next = nextCronRun(row.cron!, row.timezone ?? 'UTC', runAt > now ? runAt : now);
    } catch (error) {
      this.logger.error({ job: row.name, jobId: row.id, err: error }, 'the schedule of a recurring job is not valid; the series ends');
      return;
    }
    await insertNextRun(db, {
      name: row.name,
      key: row.key,
      payload: row.payload,
      runAt: next,
      maxAttempts: definition.maxAttempts,
      cron: row.cron,
      timezone: row.timezone,
      now,
    });
  }
}

function jobInfo(row: JobRow, attempt: number): JobInfo {
  return { id: row.id, name: row.name, key: row.key, attempt, maxAttempts: row.max_attempts, runAt: new Date(row.run_at), cron: row.cron };
}

function checkKey(key: string | undefined): string | null {
  if (key === undefined) return null;
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new CrmError('CRM_ERR_JOB_DEFINITION', { params: { reason: `a job key must have 1 to ${MAX_KEY_LENGTH} characters` } });
  }
  return key;
}

function errorMessage(error: unknown): string {
  const text = error instanceof CrmError ? `${error.code}: ${error.message}` : error instanceof Error ? error.message || error.name : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}

class JobTimeout extends CrmError {}

function isTimeout(error: unknown): boolean {
  return error instanceof JobTimeout;
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  // A handler that outlives its timeout may still reject later: nobody awaits it any more.
  work.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JobTimeout('CRM_ERR_JOB_TIMEOUT', { params: { ms } })), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
