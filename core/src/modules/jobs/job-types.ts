import type { Kysely } from 'kysely';
import type { Em } from '../../db/create-orm.js';

export const JOB_STATUSES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Delay before the next attempt: a fixed number of ms, exponential, or computed from the attempt number (1 = first failure). */
export type Backoff = number | { delayMs: number; factor?: number; maxDelayMs?: number } | ((attempt: number) => number);

export interface JobDefinitionOptions {
  /** Attempts before the job is marked failed (default 5). */
  maxAttempts?: number;
  /** Default: 10 s, doubling, at most 1 h. */
  backoff?: Backoff;
  /** An attempt still running after this long is abandoned and counts as failed (default 60 s). */
  timeoutMs?: number;
  /**
   * Called after a failed attempt, in the job's transaction after the handler's work was rolled
   * back: record the failure in the module's own tables (the outbox does). `final` on the last attempt.
   */
  onFailure?: (failure: JobFailure) => Promise<void> | void;
}

export interface JobInfo {
  id: string;
  name: string;
  key: string | null;
  /** 1 on the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** When the job was due (for a recurring job: the period it runs for). */
  runAt: Date;
  cron: string | null;
}

export interface JobContext {
  job: JobInfo;
  /** The transaction that marks the job done: write the job's effects here. */
  db: Kysely<unknown>;
  em: Em;
  /** The clock's time when the attempt started. */
  now: Date;
}

export type JobHandler<P> = (payload: P, context: JobContext) => Promise<void> | void;

export interface JobFailure {
  job: JobInfo;
  payload: Record<string, unknown>;
  error: unknown;
  message: string;
  /** True when no attempt is left: the job is now failed. */
  final: boolean;
  /** When the next attempt is due (undefined when final). */
  retryAt: Date | undefined;
  db: Kysely<unknown>;
  now: Date;
}

export interface ScheduleOptions {
  /** When the job becomes due (default: now by the clock). */
  runAt?: Date;
  /** Names the job for `cancel(key)`; scheduling the same key again replaces the pending job. */
  key?: string;
}

export interface EveryOptions {
  /** The series' key (default `every:<name>`): one pending run per key; `cancel(key)` ends the series. */
  key?: string;
  payload?: Record<string, unknown>;
  /** IANA time zone the cron expression is read in (default UTC). */
  timezone?: string;
}

export interface JobAttemptError {
  attempt: number;
  at: string;
  message: string;
}

/** A job as the admin API shows it. */
export interface JobView {
  id: string;
  name: string;
  key: string | null;
  payload: Record<string, unknown>;
  status: JobStatus;
  runAt: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  errors: JobAttemptError[];
  cron: string | null;
  timezone: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobListQuery {
  status?: JobStatus;
  name?: string;
  key?: string;
  limit?: number;
  offset?: number;
}

export interface JobList {
  data: JobView[];
  page: { limit: number; offset: number; has_more: boolean };
  total: number;
}

export interface RunDueResult {
  /** Attempts that succeeded. */
  done: number;
  /** Attempts that failed and will be tried again. */
  retrying: number;
  /** Attempts that failed for the last time. */
  failed: number;
}
