import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, label, rawData, startHarness, type ApiRecord, type Harness } from './support/api.js';

interface EntityInfo {
  name: string;
  version: number;
  definition: { properties: Record<string, Record<string, unknown>>; required?: string[] };
}
interface Diff {
  fields: { added: string[]; removed: string[]; restored: string[]; purged: string[]; changed: { field: string; changes: { key: string }[] }[] };
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.api.bulk('customer', Array.from({ length: 20 }, (_, i) => ({ name: `seed${i}`, customer_type: 'individual' })));
});
afterAll(async () => {
  await h.t.close();
});

const META = '/api/meta/entities/customer';
const customer = (extra: Record<string, unknown>) => h.api.post('/api/records/customer', { name: 'c', customer_type: 'enterprise', ...extra });

async function addField(name: string, schema: Record<string, unknown>, required = false) {
  const res = await h.api.post<EntityInfo>(`${META}/fields`, { name, required, schema: { 'x-crm-label': label(name), ...schema } });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function rowVersions(): Promise<Map<string, number>> {
  const { rows } = await sql<{ id: string; version: number }>`select id, version from crm_records.customer`.execute(h.db);
  return new Map(rows.map((row) => [row.id, row.version]));
}

async function relfilenode(): Promise<number> {
  const { rows } = await sql<{ node: number }>`
    select relfilenode::int as node from pg_class where oid = 'crm_records.customer'::regclass`.execute(h.db);
  return rows[0]!.node;
}

async function versionCount(): Promise<number> {
  return (await h.api.get<{ data: unknown[] }>(`${META}/versions`)).body.data.length;
}

describe('adding a field at run time', () => {
  it('does not rewrite the table or touch any row', async () => {
    const [versions, node] = [await rowVersions(), await relfilenode()];
    await addField('wechat_id', { 'x-crm-type': 'text' });
    expect(await relfilenode()).toBe(node);
    const after = await rowVersions();
    expect([...after].filter(([id, v]) => versions.get(id) !== v)).toEqual([]);
    expect(after.size).toBe(versions.size);
  });

  it('can be written, filtered and sorted on immediately; history and diff show it', async () => {
    const versionsBefore = await versionCount();
    const model = await addField('loyalty_points', { 'x-crm-type': 'integer' });
    expect(model.definition.properties.loyalty_points).toMatchObject({ 'x-crm-type': 'integer', type: 'integer' });
    expect(await versionCount()).toBe(versionsBefore + 1);

    for (const points of [30, 5, 120]) expect((await customer({ name: `lp${points}`, loyalty_points: points })).status).toBe(201);
    const bad = await customer({ loyalty_points: 'many' });
    expect(errorOf(bad).fields).toContainEqual(expect.objectContaining({ path: '/loyalty_points', keyword: 'type' }));

    const list = await h.api.list('customer', { filter: { loyalty_points: { _gte: 10 } }, sort: '-loyalty_points' });
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((r) => r.loyalty_points)).toEqual([120, 30]);

    const diff = await h.api.get<Diff>(`${META}/diff?from=${model.version - 1}&to=${model.version}`);
    expect(diff.status, diff.text).toBe(200);
    expect(diff.body.fields.added).toEqual(['loyalty_points']);
    expect(diff.body.fields.changed).toEqual([]);
  });

  it('a duplicate field name is refused', async () => {
    const res = await h.api.post(`${META}/fields`, { name: 'city', schema: { 'x-crm-type': 'text', 'x-crm-label': label('City') } });
    expect(res.status).toBe(409);
    expect(errorOf(res).code).toBe('CRM_ERR_FIELD_EXISTS');
  });
});

describe('changing a field', () => {
  it('a label-only change does not check or rewrite data', async () => {
    // A row the current rules would reject: a data check would refuse the change or rewrite it.
    const { rows } = await sql<{ id: string }>`
      insert into crm_records.customer (id, def_version, data)
      values ('00000000-0000-7000-8000-00000000abcd', 1, '{"name":"raw","customer_type":"individual","city":12345}')
      returning id`.execute(h.db);
    const versions = await rowVersions();
    const res = await h.api.patch<EntityInfo>(`${META}/fields/city`, { schema: { 'x-crm-label': label('Town') } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.definition.properties.city?.['x-crm-label']).toEqual(label('Town'));
    expect(await rowVersions()).toEqual(versions);
    const diff = await h.api.get<Diff>(`${META}/diff?from=${res.body.version - 1}&to=${res.body.version}`);
    expect(diff.body.fields.changed).toEqual([{ field: 'city', changes: [expect.objectContaining({ key: 'x-crm-label' })] }]);
    await sql`delete from crm_records.customer where id = ${rows[0]!.id}::uuid`.execute(h.db);
  });

  it('text → integer is refused with a report, then converted with cast + clear', async () => {
    await addField('legacy_code', { 'x-crm-type': 'text' });
    const twelve = (await customer({ legacy_code: '12' })).body;
    const abc = (await customer({ legacy_code: 'abc' })).body;

    const refused = await h.api.patch(`${META}/fields/legacy_code`, { schema: { 'x-crm-type': 'integer' } });
    expect(refused.status, refused.text).toBe(409);
    const error = errorOf(refused);
    expect(error.code).toBe('CRM_ERR_TYPE_CHANGE_REFUSED');
    expect(error.details).toMatchObject({ invalidCount: 2 });
    expect([...(error.details?.sampleIds as string[])].sort()).toEqual([twelve.id, abc.id].sort());

    const castOnly = await h.api.patch(`${META}/fields/legacy_code`, { schema: { 'x-crm-type': 'integer' }, conversion: { cast: true } });
    expect(castOnly.status).toBe(409);
    expect(errorOf(castOnly).details).toMatchObject({ invalidCount: 1, sampleIds: [abc.id] });
    expect((await rawData(h.db, 'customer', twelve.id))?.legacy_code).toBe('12');

    const ok = await h.api.patch<EntityInfo>(`${META}/fields/legacy_code`, {
      schema: { 'x-crm-type': 'integer' },
      conversion: { cast: true, onInvalid: 'clear' },
    });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.definition.properties.legacy_code).toMatchObject({ 'x-crm-type': 'integer', type: 'integer' });
    expect((await h.api.get<ApiRecord>(`/api/records/customer/${twelve.id}`)).body.legacy_code).toBe(12);
    const cleared = (await h.api.get<ApiRecord>(`/api/records/customer/${abc.id}`)).body;
    expect(cleared).not.toHaveProperty('legacy_code');
    expect(await rawData(h.db, 'customer', abc.id)).not.toHaveProperty('legacy_code');
    expect((await customer({ legacy_code: 7 })).status).toBe(201);
  });

  it('making a field required with missing values is refused unless conversion.fill', async () => {
    await addField('segment', { 'x-crm-type': 'text' });
    const withValue = (await customer({ segment: 'smb' })).body;
    const refused = await h.api.patch(`${META}/fields/segment`, { required: true });
    expect(refused.status).toBe(409);
    const error = errorOf(refused);
    expect(error.code).toBe('CRM_ERR_TYPE_CHANGE_REFUSED');
    expect(error.details?.invalidCount).toBeGreaterThan(20);
    expect((await h.api.get<EntityInfo>(META)).body.definition.required).not.toContain('segment');

    const filled = await h.api.patch<EntityInfo>(`${META}/fields/segment`, { required: true, conversion: { fill: 'general' } });
    expect(filled.status, filled.text).toBe(200);
    expect(filled.body.definition.required).toContain('segment');
    const missing = await h.api.list('customer', { filter: { segment: { _empty: true } } });
    expect(missing.body.data).toEqual([]);
    expect((await h.api.get<ApiRecord>(`/api/records/customer/${withValue.id}`)).body.segment).toBe('smb');
    const res = await customer({});
    expect(errorOf(res).fields).toContainEqual(expect.objectContaining({ path: '/segment', keyword: 'required' }));
    expect((await h.api.patch(`${META}/fields/segment`, { required: false })).status).toBe(200);
  });
});

describe('removing, restoring and purging a field', () => {
  it('hides the field from the API and OpenAPI while the row keeps the data', async () => {
    await addField('nickname', { 'x-crm-type': 'text' });
    const record = (await customer({ nickname: 'Nick' })).body;
    const url = `/api/records/customer/${record.id}`;

    expect((await h.api.delete(`${META}/fields/nickname`)).status).toBe(200);
    expect((await h.api.get<ApiRecord>(url)).body).not.toHaveProperty('nickname');
    const listed = await h.api.list('customer', { filter: { id: { _eq: record.id } } });
    expect(listed.body.data[0]).not.toHaveProperty('nickname');
    const openapi = await h.api.get<{ components: { schemas: Record<string, { properties: Record<string, unknown> }> } }>('/api/openapi.json');
    expect(openapi.body.components.schemas.Customer?.properties).not.toHaveProperty('nickname');
    expect(openapi.body.components.schemas.CustomerInput?.properties).not.toHaveProperty('nickname');
    expect(errorOf(await h.api.list('customer', { filter: { nickname: { _eq: 'Nick' } } })).code).toBe('CRM_ERR_UNKNOWN_FIELD');
    expect((await customer({ nickname: 'again' })).status).toBe(400);
    expect((await rawData(h.db, 'customer', record.id))?.nickname).toBe('Nick');

    // Editing another field keeps the hidden data.
    expect((await h.api.patch(url, { city: 'x' }, { 'if-match': '"1"' })).status).toBe(200);
    expect((await rawData(h.db, 'customer', record.id))?.nickname).toBe('Nick');

    const restored = await h.api.post<EntityInfo>(`${META}/fields/nickname/restore`);
    expect(restored.status, restored.text).toBe(200);
    expect((await h.api.get<ApiRecord>(url)).body.nickname).toBe('Nick');
  });

  it('purge deletes the data from the rows; only a removed field can be purged', async () => {
    const record = (await customer({ nickname: 'Gone' })).body;
    const early = await h.api.post(`${META}/fields/nickname/purge`);
    expect(early.status).toBe(409);
    expect(errorOf(early).code).toBe('CRM_ERR_FIELD_NOT_REMOVED');

    expect((await h.api.delete(`${META}/fields/nickname`)).status).toBe(200);
    const purged = await h.api.post<EntityInfo>(`${META}/fields/nickname/purge`);
    expect(purged.status, purged.text).toBe(200);
    expect(purged.body.definition.properties).not.toHaveProperty('nickname');
    expect(await rawData(h.db, 'customer', record.id)).not.toHaveProperty('nickname');
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from crm_records.customer where data ? 'nickname'`.execute(h.db);
    expect(rows[0]!.n).toBe(0);
    const diff = await h.api.get<Diff>(`${META}/diff?from=${purged.body.version - 1}&to=${purged.body.version}`);
    expect(diff.body.fields.purged).toEqual(['nickname']);
  });
});
