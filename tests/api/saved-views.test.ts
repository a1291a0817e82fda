import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type ApiClient, type TestApp } from '@crm/core/testing';

const PASSWORD = 'views-test-password';
const label = (en: string) => ({ 'zh-CN': en, en, es: en });

describe('saved views: personal and shared', () => {
  let t: TestApp;
  let rep: ApiClient;
  let other: ApiClient;
  let outsider: ApiClient;
  let repId: string;

  beforeAll(async () => {
    t = await createTestApp();
    const put = (payload: object) => t.app.inject({ method: 'PUT', url: '/api/org/roles', payload });
    await put({ name: 'rep', label: label('Rep'), permissions: { entities: { company: { actions: ['read', 'update'], scope: 'own', fields: { phone: 'hidden' } } } } });
    await put({ name: 'service', label: label('Service'), permissions: { entities: { service_ticket: { actions: ['read'], scope: 'all' } } } });
    for (const [username, role] of [['rep1', 'rep'], ['rep2', 'rep'], ['svc', 'service']] as const) {
      const created = await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username, displayName: username, password: PASSWORD, roles: [role] } });
      expect(created.statusCode, created.body).toBe(201);
      if (username === 'rep1') repId = created.json().id;
    }
    rep = await t.signIn('rep1', PASSWORD);
    other = await t.signIn('rep2', PASSWORD);
    outsider = await t.signIn('svc', PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  const listViews = async (client: ApiClient, entity = 'company') =>
    (await client.inject({ method: 'GET', url: `/api/views?entity=${entity}` })).json().data as { id: string; name: string; mine: boolean; shared: boolean; columns: string[] }[];

  it('keeps a personal view with its filter, sort, columns and kanban field, for its owner only', async () => {
    const created = await rep.inject({
      method: 'POST',
      url: '/api/views',
      payload: { entity: 'company', name: 'Big IT', filter: { industry: { _eq: 'it' }, employees: { _gte: 100 } }, sort: '-employees,name', columns: ['name', 'employees', 'city'], kanbanField: 'industry' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json();
    expect(view).toMatchObject({ entity: 'company', name: 'Big IT', shared: false, mine: true, ownerId: repId, sort: '-employees,name', columns: ['name', 'employees', 'city'], kanbanField: 'industry' });
    expect(view.filter).toEqual({ industry: { _eq: 'it' }, employees: { _gte: 100 } });

    expect((await listViews(rep)).map((v) => v.name)).toEqual(['Big IT']);
    expect(await listViews(other)).toEqual([]);
    // Someone else's personal view does not exist for them.
    const foreign = await other.inject({ method: 'PATCH', url: `/api/views/${view.id}`, payload: { name: 'Mine now' } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('CRM_ERR_VIEW_NOT_FOUND');

    const renamed = await rep.inject({ method: 'PATCH', url: `/api/views/${view.id}`, payload: { name: 'Large IT', columns: ['name'], kanbanField: null } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Large IT', columns: ['name'], kanbanField: null, sort: '-employees,name' });
    expect((await rep.inject({ method: 'DELETE', url: `/api/views/${view.id}` })).statusCode).toBe(204);
    expect(await listViews(rep)).toEqual([]);
  });

  it('refuses views naming fields the user cannot see, bad filters and a kanban on a non-choice field', async () => {
    const post = (payload: object) => rep.inject({ method: 'POST', url: '/api/views', payload: { entity: 'company', name: 'x', ...payload } });
    const hiddenColumn = await post({ columns: ['name', 'phone'] });
    expect(hiddenColumn.statusCode).toBe(400);
    expect(hiddenColumn.json().fields).toEqual([expect.objectContaining({ path: '/columns/1' })]);
    const badKanban = await post({ kanbanField: 'employees' });
    expect(badKanban.json().fields).toEqual([expect.objectContaining({ path: '/kanbanField' })]);
    const hiddenFilter = await post({ filter: { phone: { _eq: '1' } } });
    expect(hiddenFilter.statusCode).toBe(400);
    expect(hiddenFilter.json().code).toBe('CRM_ERR_UNKNOWN_FIELD');
    const badOperator = await post({ filter: { name: { _like: 'x' } } });
    expect(badOperator.json().code).toBe('CRM_ERR_INVALID_FILTER');
    const badSort = await post({ sort: 'nope' });
    expect(badSort.json().code).toBe('CRM_ERR_UNKNOWN_FIELD');
    const unreadable = await rep.inject({ method: 'POST', url: '/api/views', payload: { entity: 'service_ticket', name: 'x' } });
    expect(unreadable.statusCode).toBe(403);
    expect(await listViews(rep)).toEqual([]);
  });

  it('shows a shared view to everyone who may read the entity; only admins and holders of "configure" share', async () => {
    const refused = await rep.inject({ method: 'POST', url: '/api/views', payload: { entity: 'company', name: 'Shared by rep', shared: true } });
    expect(refused.statusCode).toBe(403);
    const shared = await t.app.inject({ method: 'POST', url: '/api/views', payload: { entity: 'company', name: 'All IT companies', shared: true, filter: { industry: { _eq: 'it' } }, columns: ['name', 'phone', 'city'] } });
    expect(shared.statusCode, shared.body).toBe(201);
    const seen = await listViews(rep);
    expect(seen).toEqual([expect.objectContaining({ name: 'All IT companies', shared: true, mine: false })]);
    // The reader's hidden field is not among the view's columns for them.
    expect(seen[0]!.columns).toEqual(['name', 'city']);
    expect(await listViews(outsider)).toEqual([]);
    const notOwner = await rep.inject({ method: 'DELETE', url: `/api/views/${shared.json().id}` });
    expect(notOwner.statusCode).toBe(403);
    expect(notOwner.json().code).toBe('CRM_ERR_VIEW_NOT_OWNER');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/views/${shared.json().id}` })).statusCode).toBe(204);
  });
});
