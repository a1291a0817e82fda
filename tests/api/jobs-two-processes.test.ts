import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '@crm/core';
import { createTestApp, testCoreOptions, type TestApp } from '@crm/core/testing';
import { sql } from 'kysely';
import { createEffectTable, db, effects, jobRow, sleep, writeEffect } from './support/jobs.js';

// Two API processes polling one PostgreSQL database: every due job runs in exactly one of them.
// (Always PostgreSQL: the embedded database belongs to one process.)
describe('jobs with two API processes on one database', () => {
  let t: TestApp;
  let second: Core;

  const defineOnBoth = (name: string, label: string, delayMs = 0) => {
    for (const [core, worker] of [[t.core, 'first'], [second, 'second']] as const) {
      core.jobs.define(name, async (_p, { db, job }) => {
        if (delayMs) await sleep(delayMs);
        await writeEffect(db, job.id, label, worker);
      });
    }
  };

  beforeAll(async () => {
    t = await createTestApp({ driver: 'postgres' });
    second = await createCore({ databaseUrl: t.databaseUrl, poolSize: 3 }, testCoreOptions(t.clock));
    await createEffectTable(t.core);
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  it('runs one due job once when both call runDue at the same moment', async () => {
    defineOnBoth('two.single', 'single', 20);
    const id = await t.core.jobs.schedule('two.single', {});
    const [a, b] = await Promise.all([t.core.jobs.runDue(), second.jobs.runDue()]);
    expect(a.done + b.done).toBe(1);
    expect((await effects(t.core, 'single')).map((e) => e.job_id)).toEqual([id]);
  });

  it('shares many due jobs between the processes without running any twice', async () => {
    defineOnBoth('two.many', 'many', 2);
    const ids = await Promise.all(Array.from({ length: 60 }, (_, n) => (n % 2 ? t.core : second).jobs.schedule('two.many', { n })));
    const results = await Promise.all([t.core.jobs.runDue(), second.jobs.runDue(), t.core.jobs.runDue(), second.jobs.runDue()]);
    expect(results.reduce((sum, r) => sum + r.done, 0)).toBe(60);
    const ran = await effects(t.core, 'many');
    expect(ran).toHaveLength(60);
    expect(new Set(ran.map((e) => e.job_id))).toEqual(new Set(ids));
    // Both processes did some of the work.
    expect(new Set(ran.map((e) => e.worker))).toEqual(new Set(['first', 'second']));
  });

  it('fires a timer once when the shared clock makes it due for both', async () => {
    defineOnBoth('two.deadline', 'deadline', 5);
    const id = await second.jobs.schedule('two.deadline', {}, { runAt: new Date(t.clock.now().getTime() + 3_600_000), key: 'deadline:step-9' });
    await Promise.all([t.core.jobs.runDue(), second.jobs.runDue()]);
    expect(await effects(t.core, 'deadline')).toEqual([]);
    t.clock.advance(3_600_000);
    await Promise.all([t.core.jobs.runDue(), second.jobs.runDue(), t.core.jobs.runDue(), second.jobs.runDue()]);
    expect((await effects(t.core, 'deadline')).map((e) => e.job_id)).toEqual([id]);
  });

  it('runs a recurring job once per period with both processes registering it', async () => {
    defineOnBoth('two.every-minute', 'every-minute');
    t.clock.set('2032-01-01T00:00:30Z');
    await Promise.all([t.core.jobs.every('two.every-minute', '* * * * *'), second.jobs.every('two.every-minute', '* * * * *')]);
    for (let minute = 1; minute <= 5; minute++) {
      t.clock.set(`2032-01-01T00:0${minute}:00Z`);
      await Promise.all([t.core.jobs.runDue(), second.jobs.runDue(), t.core.jobs.runDue(), second.jobs.runDue()]);
    }
    expect(await effects(t.core, 'every-minute')).toHaveLength(5);
    const pending = await t.core.jobs.list({ name: 'two.every-minute', status: 'pending' });
    expect(pending.data.map((j) => j.runAt)).toEqual(['2032-01-01T00:06:00.000Z']);
  });

  it('leaves a job pending, with nothing written, when the process running it dies half-way', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    // A third process that will "crash": its connection is cut while it runs the job. It is not
    // closed afterwards (a pool whose connection died mid-transaction cannot end cleanly); the
    // test database is dropped with it.
    const doomed = await createCore({ databaseUrl: t.databaseUrl, poolSize: 1 }, testCoreOptions(t.clock));
    doomed.jobs.define('two.crash', async (_p, { db, job }) => {
      await writeEffect(db, job.id, 'crash', 'doomed');
      entered();
      await gate;
    });
    t.core.jobs.define('two.crash', async (_p, { db, job }) => writeEffect(db, job.id, 'crash', 'first'));
    const id = await t.core.jobs.schedule('two.crash', {});
    const dying = doomed.jobs.runDue().catch((error: unknown) => error);
    await inside;
    // While the doomed process holds the job, the first one cannot take it.
    expect((await t.core.jobs.runDue()).done).toBe(0);
    // Its connection dies in the middle of the handler (a crash, a network cut).
    await sql`select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and state like 'idle in transaction%' and pid <> pg_backend_pid()`.execute(db(t.core));
    release();
    expect(await dying).toBeInstanceOf(Error);
    expect(await jobRow(t.core, id)).toMatchObject({ status: 'pending', attempts: 0 });
    await t.core.jobs.runDue();
    expect(await effects(t.core, 'crash')).toEqual([{ job_id: id, worker: 'first' }]);
    expect(await jobRow(t.core, id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('wakes the other process through NOTIFY when its poller runs', async () => {
    const polling = await createCore({ databaseUrl: t.databaseUrl, poolSize: 2 }, testCoreOptions(t.clock, { jobs: { pollIntervalMs: 60_000 } }));
    try {
      polling.jobs.define('two.woken', async (_p, { db, job }) => writeEffect(db, job.id, 'woken', 'poller'));
      t.core.jobs.define('two.woken', async () => {
        throw new Error('the first process must not run this one');
      });
      await sleep(200);
      // Scheduled through the first process; only the polling process runs jobs by itself.
      const id = await t.core.jobs.schedule('two.woken', {});
      let ran: { job_id: string; worker: string }[] = [];
      for (let i = 0; i < 50 && ran.length === 0; i++) {
        await sleep(50);
        ran = await effects(t.core, 'woken');
      }
      expect(ran).toEqual([{ job_id: id, worker: 'poller' }]);
    } finally {
      await polling.close();
    }
  });
});
