import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, rawData, rowCount, startHarness, type ApiRecord, type Harness } from './support/api.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.t.close();
});

const URL = '/api/records/customer';

async function createCustomer(extra: Record<string, unknown> = {}): Promise<ApiRecord> {
  const res = await h.api.post(URL, { name: 'Acme', customer_type: 'enterprise', ...extra });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe('create and read', () => {
  it('creates a record with an ETag, defaults applied, and reads it back', async () => {
    const res = await h.api.post(URL, { name: '张三', customer_type: 'individual', city: 'Hangzhou' });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({ name: '张三', customer_type: 'individual', city: 'Hangzhou', version: 1, tier: 'standard', status: 'prospect' });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const got = await h.api.get<ApiRecord>(`${URL}/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.body).toEqual(res.body);
  });

  it('ignores read-only system fields sent by the client', async () => {
    const record = await createCustomer({ version: 99, created_at: '2000-01-01T00:00:00Z' });
    expect(record.version).toBe(1);
    expect(record.created_at).not.toBe('2000-01-01T00:00:00.000Z');
  });

  it('answers 404 for an unknown id', async () => {
    const res = await h.api.get(`${URL}/${randomUUID()}`);
    expect(res.status).toBe(404);
    expect(errorOf(res).code).toBe('CRM_ERR_RECORD_NOT_FOUND');
  });
});

describe('update with optimistic concurrency', () => {
  it('patches with If-Match and bumps version and ETag', async () => {
    const record = await createCustomer();
    const res = await h.api.patch(`${URL}/${record.id}`, { city: 'Shanghai' }, { 'if-match': '"1"' });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.body).toMatchObject({ version: 2, city: 'Shanghai', name: 'Acme' });
  });

  it('accepts the version in the body instead of If-Match', async () => {
    const record = await createCustomer();
    const res = await h.api.patch(`${URL}/${record.id}`, { tier: 'gold', version: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ version: 2, tier: 'gold' });
  });

  it('refuses a stale version with 409 and leaves the record unchanged', async () => {
    const record = await createCustomer({ city: 'Beijing' });
    expect((await h.api.patch(`${URL}/${record.id}`, { city: 'Shenzhen' }, { 'if-match': '"1"' })).status).toBe(200);

    const stale = await h.api.patch(`${URL}/${record.id}`, { city: 'Wuhan', tier: 'vip' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    const error = errorOf(stale);
    expect(error.code).toBe('CRM_ERR_VERSION_CONFLICT');
    expect(error.message).toContain('1');

    const got = await h.api.get<ApiRecord>(`${URL}/${record.id}`);
    expect(got.body).toMatchObject({ version: 2, city: 'Shenzhen', tier: 'standard' });
  });

  it('requires a version: 428 without If-Match or body version, record untouched', async () => {
    const record = await createCustomer();
    const res = await h.api.patch(`${URL}/${record.id}`, { city: 'Xian' });
    expect(res.status).toBe(428);
    expect(errorOf(res).code).toBe('CRM_ERR_VERSION_REQUIRED');
    const got = await h.api.get<ApiRecord>(`${URL}/${record.id}`);
    expect(got.body.version).toBe(1);
    expect(got.body.city).toBeUndefined();
  });

  it('merge patch: null clears a field, absent keys are kept', async () => {
    const record = await createCustomer({ city: 'Chengdu', address: 'Road 1' });
    const res = await h.api.patch(`${URL}/${record.id}`, { city: null }, { 'if-match': '"1"' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).not.toHaveProperty('city');
    expect(res.body.address).toBe('Road 1');
    const stored = await rawData(h.db, 'customer', record.id);
    expect(stored).not.toHaveProperty('city');
    expect(stored?.address).toBe('Road 1');
  });

  it('validates the merged record: clearing a required field is refused', async () => {
    const record = await createCustomer();
    const res = await h.api.patch(`${URL}/${record.id}`, { name: null }, { 'if-match': '"1"' });
    expect(res.status).toBe(400);
    expect(errorOf(res).fields).toContainEqual(expect.objectContaining({ path: '/name', keyword: 'required' }));
  });
});

describe('bulk create', () => {
  it('is all or nothing: one bad row → 400 naming /records/<i>/<field>, zero rows written', async () => {
    const before = await rowCount(h.db, 'customer');
    const res = await h.api.post(`${URL}/bulk`, {
      records: [
        { name: 'ok 1', customer_type: 'individual' },
        { name: 'ok 2', customer_type: 'individual' },
        { name: 'bad', customer_type: 'individual', tier: 'platinum' },
        { name: 'ok 3', customer_type: 'enterprise' },
      ],
    });
    expect(res.status).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('CRM_ERR_VALIDATION');
    expect(error.fields).toContainEqual(expect.objectContaining({ path: '/records/2/tier', keyword: 'enum' }));
    expect(await rowCount(h.db, 'customer')).toBe(before);
  });

  it('writes every row when all are valid', async () => {
    const before = await rowCount(h.db, 'customer');
    const created = await h.api.bulk('customer', [1, 2, 3].map((i) => ({ name: `bulk ${i}`, customer_type: 'individual' })));
    expect(created.map((r) => r.name)).toEqual(['bulk 1', 'bulk 2', 'bulk 3']);
    expect(await rowCount(h.db, 'customer')).toBe(before + 3);
  });

  it('a duplicate id → 409 CRM_ERR_RECORD_EXISTS, in single and bulk create', async () => {
    const id = randomUUID();
    await createCustomer({ id });
    const again = await h.api.post(URL, { id, name: 'Twin', customer_type: 'individual' });
    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('CRM_ERR_RECORD_EXISTS');

    const before = await rowCount(h.db, 'customer');
    const fresh = randomUUID();
    const bulk = await h.api.post(`${URL}/bulk`, {
      records: [
        { id: fresh, name: 'a', customer_type: 'individual' },
        { id: fresh, name: 'b', customer_type: 'individual' },
      ],
    });
    expect(bulk.status).toBe(409);
    expect(errorOf(bulk).code).toBe('CRM_ERR_RECORD_EXISTS');
    expect(await rowCount(h.db, 'customer')).toBe(before);
  });
});

describe('references', () => {
  it('refuses a reference to a missing record with the field path', async () => {
    const before = await rowCount(h.db, 'customer');
    const res = await h.api.post(URL, { name: 'Orphan', customer_type: 'enterprise', company: randomUUID() });
    expect(res.status).toBe(400);
    const error = errorOf(res);
    expect(error.code).toBe('CRM_ERR_REFERENCE_NOT_FOUND');
    expect(error.fields[0]?.path).toBe('/company');
    expect(await rowCount(h.db, 'customer')).toBe(before);
  });

  it('expand returns the referenced record, in get and list', async () => {
    const company = await h.api.post('/api/records/company', { name: 'Huawei' });
    expect(company.status, company.text).toBe(201);
    const customer = await createCustomer({ company: company.body.id });
    expect(customer.company).toBe(company.body.id);

    const got = await h.api.get<ApiRecord>(`${URL}/${customer.id}?expand=company`);
    expect(got.status, got.text).toBe(200);
    expect(got.body.company).toMatchObject({ id: company.body.id, name: 'Huawei', version: 1 });

    const listed = await h.api.list('customer', { filter: { id: { _eq: customer.id } }, expand: 'company' });
    expect(listed.body.data[0]?.company).toMatchObject({ id: company.body.id, name: 'Huawei' });
  });

  it('refuses a reference to a deleted record', async () => {
    const company = await h.api.post('/api/records/company', { name: 'Gone Ltd' });
    expect((await h.api.delete(`/api/records/company/${company.body.id}`)).status).toBe(204);
    const res = await h.api.post(URL, { name: 'x', customer_type: 'enterprise', company: company.body.id });
    expect(errorOf(res).code).toBe('CRM_ERR_REFERENCE_NOT_FOUND');
  });
});

describe('delete and restore', () => {
  it('a deleted record leaves get and list, shows with trashed=true, and comes back on restore', async () => {
    const record = await createCustomer({ name: 'Soon gone' });
    const byId = { filter: { id: { _eq: record.id } } };

    const stale = await h.api.delete(`${URL}/${record.id}`, { 'if-match': '"7"' });
    expect(stale.status).toBe(409);
    expect(errorOf(stale).code).toBe('CRM_ERR_VERSION_CONFLICT');

    const del = await h.api.delete(`${URL}/${record.id}`, { 'if-match': '"1"' });
    expect(del.status).toBe(204);
    expect(errorOf(await h.api.get(`${URL}/${record.id}`)).code).toBe('CRM_ERR_RECORD_NOT_FOUND');
    expect((await h.api.list('customer', byId)).body.data).toEqual([]);
    const patch = await h.api.patch(`${URL}/${record.id}`, { city: 'x' }, { 'if-match': '"2"' });
    expect(patch.status).toBe(404);

    const trashed = await h.api.list('customer', { ...byId, trashed: true });
    expect(trashed.body.data).toHaveLength(1);
    expect(trashed.body.data[0]).toMatchObject({ id: record.id, name: 'Soon gone', version: 2 });
    expect(trashed.body.data[0]?.deleted_at).toEqual(expect.any(String));
    expect((await h.api.get<ApiRecord>(`${URL}/${record.id}?trashed=true`)).status).toBe(200);

    const restored = await h.api.post(`${URL}/${record.id}/restore`);
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body).toMatchObject({ id: record.id, version: 3, name: 'Soon gone' });
    expect(restored.body).not.toHaveProperty('deleted_at');
    expect((await h.api.get(`${URL}/${record.id}`)).status).toBe(200);
    expect((await h.api.list('customer', byId)).body.data.map((r) => r.id)).toEqual([record.id]);
    expect((await h.api.list('customer', { ...byId, trashed: true })).body.data).toEqual([]);

    expect((await h.api.post(`${URL}/${record.id}/restore`)).status).toBe(404);
  });
});
