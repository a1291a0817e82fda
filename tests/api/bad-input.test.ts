import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, queryString, rowCount, startHarness, type ApiRecord, type Harness, type Reply } from './support/api.js';

let h: Harness;
let record: ApiRecord;
let rowsBefore: number;
beforeAll(async () => {
  h = await startHarness();
  await h.api.bulk('customer', Array.from({ length: 12 }, (_, i) => ({ name: `c${i}`, customer_type: 'individual', annual_revenue: `${i}00.00` })));
  record = (await h.api.post('/api/records/customer', { name: 'target', customer_type: 'enterprise' })).body;
  rowsBefore = await rowCount(h.db, 'customer');
});
afterAll(async () => {
  await h.t.close();
});

const C = '/api/records/customer';
const DROP = "x'; drop table crm_records.customer; --";
const list = (query: Record<string, unknown>) => h.api.get(`${C}?${queryString(query)}`);
const cursorOf = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');

/** Every error answer: status, stable code, the common shape and nothing of the server's insides. */
function expectError(reply: Reply<unknown>, status: number, code: string): ReturnType<typeof errorOf> {
  expect(reply.status, reply.text).toBe(status);
  const error = errorOf(reply);
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(0);
  expect(error.requestId).toEqual(expect.any(String));
  expect(Object.keys(error).sort()).toEqual(expect.arrayContaining(['code', 'fields', 'message', 'requestId']));
  expect(error).not.toHaveProperty('stack');
  expect(reply.text).not.toMatch(/node_modules|\.ts:\d+|\n\s+at |syntax error at|relation "/);
  return error;
}

describe('request bodies', () => {
  it('malformed or empty JSON → 400 CRM_ERR_MALFORMED_JSON', async () => {
    for (const raw of ['{"name": ', '{name: 1}', "{'a':1}", '']) {
      const res = await h.api.request({ method: 'POST', url: C, raw, headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'CRM_ERR_MALFORMED_JSON');
    }
  });

  it('a non-JSON content type → 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) {
      const res = await h.api.request({ method: 'POST', url: C, raw: 'name=x', headers: { 'content-type': type } });
      expectError(res, 415, 'CRM_ERR_UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('a body over 1 MB → 413', async () => {
    const res = await h.api.post(C, { name: 'big', customer_type: 'individual', notes: 'x'.repeat(1024 * 1024 + 10) });
    expectError(res, 413, 'CRM_ERR_BODY_TOO_LARGE');
  });

  it('a body that is not an object → 400 CRM_ERR_VALIDATION', async () => {
    for (const body of [[], 'text', 42, null]) expectError(await h.api.post(C, body), 400, 'CRM_ERR_VALIDATION');
  });

  it('text PostgreSQL cannot store (NUL characters) → 400, in bodies and in filters', async () => {
    expectError(await h.api.post(C, { name: 'nul\u0000byte', customer_type: 'individual' }), 400, 'CRM_ERR_BAD_REQUEST');
    expectError(await list({ filter: { name: { _eq: 'nul\u0000' } } }), 400, 'CRM_ERR_BAD_REQUEST');
  });

  it('an unknown field, a wrong type or an over-long string → 400 with the path', async () => {
    const base = { name: 'n', customer_type: 'individual' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, favourite_color: 'red' }, '/favourite_color', 'additionalProperties'],
      [{ ...base, annual_revenue: 12.5 }, '/annual_revenue', 'type'],
      [{ ...base, annual_revenue: '12.123456' }, '/annual_revenue', 'pattern'],
      [{ ...base, tags: 'fleet' }, '/tags', 'type'],
      [{ ...base, birthday: '31/12/1999' }, '/birthday', 'format'],
      [{ ...base, name: 'n'.repeat(201) }, '/name', 'maxLength'],
      [{ ...base, notes: 'n'.repeat(10001) }, '/notes', 'maxLength'],
      [{ ...base, owner_id: DROP }, '/owner_id', 'format'],
      [{ ...base, id: DROP }, '/id', 'format'],
    ];
    for (const [body, path, keyword] of cases) {
      const error = expectError(await h.api.post(C, body), 400, 'CRM_ERR_VALIDATION');
      expect(error.fields, JSON.stringify(body).slice(0, 80)).toContainEqual(expect.objectContaining({ path, keyword }));
    }
  });
});

describe('unknown things', () => {
  it('unknown entity → 404 CRM_ERR_ENTITY_NOT_FOUND on every route', async () => {
    expectError(await h.api.get('/api/records/planet'), 404, 'CRM_ERR_ENTITY_NOT_FOUND');
    expectError(await h.api.post('/api/records/planet', { name: 'x' }), 404, 'CRM_ERR_ENTITY_NOT_FOUND');
    expectError(await h.api.get(`/api/records/planet/${record.id}`), 404, 'CRM_ERR_ENTITY_NOT_FOUND');
    expectError(await h.api.get('/api/meta/entities/planet'), 404, 'CRM_ERR_ENTITY_NOT_FOUND');
  });

  it('unknown route → 404 CRM_ERR_ROUTE_NOT_FOUND; an unknown query parameter → 400', async () => {
    expectError(await h.api.get('/api/nothing-here'), 404, 'CRM_ERR_ROUTE_NOT_FOUND');
    expectError(await h.api.get(`${C}?colour=red`), 400, 'CRM_ERR_BAD_REQUEST');
  });

  it('unknown fields in filter, sort, fields and expand → 400 CRM_ERR_UNKNOWN_FIELD', async () => {
    expectError(await list({ filter: { shoe_size: { _eq: 42 } } }), 400, 'CRM_ERR_UNKNOWN_FIELD');
    expectError(await list({ filter: { _or: [{ name: { _eq: 'a' } }, { shoe_size: { _eq: 1 } }] } }), 400, 'CRM_ERR_UNKNOWN_FIELD');
    expectError(await list({ sort: '-shoe_size' }), 400, 'CRM_ERR_UNKNOWN_FIELD');
    expectError(await list({ fields: 'name,shoe_size' }), 400, 'CRM_ERR_UNKNOWN_FIELD');
    expectError(await list({ expand: 'shoe_size' }), 400, 'CRM_ERR_UNKNOWN_FIELD');
  });
});

describe('filters with wrong value types', () => {
  const cases: [string, unknown, string][] = [
    ['not JSON', '{"name":', 'CRM_ERR_INVALID_FILTER'],
    ['an array', [{ name: { _eq: 'a' } }], 'CRM_ERR_INVALID_FILTER'],
    ['a bare value', { name: 'a' }, 'CRM_ERR_INVALID_FILTER'],
    ['an unknown operator', { name: { _like: 'a' } }, 'CRM_ERR_INVALID_FILTER'],
    ['text for a decimal', { annual_revenue: { _gt: 'lots' } }, 'CRM_ERR_INVALID_FILTER'],
    ['an object for text', { name: { _eq: { a: 1 } } }, 'CRM_ERR_INVALID_FILTER'],
    ['a scalar for _in', { tier: { _in: 'vip' } }, 'CRM_ERR_INVALID_FILTER'],
    ['an empty _in', { tier: { _in: [] } }, 'CRM_ERR_INVALID_FILTER'],
    ['three values for _between', { annual_revenue: { _between: ['1', '2', '3'] } }, 'CRM_ERR_INVALID_FILTER'],
    ['a string for _empty', { city: { _empty: 'yes' } }, 'CRM_ERR_INVALID_FILTER'],
    ['a non-date for created_at', { created_at: { _gt: 'yesterday' } }, 'CRM_ERR_INVALID_FILTER'],
    ['a non-uuid id', { id: { _eq: "1' or '1'='1" } }, 'CRM_ERR_INVALID_FILTER'],
    ['a non-integer version', { version: { _eq: 'one' } }, 'CRM_ERR_INVALID_FILTER'],
    ['an empty _or', { _or: [] }, 'CRM_ERR_INVALID_FILTER'],
    ['_and not a list', { _and: { name: { _eq: 'a' } } }, 'CRM_ERR_INVALID_FILTER'],
    ['nesting too deep', JSON.parse('{"_and":[{"_and":[{"_and":[{"_and":[{"_and":[{"_and":[{"_and":[{"_and":[{"_and":[{"_and":[{"name":{"_eq":"a"}}]}]}]}]}]}]}]}]}]}]}'), 'CRM_ERR_INVALID_FILTER'],
    ['_lt on a list field', { tags: { _lt: 'a' } }, 'CRM_ERR_FIELD_NOT_FILTERABLE'],
    ['_contains on a decimal', { annual_revenue: { _contains: '1' } }, 'CRM_ERR_FIELD_NOT_FILTERABLE'],
  ];
  it.each(cases)('%s → 400', async (_name, filter, code) => {
    expectError(await list({ filter: typeof filter === 'string' ? filter : JSON.stringify(filter) }), 400, code);
  });

  it('bad paging parameters → 400 CRM_ERR_BAD_REQUEST', async () => {
    for (const limit of ['0', '501', 'ten', '-1']) expectError(await list({ limit }), 400, 'CRM_ERR_BAD_REQUEST');
    expectError(await list({ sort: 'name,tier,city,region,status,email' }), 400, 'CRM_ERR_BAD_REQUEST');
    expectError(await list({ sort: 'tags' }), 400, 'CRM_ERR_FIELD_NOT_SORTABLE');
  });
});

describe('SQL fragments never reach SQL as code', () => {
  it('in a text filter value: it is just a value that matches nothing', async () => {
    const res = await list({ filter: { name: { _eq: DROP } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ data: [] });
    const contains = await list({ filter: { name: { _contains: "' or 1=1 --" } } });
    expect(contains.body).toMatchObject({ data: [] });
  });

  it('in a typed filter value → 400 CRM_ERR_INVALID_FILTER', async () => {
    expectError(await list({ filter: { annual_revenue: { _eq: '1; drop table x' } } }), 400, 'CRM_ERR_INVALID_FILTER');
    expectError(await list({ filter: { owner_id: { _in: [DROP] } } }), 400, 'CRM_ERR_INVALID_FILTER');
  });

  it('in filter field names and sort keys → 400 CRM_ERR_UNKNOWN_FIELD', async () => {
    for (const field of ['name; drop table x', "data->>'name'", 'name) or (1=1', '"name"']) {
      expectError(await list({ filter: { [field]: { _eq: 'a' } } }), 400, 'CRM_ERR_UNKNOWN_FIELD');
    }
    for (const sort of ['name;drop table x', '(select 1)', 'name desc', '1', 'name,-(select pg_sleep(1))']) {
      expectError(await list({ sort }), 400, 'CRM_ERR_UNKNOWN_FIELD');
    }
  });

  it('in ids and entity names', async () => {
    const id = encodeURIComponent("1' or '1'='1");
    expectError(await h.api.get(`${C}/${id}`), 404, 'CRM_ERR_RECORD_NOT_FOUND');
    expectError(await h.api.patch(`${C}/${id}`, { name: 'x' }, { 'if-match': '"1"' }), 404, 'CRM_ERR_RECORD_NOT_FOUND');
    expectError(await h.api.delete(`${C}/${id}`), 404, 'CRM_ERR_RECORD_NOT_FOUND');
    expectError(await h.api.post(`${C}/${id}/restore`), 404, 'CRM_ERR_RECORD_NOT_FOUND');
    expectError(await h.api.get(`/api/records/${encodeURIComponent('customer; drop table x')}`), 400, 'CRM_ERR_BAD_REQUEST');
    expectError(await h.api.patch(`${C}/${record.id}`, { name: 'x' }, { 'if-match': DROP }), 400, 'CRM_ERR_BAD_REQUEST');
  });

  it('in cursors: garbage and forged cursors are refused', async () => {
    const garbage = ['not a cursor', 'eyJzIjoi', cursorOf({ s: 'name,id', v: ['a'] }), cursorOf({ s: '-created_at,-id', v: [1, 2] })];
    for (const cursor of garbage) expectError(await list({ sort: 'name', cursor }), 400, 'CRM_ERR_INVALID_CURSOR');
    // Well-formed cursors whose values do not fit the sort keys' types.
    const forged = [
      { sort: 'name', cursor: cursorOf({ s: 'name,id', v: [DROP, DROP] }) },
      { sort: 'annual_revenue', cursor: cursorOf({ s: 'annual_revenue,id', v: ['1) or (1=1', record.id] }) },
      { sort: '-created_at', cursor: cursorOf({ s: '-created_at,-id', v: [DROP, record.id] }) },
    ];
    for (const { sort, cursor } of forged) {
      // The database refuses the cast; the error handler maps that data exception to a plain 400.
      expectError(await list({ sort, cursor }), 400, 'CRM_ERR_BAD_REQUEST');
    }
    // A forged cursor with well-typed values is just a position.
    const positioned = await list({ sort: 'name', cursor: cursorOf({ s: 'name,id', v: [DROP, record.id] }), limit: 500 });
    expect(positioned.status).toBe(200);
  });

  it('afterwards the table still exists with the same rows', async () => {
    const { rows } = await sql<{ t: string | null }>`select to_regclass('crm_records.customer')::text as t`.execute(h.db);
    expect(rows[0]?.t).toBe('crm_records.customer');
    expect(await rowCount(h.db, 'customer')).toBe(rowsBefore);
    expect((await h.api.get<ApiRecord>(`${C}/${record.id}`)).body).toMatchObject({ name: 'target', version: 1 });
  });
});
