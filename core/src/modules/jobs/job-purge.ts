import type { JobsService } from './jobs.service.js';
import { purgeFinishedJobs } from './job-store.js';

export const JOB_PURGE = 'crm.jobs.purge';

/** Keeps crm_job small: done and cancelled jobs go after `retentionDays`; failed ones stay for the admin. */
export async function scheduleJobPurge(jobs: JobsService, retentionDays: number): Promise<void> {
  jobs.define(JOB_PURGE, async (_payload, { db, now }) => {
    await purgeFinishedJobs(db, new Date(now.getTime() - retentionDays * 86_400_000));
  });
  await jobs.every(JOB_PURGE, '17 3 * * *');
}
