import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type ApiRecord, type Harness, type Reply } from './support/api.js';

/**
 * Property-based: whatever a client sends, the API answers < 500, every 4xx carries a
 * CRM_ERR_ code, and exactly the records it acknowledged with 201 exist in the table.
 */
let h: Harness;
const accepted = new Set<string>();
let seedIds: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  const seeded = await h.api.bulk('customer', Array.from({ length: 30 }, (_, i) => ({ name: `seed ${i}`, customer_type: 'individual', annual_revenue: `${i * 10}.50` })));
  seedIds = seeded.map((r) => r.id);
  seedIds.forEach((id) => accepted.add(id));
});
afterAll(async () => {
  await h.t.close();
});

function checkReply(reply: Reply<unknown>): void {
  expect(reply.status, reply.text).toBeLessThan(500);
  if (reply.status >= 400) {
    const code = (reply.body as { code?: unknown } | undefined)?.code;
    expect(typeof code === 'string' && code.startsWith('CRM_ERR_'), reply.text).toBe(true);
  }
}

async function postRecord(body: unknown): Promise<void> {
  const reply = await h.api.post('/api/records/customer', body);
  checkReply(reply);
  if (reply.status === 201) accepted.add((reply.body as ApiRecord).id);
}

const nasty = fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800', "'; drop table crm_records.customer; --", '%_\\', '💥', '1e309', '-0', 'null', '{}');
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 20 }), nasty, fc.string({ minLength: 190, maxLength: 260 }));
const decimal = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.nat({ max: 99999 })).map(([a, b]) => `${a}.${b}`);
const isoDate = fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), decimal, fc.uuid(), isoDate, isoDate.map((d) => d.slice(0, 10)));
const choice = (values: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: scalar });

/** Valid customers built from the real field names and values, then a few fields spoiled. */
const validDecimal = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.nat({ max: 9999 })).map(([a, b]) => `${a}.${b}`);
const validCustomer = fc.record(
  {
    id: fc.uuid(),
    name: fc.string({ minLength: 1, maxLength: 40 }),
    customer_type: fc.constantFrom('individual', 'enterprise'),
    tier: fc.constantFrom('vip', 'gold', 'silver', 'standard'),
    region: fc.constantFrom('east_china', 'north_china', 'overseas'),
    annual_revenue: validDecimal,
    tags: fc.uniqueArray(fc.constantFrom('fleet', 'investor', 'key_account'), { maxLength: 3 }),
    birthday: isoDate.map((d) => d.slice(0, 10)),
    email: fc.emailAddress(),
    phone: fc.stringMatching(/^\+?[0-9 ()-]{3,32}$/),
  },
  { requiredKeys: ['name', 'customer_type'] },
);
const spoilable = ['id', 'name', 'customer_type', 'tier', 'region', 'annual_revenue', 'tags', 'birthday', 'email', 'phone', 'website', 'company', 'owner_id', 'version', 'deleted_at', 'unknown_field'];
const spoil = fc.tuple(fc.constantFrom(...spoilable), fc.oneof(scalar, fc.constant(undefined), fc.array(scalar, { maxLength: 3 }), decimal));
const nearCustomer = fc.tuple(validCustomer, fc.array(spoil, { maxLength: 2 })).map(([customer, spoils]) => {
  const out: Record<string, unknown> = { ...customer };
  for (const [key, value] of spoils) out[key] = value;
  return out;
});

const SORTABLE = ['name', 'customer_type', 'tier', 'annual_revenue', 'birthday', 'city', 'id', 'created_at', 'version', 'company', 'owner_id'];
const FIELDS = [...SORTABLE, 'tags'];
const BAD_FIELDS = ['nope', 'name;drop', '_or', '_and', '', 'data', '"name"'];
/** Mostly plausible, sometimes wrong: so that most requests get past parsing into the SQL layer. */
const mostly = <A, B>(good: fc.Arbitrary<A>, bad: fc.Arbitrary<B>): fc.Arbitrary<A | B> =>
  fc.oneof({ weight: 5, arbitrary: good as fc.Arbitrary<A | B> }, { weight: 1, arbitrary: bad as fc.Arbitrary<A | B> });
const field = mostly(fc.constantFrom(...FIELDS), fc.oneof(fc.constantFrom(...BAD_FIELDS), text));
const OPS = ['_eq', '_neq', '_lt', '_lte', '_gt', '_gte', '_in', '_nin', '_contains', '_starts_with', '_empty', '_between'];
const operator = mostly(fc.constantFrom(...OPS), fc.constantFrom('_like', 'eq', '$eq', '_EQ'));
const operand = fc.oneof(scalar, fc.array(scalar, { minLength: 1, maxLength: 4 }), fc.array(validDecimal, { minLength: 2, maxLength: 2 }));
const { filter } = fc.letrec<{ filter: unknown }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: fc.dictionary(field, mostly(fc.dictionary(operator, operand, { minKeys: 1, maxKeys: 2 }), scalar), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.record({ _or: fc.array(tie('filter'), { maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ _and: fc.array(tie('filter'), { maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  ),
}));
const sortKey = fc.tuple(fc.boolean(), mostly(fc.constantFrom(...SORTABLE), fc.oneof(fc.constantFrom('tags', ...BAD_FIELDS), text))).map(([desc, f]) => `${desc ? '-' : ''}${f}`);
const sort = fc.array(sortKey, { maxLength: 3 }).map((keys) => keys.join(','));
const cursor = fc.oneof(
  text,
  fc.base64String({ maxLength: 80 }),
  fc.record({ s: fc.oneof(sort, fc.constant('-created_at,-id')), v: fc.array(fc.oneof(text, fc.constant(null), isoDate), { maxLength: 3 }) }).map(
    (payload) => Buffer.from(JSON.stringify(payload)).toString('base64url'),
  ),
);
const option = <T>(arb: fc.Arbitrary<T>, freq: number) => fc.option(arb, { freq, nil: undefined });
const listQuery = fc
  .record({
    filter: option(mostly(filter.map((f) => JSON.stringify(f)), text), 1),
    sort: option(mostly(sort, text), 2),
    limit: option(mostly(fc.integer({ min: 1, max: 500 }).map(String), fc.oneof(fc.constantFrom('0', '501', '-1', '1.5'), text)), 2),
    cursor: option(cursor, 1),
    fields: option(fc.array(field, { maxLength: 4 }).map((f) => f.join(',')), 1),
    expand: option(fc.constantFrom('company', 'name', 'nope', ''), 1),
    total: option(mostly(fc.constantFrom('true', 'false'), fc.constantFrom('yes', '2')), 1),
    trashed: option(mostly(fc.constantFrom('true', 'false'), fc.constantFrom('deleted', '')), 1),
  })
  .map((q) => Object.fromEntries(Object.entries(q).filter((entry): entry is [string, string] => entry[1] !== undefined)));

const RUNS = { json: 400, near: 700, list: 700, query: 200 };
// ~2,000 requests: about 10 s on PostgreSQL, 20 s on PGlite; the timeout leaves room for a loaded machine.
const SLOW = { timeout: 120_000 };

describe('fuzzing the records API', SLOW, () => {
  it('random JSON bodies never cause a 5xx', async () => {
    const body = fc.oneof(fc.jsonValue(), fc.object(), fc.anything({ maxDepth: 2 }), fc.dictionary(field, scalar));
    await fc.assert(fc.asyncProperty(body, postRecord), { numRuns: RUNS.json });
  });

  it('near-valid customers are accepted or refused cleanly, one by one and in bulk', async () => {
    await fc.assert(fc.asyncProperty(nearCustomer, postRecord), { numRuns: RUNS.near - 100 });
    await fc.assert(
      fc.asyncProperty(fc.array(nearCustomer, { maxLength: 5 }), async (records) => {
        const reply = await h.api.post<{ data: ApiRecord[] }>('/api/records/customer/bulk', { records });
        checkReply(reply);
        if (reply.status === 201) reply.body.data.forEach((r) => accepted.add(r.id));
      }),
      { numRuns: 100 },
    );
  });

  it('random list queries never cause a 5xx', async () => {
    let ok = 0;
    await fc.assert(
      fc.asyncProperty(listQuery, async (query) => {
        const reply = await h.api.get(`/api/records/customer?${new URLSearchParams(query).toString()}`);
        checkReply(reply);
        if (reply.status === 200) {
          ok += 1;
          expect(reply.body.data.length).toBeLessThanOrEqual(Number(query.limit ?? 50));
        }
      }),
      { numRuns: RUNS.list },
    );
    // Guard against a vacuous fuzz: a good share of the queries must reach the database.
    expect(ok).toBeGreaterThan(RUNS.list / 5);
  });

  it('random POST /query bodies never cause a 5xx', async () => {
    const body = fc.record(
      { filter, sort, limit: mostly(fc.integer({ min: 1, max: 500 }), scalar), cursor, fields: fc.array(field, { maxLength: 3 }), total: fc.boolean() },
      { requiredKeys: [] },
    );
    await fc.assert(fc.asyncProperty(fc.oneof(body, fc.jsonValue({ maxDepth: 2 })), async (b) => checkReply(await h.api.post('/api/records/customer/query', b))), {
      numRuns: RUNS.query,
    });
  });

  it('the table holds exactly the records answered with 201', async () => {
    const { rows } = await sql<{ id: string }>`select id from crm_records.customer`.execute(h.db);
    expect(rows.length).toBe(accepted.size);
    expect(new Set(rows.map((r) => r.id))).toEqual(accepted);
    expect(accepted.size).toBeGreaterThan(seedIds.length + 50);
  });
});
