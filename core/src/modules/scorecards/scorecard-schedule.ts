import type { JobsService } from '../jobs/jobs.service.js';
import type { ScorecardsService } from './scorecards.service.js';

export const SCORECARD_JOB = 'scorecards.recompute-all';

/**
 * The nightly recomputation: a recurring durable job (one run per period across all processes)
 * that queues every record of every active scorecard in its own transaction; the scorecards'
 * queue drain then works through them in batches.
 */
export async function scheduleScorecardRecompute(jobs: JobsService, scorecards: ScorecardsService, cron: string, timezone: string): Promise<void> {
  jobs.define(SCORECARD_JOB, async (_payload, { db }) => {
    await scorecards.queueAllActive(db);
  });
  await jobs.every(SCORECARD_JOB, cron, { timezone });
}
