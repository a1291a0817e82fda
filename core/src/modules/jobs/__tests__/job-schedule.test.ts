import { describe, expect, it } from 'vitest';
import { CrmError } from '../../../errors/crm-error.js';
import { backoffDelay, nextCronRun } from '../job-schedule.js';

describe('nextCronRun', () => {
  it('finds the next occurrence strictly after the given time', () => {
    expect(nextCronRun('0 * * * *', 'UTC', new Date('2026-03-01T10:20:00Z')).toISOString()).toBe('2026-03-01T11:00:00.000Z');
    expect(nextCronRun('0 * * * *', 'UTC', new Date('2026-03-01T11:00:00Z')).toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });

  it('reads the expression in the given time zone', () => {
    // 08:00 in Shanghai is midnight UTC.
    expect(nextCronRun('0 8 * * *', 'Asia/Shanghai', new Date('2026-03-01T08:00:00Z')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('refuses bad expressions and unknown time zones with CRM_ERR_INVALID_CRON', () => {
    for (const [cron, tz] of [['61 * * * *', 'UTC'], ['every day', 'UTC'], ['0 8 * * *', 'Mars/Olympus']] as const) {
      expect(() => nextCronRun(cron, tz, new Date()), cron + tz).toThrow(CrmError);
      try {
        nextCronRun(cron, tz, new Date());
      } catch (error) {
        expect((error as CrmError).code).toBe('CRM_ERR_INVALID_CRON');
      }
    }
  });
});

describe('backoffDelay', () => {
  it('grows exponentially up to the cap', () => {
    const backoff = { delayMs: 1000, factor: 3, maxDelayMs: 5000 };
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(backoff, attempt))).toEqual([1000, 3000, 5000, 5000]);
  });

  it('takes a fixed delay or a function', () => {
    expect(backoffDelay(250, 7)).toBe(250);
    expect(backoffDelay((attempt) => attempt * 100, 3)).toBe(300);
  });
});
