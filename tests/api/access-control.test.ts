import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type ApiClient, type TestApp } from '@crm/core/testing';

const PASSWORD = 'access-test-password';
const label = (en: string) => ({ 'zh-CN': en, en, es: en });
const q = (filter: unknown) => encodeURIComponent(JSON.stringify(filter));

describe('permissions: actions, record scope, fields and limits', () => {
  let t: TestApp;
  const users: Record<string, { id: string; client: ApiClient }> = {};
  const ids: Record<string, string> = {};
  const names = async (client: ApiClient, url = '/api/records/company?limit=100&sort=name') =>
    ((await client.inject({ method: 'GET', url })).json().data ?? []).map((r: { name: string }) => r.name);

  beforeAll(async () => {
    t = await createTestApp();
    const post = async (url: string, payload: object) => {
      const response = await t.app.inject({ method: 'POST', url, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json();
    };
    const put = (payload: object) => t.app.inject({ method: 'PUT', url: '/api/org/roles', payload });
    const head = await post('/api/org/departments', { name: 'Head office' });
    const east = await post('/api/org/departments', { name: 'East', parentId: head.id });
    const site = await post('/api/org/departments', { name: 'East site', parentId: east.id });
    const south = await post('/api/org/departments', { name: 'South', parentId: head.id });
    const grant = (scope: string, actions: string[], extra: object = {}) => ({ entities: { company: { actions, scope, ...extra }, order: { actions, scope, limits: { discount_pct: { max: 10 } } }, customer: { actions: ['read'], scope } } });
    await put({ name: 'rep', label: label('Rep'), permissions: grant('own', ['create', 'read', 'update'], { fields: { employees: 'readonly', phone: 'hidden' } }) });
    await put({ name: 'team', label: label('Team'), permissions: grant('department', ['read', 'update', 'delete']) });
    await put({ name: 'manager', label: label('Manager'), permissions: grant('department_tree', ['create', 'read', 'update', 'delete', 'configure']) });
    await put({ name: 'reader', label: label('Reader'), permissions: { entities: { '*': { actions: ['read'], scope: 'all' } } } });
    const people: [string, string, string][] = [
      ['rep_east', 'rep', east.id], ['rep_site', 'rep', site.id], ['rep_south', 'rep', south.id],
      ['team_east', 'team', east.id], ['mgr_east', 'manager', east.id], ['reader', 'reader', head.id],
    ];
    for (const [username, role, departmentId] of people) {
      const user = await post('/api/org/users', { username, displayName: username, password: PASSWORD, departmentId, roles: [role] });
      users[username] = { id: user.id, client: await t.signIn(username, PASSWORD) };
    }
    for (const [name, owner] of [['East A', 'rep_east'], ['East B', 'team_east'], ['Site C', 'rep_site'], ['South D', 'rep_south']]) {
      const created = await post('/api/records/company', { name: name!, phone: '+86 21 5555 0000', employees: 10, owner_id: users[owner!]!.id });
      ids[name!] = created.id;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads within the scope of each role, with paging totals counted inside the scope', async () => {
    expect(await names(users.rep_east!.client)).toEqual(['East A']);
    expect(await names(users.team_east!.client)).toEqual(['East A', 'East B']);
    expect(await names(users.mgr_east!.client)).toEqual(['East A', 'East B', 'Site C']);
    expect(await names(users.reader!.client)).toEqual(['East A', 'East B', 'Site C', 'South D']);
    const page = await users.mgr_east!.client.inject({ method: 'GET', url: '/api/records/company?limit=1&total=true' });
    expect(page.json().total).toBe(3);
  });

  it('treats a record outside the scope as missing', async () => {
    const got = await users.rep_east!.client.inject({ method: 'GET', url: `/api/records/company/${ids['South D']}` });
    expect(got.statusCode).toBe(404);
    const patched = await users.rep_east!.client.inject({ method: 'PATCH', url: `/api/records/company/${ids['South D']}`, headers: { 'if-match': '"1"' }, payload: { city: 'X' } });
    expect(patched.statusCode).toBe(404);
  });

  it('allows and refuses each action by role', async () => {
    const rep = users.rep_east!.client;
    const reader = users.reader!.client;
    const created = await rep.inject({ method: 'POST', url: '/api/records/company', payload: { name: 'Rep made' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().owner_id).toBe(users.rep_east!.id);
    const refusedCreate = await reader.inject({ method: 'POST', url: '/api/records/company', payload: { name: 'Nope' } });
    expect(refusedCreate.statusCode).toBe(403);
    expect(refusedCreate.json().code).toBe('CRM_ERR_FORBIDDEN');
    expect((await rep.inject({ method: 'PATCH', url: `/api/records/company/${created.json().id}`, headers: { 'if-match': '"1"' }, payload: { city: 'Hangzhou' } })).statusCode).toBe(200);
    expect((await reader.inject({ method: 'PATCH', url: `/api/records/company/${ids['East A']}`, headers: { 'if-match': '"1"' }, payload: { city: 'X' } })).statusCode).toBe(403);
    expect((await rep.inject({ method: 'DELETE', url: `/api/records/company/${created.json().id}` })).statusCode).toBe(403);
    expect((await users.team_east!.client.inject({ method: 'DELETE', url: `/api/records/company/${ids['East B']}` })).statusCode).toBe(204);
    expect((await users.team_east!.client.inject({ method: 'POST', url: `/api/records/company/${ids['East B']}/restore` })).statusCode).toBe(200);
    expect((await users.reader!.client.inject({ method: 'GET', url: '/api/records/product' })).statusCode).toBe(200);
    expect((await rep.inject({ method: 'GET', url: '/api/records/product' })).statusCode).toBe(403);
  });

  it('never shows a hidden field: not in records, filters, sorts, field lists, history or expansions', async () => {
    const rep = users.rep_east!.client;
    const record = (await rep.inject({ method: 'GET', url: `/api/records/company/${ids['East A']}` })).json();
    expect(record.name).toBe('East A');
    expect(record).not.toHaveProperty('phone');
    for (const url of [
      `/api/records/company?filter=${q({ phone: { _starts_with: '+86' } })}`,
      '/api/records/company?sort=phone',
      '/api/records/company?fields=name,phone',
    ]) {
      const response = await rep.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('CRM_ERR_UNKNOWN_FIELD');
    }
    const history = (await rep.inject({ method: 'GET', url: `/api/records/company/${ids['East A']}/history` })).json().data;
    expect(history[0].changes.name).toBeDefined();
    expect(history[0].changes.phone).toBeUndefined();
    const withPhone = await t.app.inject({ method: 'GET', url: `/api/records/company/${ids['East A']}` });
    expect(withPhone.json().phone).toBe('+86 21 5555 0000');
  });

  it('refuses writes to read-only and hidden fields', async () => {
    const rep = users.rep_east!.client;
    for (const payload of [{ employees: 99 }, { phone: '+1 555' }]) {
      const response = await rep.inject({ method: 'PATCH', url: `/api/records/company/${ids['East A']}`, headers: { 'if-match': '"1"' }, payload });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'CRM_ERR_FIELD_READ_ONLY', fields: [{ path: `/${Object.keys(payload)[0]}` }] });
    }
  });

  it('refuses a value beyond the role limit', async () => {
    const customer = await t.app.inject({ method: 'POST', url: '/api/records/customer', payload: { name: 'Limit test', customer_type: 'individual', owner_id: users.rep_east!.id } });
    const product = await t.app.inject({ method: 'POST', url: '/api/records/product', payload: { sku: 'LIM-1', name: 'Meter', category: 'other', unit_price: '100.00' } });
    expect(product.statusCode, product.body).toBe(201);
    const lines = [{ product: product.json().id, quantity: '1.00', unit_price: '100.00', amount: '100.00' }];
    const order = { order_no: 'SO-LIMIT-1', customer: customer.json().id, order_date: '2026-11-23', status: 'draft', currency: 'CNY', lines };
    const over = await users.rep_east!.client.inject({ method: 'POST', url: '/api/records/order', payload: { ...order, discount_pct: '15.00' } });
    expect(over.statusCode).toBe(403);
    expect(over.json()).toMatchObject({ code: 'CRM_ERR_LIMIT_EXCEEDED', fields: [{ path: '/discount_pct', keyword: 'maximum' }] });
    const within = await users.rep_east!.client.inject({ method: 'POST', url: '/api/records/order', payload: { ...order, discount_pct: '8.00' } });
    expect(within.statusCode, within.body).toBe(201);
  });

  it('lets only those who may configure an entity change its fields, and only admins manage the organisation', async () => {
    const field = { name: 'region_code', schema: { 'x-crm-type': 'text', 'x-crm-label': label('Region code') } };
    expect((await users.rep_east!.client.inject({ method: 'POST', url: '/api/meta/entities/company/fields', payload: field })).statusCode).toBe(403);
    expect((await users.mgr_east!.client.inject({ method: 'POST', url: '/api/meta/entities/company/fields', payload: field })).statusCode).toBe(201);
    const orgChange = await users.mgr_east!.client.inject({ method: 'POST', url: '/api/org/departments', payload: { name: 'Rogue' } });
    expect(orgChange.json().code).toBe('CRM_ERR_ADMIN_ONLY');
  });

  it('moves a leaving employee’s records to a colleague in one action, with history', async () => {
    const moved = await t.app.inject({ method: 'POST', url: `/api/org/users/${users.rep_site!.id}/transfer`, payload: { to: users.rep_east!.id, deactivate: true } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().moved.company).toBe(1);
    expect(await names(users.rep_east!.client)).toEqual(expect.arrayContaining(['East A', 'Site C']));
    expect((await users.rep_site!.client.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const history = (await t.app.inject({ method: 'GET', url: `/api/records/company/${ids['Site C']}/history` })).json().data;
    const admin = (await t.app.inject({ method: 'GET', url: '/api/auth/me' })).json();
    expect(history.at(-1)).toMatchObject({ action: 'ownership_transfer', actor_id: admin.id, changes: { owner_id: { before: users.rep_site!.id, after: users.rep_east!.id } } });
    // Nothing is left behind: no record of any entity is still owned by the leaver.
    const entities = (await t.app.inject({ method: 'GET', url: '/api/meta/entities' })).json().data as { name: string }[];
    for (const { name } of entities) {
      const left = await t.app.inject({ method: 'GET', url: `/api/records/${name}?total=true&limit=1&filter=${q({ owner_id: { _eq: users.rep_site!.id } })}` });
      expect(left.json().total, name).toBe(0);
    }
  });
});

describe('metadata as each user sees it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.inject({
      method: 'PUT',
      url: '/api/org/roles',
      payload: { name: 'agent', label: label('Agent'), permissions: { entities: { company: { actions: ['read'], scope: 'all', fields: { phone: 'hidden' } } } } },
    });
    await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username: 'agent', displayName: 'Agent', password: PASSWORD, roles: ['agent'] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists only readable entities and leaves hidden fields out of definitions', async () => {
    const agent = await t.signIn('agent', PASSWORD);
    const entities = (await agent.inject({ method: 'GET', url: '/api/meta/entities' })).json().data.map((e: { name: string }) => e.name);
    expect(entities).toEqual(['company']);
    const company = (await agent.inject({ method: 'GET', url: '/api/meta/entities/company' })).json();
    expect(company.definition.properties).toHaveProperty('name');
    expect(company.definition.properties).not.toHaveProperty('phone');
    expect(company.access).toMatchObject({ actions: ['read'], scope: 'all' });
  });
});
