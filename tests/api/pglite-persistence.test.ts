import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp, createCore, ensureAdministrator, type Core } from '@crm/core';
import { signInClient, TEST_ADMIN_PASSWORD } from '@crm/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, label, type ApiRecord } from './support/api.js';

/** The embedded mode keeps its data in a folder: everything must survive a restart. Always PGlite. */
let dataDir: string;
let running: { core: Core; close: () => Promise<void> } | undefined;

async function boot(): Promise<Api> {
  const core = await createCore({ dataDir });
  const server = await buildApp(core);
  await ensureAdministrator(core.orm, core.organisation, TEST_ADMIN_PASSWORD);
  const app = await signInClient(server, 'admin', TEST_ADMIN_PASSWORD);
  running = {
    core,
    close: async () => {
      await server.close();
      await core.close();
      running = undefined;
    },
  };
  return new Api({ app });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'crm-pglite-'));
});
afterAll(async () => {
  await running?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('embedded PGlite on disk', () => {
  it('keeps records, fields, history, indexes and deletions across a restart', async () => {
    let api = await boot();
    const added = await api.post('/api/meta/entities/customer/fields', {
      name: 'vip_since',
      schema: { 'x-crm-type': 'date', 'x-crm-label': label('VIP since'), 'x-crm-indexed': true },
    });
    expect(added.status, added.text).toBe(201);
    const kept = await api.post('/api/records/customer', { name: '持久客户', customer_type: 'enterprise', vip_since: '2020-02-29' });
    expect(kept.status, kept.text).toBe(201);
    const gone = await api.post('/api/records/customer', { name: 'deleted one', customer_type: 'individual' });
    expect((await api.delete(`/api/records/customer/${gone.body.id}`)).status).toBe(204);
    const versionsBefore = (await api.get<{ data: unknown[] }>('/api/meta/entities/customer/versions')).body.data.length;
    await running!.core.indexes.idle();
    await running!.close();

    api = await boot();
    const got = await api.get<ApiRecord>(`/api/records/customer/${kept.body.id}`);
    expect(got.status, got.text).toBe(200);
    expect(got.body).toMatchObject({ name: '持久客户', vip_since: '2020-02-29', version: 1 });
    const meta = await api.get<{ definition: { properties: Record<string, unknown> } }>('/api/meta/entities/customer');
    expect(meta.body.definition.properties.vip_since).toMatchObject({ 'x-crm-type': 'date', 'x-crm-indexed': true });
    expect((await api.get<{ data: unknown[] }>('/api/meta/entities/customer/versions')).body.data).toHaveLength(versionsBefore);
    const filtered = await api.list('customer', { filter: { vip_since: { _gte: '2020-01-01' } } });
    expect(filtered.body.data.map((r) => r.id)).toEqual([kept.body.id]);
    expect((await api.get(`/api/records/customer/${gone.body.id}`)).status).toBe(404);
    expect((await api.list('customer', { trashed: true })).body.data.map((r) => r.id)).toEqual([gone.body.id]);
    const indexes = await api.get<{ data: { field: string; status: string }[] }>('/api/meta/entities/customer/indexes');
    expect(indexes.body.data).toContainEqual(expect.objectContaining({ field: 'vip_since', status: 'ready' }));

    // And the restarted instance can still write.
    const after = await api.post('/api/records/customer', { name: 'after restart', customer_type: 'individual', vip_since: '2024-01-01' });
    expect(after.status, after.text).toBe(201);
  });
});
