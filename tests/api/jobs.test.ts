import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { CrmError } from '@crm/core';
import { createTestApp, type TestApp } from '@crm/core/testing';
import { createEffectTable, effects, jobRow, sleep, writeEffect } from './support/jobs.js';

// Durable jobs on the driver under test (PostgreSQL, or PGlite with CRM_TEST_DRIVER=pglite).
describe('durable jobs', () => {
  let t: TestApp;
  const minutes = (n: number) => n * 60_000;

  beforeAll(async () => {
    t = await createTestApp();
    await createEffectTable(t.core);
  });
  afterAll(async () => {
    await t.close();
  });

  const inTransaction = <T>(work: (db: Kysely<unknown>) => Promise<T>) =>
    t.core.orm.em.fork().transactional(async (em) => work(em.getKysely() as Kysely<unknown>));

  it('never runs a job scheduled in a transaction that rolled back', async () => {
    t.core.jobs.define<{ n: number }>('test.rollback', async (payload, { db, job }) => writeEffect(db, job.id, `rollback-${payload.n}`));
    let scheduledId: string | undefined;
    await expect(
      inTransaction(async (db) => {
        scheduledId = await t.core.jobs.schedule('test.rollback', { n: 1 }, {}, db);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(scheduledId).toBeDefined();
    expect(await jobRow(t.core, scheduledId!)).toBeUndefined();
    await t.core.jobs.runDue();
    expect(await effects(t.core, 'rollback-1')).toEqual([]);

    // The same call in a transaction that commits schedules the job with the change.
    const committedId = await inTransaction((db) => t.core.jobs.schedule('test.rollback', { n: 2 }, {}, db));
    expect((await t.core.jobs.runDue()).done).toBeGreaterThanOrEqual(1);
    expect((await effects(t.core, 'rollback-2')).map((e) => e.job_id)).toEqual([committedId]);
    expect(await jobRow(t.core, committedId)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('runs a future job only once the clock reaches it', async () => {
    t.core.jobs.define('test.future', async (_p, { db, job }) => writeEffect(db, job.id, 'future'));
    const id = await t.core.jobs.schedule('test.future', {}, { runAt: new Date(t.clock.now().getTime() + minutes(30)) });
    await t.core.jobs.runDue();
    expect(await effects(t.core, 'future')).toEqual([]);
    t.clock.advance(minutes(29));
    await t.core.jobs.runDue();
    expect(await effects(t.core, 'future')).toEqual([]);
    t.clock.advance(minutes(1));
    await t.core.jobs.runDue();
    await t.core.jobs.runDue();
    expect((await effects(t.core, 'future')).map((e) => e.job_id)).toEqual([id]);
  });

  it('runs each of many due jobs exactly once when runDue is called concurrently', async () => {
    t.core.jobs.define<{ n: number }>('test.many', async (payload, { db, job }) => {
      await sleep(payload.n % 3);
      await writeEffect(db, job.id, 'many');
    });
    const ids = await inTransaction(async (db) => {
      const scheduled: string[] = [];
      for (let n = 0; n < 40; n++) scheduled.push(await t.core.jobs.schedule('test.many', { n }, {}, db));
      return scheduled;
    });
    const results = await Promise.all([t.core.jobs.runDue(), t.core.jobs.runDue(), t.core.jobs.runDue()]);
    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(40);
    const ran = (await effects(t.core, 'many')).map((e) => e.job_id);
    expect(ran).toHaveLength(40);
    expect(new Set(ran)).toEqual(new Set(ids));
  });

  it('retries a failing job with backoff, rolls back each failed attempt, and ends failed with its errors', async () => {
    t.core.jobs.define(
      'test.flaky',
      async (_p, { db, job }) => {
        await writeEffect(db, job.id, 'flaky-attempt');
        throw new Error(`provider down (attempt ${job.attempt})`);
      },
      { maxAttempts: 3, backoff: { delayMs: minutes(1), factor: 2 } },
    );
    const id = await t.core.jobs.schedule('test.flaky', {});
    expect(await t.core.jobs.runDue()).toMatchObject({ retrying: 1 });
    let row = await jobRow(t.core, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'provider down (attempt 1)' });
    expect(new Date(row!.run_at as string).getTime()).toBe(t.clock.now().getTime() + minutes(1));

    // Not due again before the backoff has passed.
    t.clock.advance(minutes(1) - 1000);
    expect(await t.core.jobs.runDue()).toMatchObject({ retrying: 0, failed: 0 });
    t.clock.advance(1000);
    expect(await t.core.jobs.runDue()).toMatchObject({ retrying: 1 });
    row = await jobRow(t.core, id);
    expect(new Date(row!.run_at as string).getTime()).toBe(t.clock.now().getTime() + minutes(2));

    t.clock.advance(minutes(2));
    expect(await t.core.jobs.runDue()).toMatchObject({ failed: 1 });
    row = await jobRow(t.core, id);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, last_error: 'provider down (attempt 3)' });
    expect((row!.errors as { attempt: number; message: string }[]).map((e) => e.attempt)).toEqual([1, 2, 3]);
    // Every failed attempt's writes were rolled back with it.
    expect(await effects(t.core, 'flaky-attempt')).toEqual([]);

    t.clock.advance(minutes(60));
    expect(await t.core.jobs.runDue()).toMatchObject({ failed: 0, retrying: 0 });
    expect(await jobRow(t.core, id)).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('abandons an attempt that outlives its timeout and records why', async () => {
    let calls = 0;
    t.core.jobs.define(
      'test.slow',
      async (_p, { db, job }) => {
        calls += 1;
        if (calls === 1) await sleep(400);
        await writeEffect(db, job.id, `slow-${calls}`);
      },
      { timeoutMs: 100, backoff: 0 },
    );
    const id = await t.core.jobs.schedule('test.slow', {});
    const first = await t.core.jobs.runDue({ limit: 1 });
    expect(first).toMatchObject({ retrying: 1 });
    const row = await jobRow(t.core, id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(String(row!.last_error)).toContain('CRM_ERR_JOB_TIMEOUT');
    await sleep(400);
    // The abandoned attempt's late write did not commit.
    expect(await effects(t.core, 'slow-1')).toEqual([]);
    await t.core.jobs.runDue();
    expect((await effects(t.core, 'slow-2')).map((e) => e.job_id)).toEqual([id]);
    expect(await jobRow(t.core, id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('cancels by key in the caller transaction, and a key replaces the pending job', async () => {
    t.core.jobs.define<{ v: string }>('test.keyed', async (payload, { db, job }) => writeEffect(db, job.id, `keyed-${payload.v}`));
    const later = new Date(t.clock.now().getTime() + minutes(10));
    const first = await t.core.jobs.schedule('test.keyed', { v: 'a' }, { runAt: later, key: 'deadline:order-1' });
    const second = await t.core.jobs.schedule('test.keyed', { v: 'b' }, { runAt: later, key: 'deadline:order-1' });
    expect(second).toBe(first);
    expect(await jobRow(t.core, first)).toMatchObject({ payload: { v: 'b' }, status: 'pending' });

    // A cancel that rolls back leaves the job in place.
    await expect(
      inTransaction(async (db) => {
        expect(await t.core.jobs.cancel('deadline:order-1', db)).toBe(1);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await jobRow(t.core, first)).toMatchObject({ status: 'pending' });

    await inTransaction((db) => t.core.jobs.cancel('deadline:order-1', db));
    expect(await jobRow(t.core, first)).toMatchObject({ status: 'cancelled' });
    t.clock.advance(minutes(10));
    await t.core.jobs.runDue();
    expect(await effects(t.core, 'keyed-a')).toEqual([]);
    expect(await effects(t.core, 'keyed-b')).toEqual([]);
    expect(await t.core.jobs.cancel('deadline:order-1')).toBe(0);
  });

  it('runs a recurring job once per period and collapses missed periods into one run', async () => {
    t.core.jobs.define('test.hourly', async (_p, { db, job }) => writeEffect(db, job.id, `hourly@${job.runAt.toISOString()}`));
    t.clock.set('2031-05-01T10:20:00Z');
    await t.core.jobs.every('test.hourly', '0 * * * *');
    // Registering again (a second process, a restart) keeps the one series.
    await t.core.jobs.every('test.hourly', '0 * * * *');
    const pending = async () => (await t.core.jobs.list({ name: 'test.hourly', status: 'pending' })).data;
    expect((await pending()).map((j) => j.runAt)).toEqual(['2031-05-01T11:00:00.000Z']);

    await t.core.jobs.runDue();
    expect(await effects(t.core, 'hourly@2031-05-01T11:00:00.000Z')).toEqual([]);
    t.clock.set('2031-05-01T11:00:00Z');
    await Promise.all([t.core.jobs.runDue(), t.core.jobs.runDue()]);
    await t.core.jobs.runDue();
    expect(await effects(t.core, 'hourly@2031-05-01T11:00:00.000Z')).toHaveLength(1);
    expect((await pending()).map((j) => j.runAt)).toEqual(['2031-05-01T12:00:00.000Z']);

    // Nobody ran jobs from 12:00 to 14:30: one run, then the next period.
    t.clock.set('2031-05-01T14:30:00Z');
    await t.core.jobs.runDue();
    await t.core.jobs.runDue();
    expect(await effects(t.core, 'hourly@2031-05-01T12:00:00.000Z')).toHaveLength(1);
    expect((await pending()).map((j) => j.runAt)).toEqual(['2031-05-01T15:00:00.000Z']);
    const done = (await t.core.jobs.list({ name: 'test.hourly', status: 'done' })).data;
    expect(done).toHaveLength(2);

    // A new schedule moves the series; cancel ends it.
    await t.core.jobs.every('test.hourly', '30 * * * *');
    expect((await pending()).map((j) => j.runAt)).toEqual(['2031-05-01T15:30:00.000Z']);
    expect(await t.core.jobs.cancel('every:test.hourly')).toBe(1);
    t.clock.set('2031-05-01T18:00:00Z');
    await t.core.jobs.runDue();
    expect(await pending()).toEqual([]);
  });

  it('keeps a recurring series going when one run fails for good', async () => {
    t.core.jobs.define(
      'test.daily-broken',
      () => {
        throw new Error('report source unavailable');
      },
      { maxAttempts: 1 },
    );
    t.clock.set('2031-06-01T07:00:00Z');
    await t.core.jobs.every('test.daily-broken', '0 8 * * *', { timezone: 'Asia/Shanghai', key: 'report:daily' });
    t.clock.set('2031-06-02T00:00:00Z');
    expect(await t.core.jobs.runDue()).toMatchObject({ failed: 1 });
    const failed = (await t.core.jobs.list({ key: 'report:daily', status: 'failed' })).data;
    expect(failed.map((j) => j.runAt)).toEqual(['2031-06-02T00:00:00.000Z']);
    expect((await t.core.jobs.list({ key: 'report:daily', status: 'pending' })).data.map((j) => j.runAt)).toEqual(['2031-06-03T00:00:00.000Z']);
  });

  it('refuses unknown job names and bad cron expressions', async () => {
    await expect(t.core.jobs.schedule('test.nobody-defined-me', {})).rejects.toMatchObject({ code: 'CRM_ERR_JOB_DEFINITION' });
    t.core.jobs.define('test.cron-check', () => undefined);
    const refused = await t.core.jobs.every('test.cron-check', '61 * * * *').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CrmError);
    expect((refused as CrmError).code).toBe('CRM_ERR_INVALID_CRON');
    expect(() => t.core.jobs.define('test.cron-check', () => undefined)).toThrow(CrmError);
  });
});
