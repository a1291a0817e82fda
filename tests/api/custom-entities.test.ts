import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, label, startHarness, type ApiRecord, type Harness } from './support/api.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.t.close();
});

const customer = (extra: Record<string, unknown>) => h.api.post('/api/records/customer', { name: 'c', customer_type: 'enterprise', ...extra });

function projectDefinition(overrides: Record<string, unknown> = {}, properties: Record<string, unknown> = {}) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    additionalProperties: false,
    'x-crm-entity': 'project',
    'x-crm-label': label('Project'),
    'x-crm-label-plural': label('Projects'),
    'x-crm-title-field': 'title',
    'x-crm-list-columns': ['title'],
    'x-crm-owner': 'custom',
    required: ['title'],
    properties: {
      title: { 'x-crm-type': 'text', 'x-crm-label': label('Title'), type: 'string', maxLength: 100 },
      budget: { 'x-crm-type': 'decimal', 'x-crm-label': label('Budget'), type: 'string', pattern: '^-?\\d{1,15}(\\.\\d{1,4})?$', 'x-crm-scale': 2 },
      client: { 'x-crm-type': 'reference', 'x-crm-label': label('Client'), type: 'string', format: 'uuid', 'x-crm-ref': 'customer' },
      ...properties,
    },
    ...overrides,
  };
}

describe('custom entities', () => {
  it('creates a brand-new entity and does CRUD on it', async () => {
    const created = await h.api.post<{ name: string; version: number }>('/api/meta/entities', projectDefinition());
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: 'project', version: 1 });
    expect((await h.api.post('/api/meta/entities', projectDefinition())).status).toBe(409);

    const client = (await customer({ name: 'Client' })).body;
    const made = await h.api.post('/api/records/project', { title: 'Launch', budget: '1500.50', client: client.id });
    expect(made.status, made.text).toBe(201);
    const url = `/api/records/project/${made.body.id}`;
    expect((await h.api.get<ApiRecord>(`${url}?expand=client`)).body.client).toMatchObject({ id: client.id, name: 'Client' });
    const patched = await h.api.patch(url, { budget: '2000' }, { 'if-match': '"1"' });
    expect(patched.body).toMatchObject({ version: 2, budget: '2000' });
    const list = await h.api.list('project', { filter: { budget: { _gt: '1999.99' } } });
    expect(list.body.data.map((r) => r.id)).toEqual([made.body.id]);
    expect((await h.api.delete(url, { 'if-match': '"2"' })).status).toBe(204);
    expect((await h.api.get(url)).status).toBe(404);
    expect((await h.api.get<{ data: { name: string }[] }>('/api/meta/entities')).body.data.map((e) => e.name)).toContain('project');
  });

  const invalid: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
    ['missing labels', { 'x-crm-entity': 'bad_one' }, { note: { 'x-crm-type': 'text', type: 'string', maxLength: 10 } }, '/properties/note'],
    ['missing a language', { 'x-crm-entity': 'bad_two', 'x-crm-label': { en: 'Bad' } }, {}, '/x-crm-label'],
    ['unknown x-crm-type', { 'x-crm-entity': 'bad_three' }, { note: { 'x-crm-type': 'hologram', 'x-crm-label': label('Note') } }, '/properties/note'],
    ['reference to an unknown entity', { 'x-crm-entity': 'bad_four' }, { boss: { 'x-crm-type': 'reference', 'x-crm-label': label('Boss'), type: 'string', format: 'uuid', 'x-crm-ref': 'nowhere' } }, '/properties/boss/x-crm-ref'],
  ];
  it.each(invalid)('refuses an invalid definition: %s', async (_case, overrides, properties, path) => {
    const res = await h.api.post('/api/meta/entities', projectDefinition(overrides, properties));
    expect(res.status, res.text).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('CRM_ERR_INVALID_DEFINITION');
    expect(error.fields.some((f) => f.path.startsWith(path)), JSON.stringify(error.fields)).toBe(true);
    expect((await h.api.get(`/api/meta/entities/${String(overrides['x-crm-entity'])}`)).status).toBe(404);
  });

  it('refuses an invalid field added to an existing entity', async () => {
    const res = await h.api.post('/api/meta/entities/customer/fields', { name: 'broken', schema: { 'x-crm-type': 'hologram', 'x-crm-label': label('B') } });
    expect(res.status).toBe(400);
    expect(errorOf(res).fields.some((f) => f.path.startsWith('/properties/broken'))).toBe(true);
  });
});
