import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobList, JobView } from '@crm/core';
import { createTestApp, type ApiClient, type TestApp } from '@crm/core/testing';
import { createEffectTable, effects, writeEffect } from './support/jobs.js';

const PASSWORD = 'jobs-admin-password';

// The administrators' view of the job queue.
describe('job admin API', () => {
  let t: TestApp;
  let rep: ApiClient;
  let failedId: string;
  let doneId: string;
  let succeed = false;

  beforeAll(async () => {
    t = await createTestApp();
    await createEffectTable(t.core);
    const user = await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username: 'jobs.rep', displayName: 'Rep', password: PASSWORD } });
    expect(user.statusCode, user.body).toBe(201);
    rep = await t.signIn('jobs.rep', PASSWORD);

    t.core.jobs.define(
      'admin.sync',
      async (_p, { db, job }) => {
        if (!succeed) throw new Error('ERP answered 503');
        await writeEffect(db, job.id, 'admin-sync');
      },
      { maxAttempts: 2, backoff: 1000 },
    );
    t.core.jobs.define('admin.ok', () => undefined);
    failedId = await t.core.jobs.schedule('admin.sync', { order: 'SO-7' });
    doneId = await t.core.jobs.schedule('admin.ok', {});
    for (let i = 0; i < 6; i++) await t.core.jobs.schedule('admin.ok', { later: i }, { runAt: new Date(t.clock.now().getTime() + 86_400_000) });
    await t.core.jobs.runDue();
    t.clock.advance(1000);
    await t.core.jobs.runDue();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the routes without a session (401) and to non-administrators (403)', async () => {
    for (const [method, url] of [['GET', '/api/jobs'], ['GET', `/api/jobs/${failedId}`], ['POST', `/api/jobs/${failedId}/retry`]] as const) {
      const anonymous = await t.server.inject({ method, url });
      expect(anonymous.statusCode, url).toBe(401);
      const refused = await rep.inject({ method, url });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().code).toBe('CRM_ERR_ADMIN_ONLY');
    }
    // Refused before the input is even looked at.
    expect((await rep.inject({ method: 'GET', url: '/api/jobs?status=bogus' })).statusCode).toBe(403);
    expect((await t.server.inject({ method: 'GET', url: `/api/jobs/${failedId}` })).json().code).toBe('CRM_ERR_UNAUTHENTICATED');
  });

  it('lists jobs filtered by status and name, paged, with the errors of failed ones', async () => {
    const failed = (await t.app.inject({ method: 'GET', url: '/api/jobs?status=failed' })).json() as JobList;
    expect(failed.data.map((j) => j.id)).toEqual([failedId]);
    expect(failed.data[0]).toMatchObject({ name: 'admin.sync', status: 'failed', attempts: 2, maxAttempts: 2, lastError: 'ERP answered 503', payload: { order: 'SO-7' } });
    expect(failed.data[0]!.errors.map((e) => e.attempt)).toEqual([1, 2]);

    const pending = (await t.app.inject({ method: 'GET', url: '/api/jobs?status=pending&name=admin.ok&limit=4' })).json() as JobList;
    expect(pending.total).toBe(6);
    expect(pending.data).toHaveLength(4);
    expect(pending.page).toEqual({ limit: 4, offset: 0, has_more: true });
    const rest = (await t.app.inject({ method: 'GET', url: '/api/jobs?status=pending&name=admin.ok&limit=4&offset=4' })).json() as JobList;
    expect(rest.data).toHaveLength(2);
    expect(rest.page.has_more).toBe(false);
    expect(new Set([...pending.data, ...rest.data].map((j) => j.id)).size).toBe(6);

    const bad = await t.app.inject({ method: 'GET', url: '/api/jobs?status=bogus' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CRM_ERR_BAD_REQUEST');
  });

  it('retries a failed job, which then runs; refuses to retry a done job or an unknown one', async () => {
    const refused = await t.app.inject({ method: 'POST', url: `/api/jobs/${doneId}/retry` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CRM_ERR_JOB_NOT_RETRYABLE');
    const unknown = await t.app.inject({ method: 'POST', url: '/api/jobs/0190a7a0-0000-7000-8000-000000000000/retry' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('CRM_ERR_JOB_NOT_FOUND');

    succeed = true;
    const retried = await t.app.inject({ method: 'POST', url: `/api/jobs/${failedId}/retry` });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 2, maxAttempts: 3 });
    await t.core.jobs.runDue();
    const after = (await t.app.inject({ method: 'GET', url: `/api/jobs/${failedId}` })).json() as JobView;
    expect(after).toMatchObject({ status: 'done', attempts: 3 });
    expect((await effects(t.core, 'admin-sync')).map((e) => e.job_id)).toEqual([failedId]);
  });

  it('refuses to retry a job whose key a newer pending job holds', async () => {
    t.core.jobs.define('admin.keyed', () => undefined);
    const old = await t.core.jobs.schedule('admin.keyed', {}, { key: 'admin:key' });
    await t.core.jobs.cancel('admin:key');
    await t.core.jobs.schedule('admin.keyed', {}, { key: 'admin:key', runAt: new Date(t.clock.now().getTime() + 60_000) });
    const refused = await t.app.inject({ method: 'POST', url: `/api/jobs/${old}/retry` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('CRM_ERR_JOB_KEY_TAKEN');
  });
});
