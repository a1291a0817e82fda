import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core, type DatabaseOptions } from '@crm/core';
import { ManualClock, testCoreOptions, testDriver } from '@crm/core/testing';
import { createEffectTable, durableDatabase, effects, writeEffect } from './support/jobs.js';

// A scheduled job lives in the database, not in the process: it runs after a restart.
describe('jobs across a restart', () => {
  let database: { options: DatabaseOptions; drop: () => Promise<void> };
  let core: Core | undefined;
  const clock = new ManualClock('2033-03-03T09:00:00Z');

  const boot = async () => {
    core = await createCore(database.options, testCoreOptions(clock));
    core.jobs.define<{ order: string }>('restart.reminder', async (payload, { db, job }) => writeEffect(db, job.id, `reminder-${payload.order}`));
    return core;
  };

  beforeAll(async () => {
    database = await durableDatabase(testDriver());
  });
  afterAll(async () => {
    await core?.close();
    await database.drop();
  });

  it('runs a timer scheduled before the restart once it is due after it', async () => {
    let running = await boot();
    await createEffectTable(running);
    const id = await running.jobs.schedule('restart.reminder', { order: 'SO-1001' }, { runAt: new Date('2033-03-03T10:00:00Z'), key: 'reminder:SO-1001' });
    const due = await running.jobs.schedule('restart.reminder', { order: 'SO-1002' });
    await running.close();
    core = undefined;

    clock.set('2033-03-03T10:00:00Z');
    running = await boot();
    await running.jobs.runDue();
    expect((await effects(running, 'reminder-SO-1001')).map((e) => e.job_id)).toEqual([id]);
    expect((await effects(running, 'reminder-SO-1002')).map((e) => e.job_id)).toEqual([due]);
    await running.jobs.runDue();
    expect(await effects(running, 'reminder-SO-1001')).toHaveLength(1);
    expect((await running.jobs.get(id)).status).toBe('done');
  });
});
