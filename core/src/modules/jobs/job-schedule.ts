import { CronExpressionParser } from 'cron-parser';
import { CrmError } from '../../errors/crm-error.js';
import type { Backoff } from './job-types.js';

export const DEFAULT_BACKOFF: Backoff = { delayMs: 10_000, factor: 2, maxDelayMs: 3_600_000 };

/** The first occurrence of a cron expression strictly after `after`, read in `timezone`. */
export function nextCronRun(cron: string, timezone: string, after: Date): Date {
  if (!isValidTimeZone(timezone)) throw new CrmError('CRM_ERR_INVALID_CRON', { params: { reason: `unknown time zone "${timezone}"` } });
  try {
    return CronExpressionParser.parse(cron, { currentDate: after, tz: timezone, strict: false }).next().toDate();
  } catch (error) {
    throw new CrmError('CRM_ERR_INVALID_CRON', { params: { reason: error instanceof Error ? error.message : String(error) } });
  }
}

function isValidTimeZone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/** Milliseconds to wait after the `attempt`-th failed attempt (1-based). */
export function backoffDelay(backoff: Backoff, attempt: number): number {
  if (typeof backoff === 'number') return Math.max(0, backoff);
  if (typeof backoff === 'function') return Math.max(0, backoff(attempt));
  const delay = backoff.delayMs * (backoff.factor ?? 2) ** (attempt - 1);
  return Math.max(0, Math.min(delay, backoff.maxDelayMs ?? Number.POSITIVE_INFINITY));
}
