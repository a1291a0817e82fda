import { defineEntity, p } from '@mikro-orm/core';
import type { JobAttemptError, JobStatus } from './job-types.js';

/** One run (or series of attempts) of a named job; see docs/jobs.md. Written through SQL by the jobs service. */
export const JobSchema = defineEntity({
  name: 'Job',
  tableName: 'crm_job',
  properties: {
    id: p.uuid().primary(),
    name: p.string().length(100),
    key: p.string().length(200).nullable(),
    payload: p.json<Record<string, unknown>>(),
    status: p.string().length(16).$type<JobStatus>(),
    runAt: p.datetime(),
    attempts: p.integer(),
    maxAttempts: p.integer(),
    lastError: p.text().nullable(),
    errors: p.json<JobAttemptError[]>(),
    cron: p.string().length(120).nullable(),
    timezone: p.string().length(64).nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  },
});

export class Job extends JobSchema.class {}
JobSchema.setClass(Job);
