import { buildListSql, type ListQuery } from '@crm/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { label, startHarness, type Harness } from './support/api.js';

interface IndexStatus {
  field: string;
  indexName: string;
  status: string;
  error: string | null;
}

const ROWS = 3000;
const INDEX = 'ixf_customer_account_code';
let h: Harness;

async function indexes(): Promise<IndexStatus[]> {
  const res = await h.api.get<{ data: IndexStatus[] }>('/api/meta/entities/customer/indexes');
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

async function waitForIndex(field: string): Promise<IndexStatus> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = (await indexes()).find((row) => row.field === field);
    if (found?.status === 'ready' || found?.status === 'failed' || Date.now() > deadline) return found!;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * EXPLAIN of exactly the SQL a list request runs. Sequential scans are disabled for the
 * transaction: on a few thousand rows the planner may rightly prefer reading the whole table,
 * which would say nothing about the index. With seqscan off it still picks the cheapest other
 * path, and it can only pick our index if the index expression matches the query's expression
 * exactly — which is what this test is about (a mismatch, e.g. a bound parameter for the key,
 * would leave the index unusable and the plan would show a different index or a forced seqscan).
 */
async function explain(query: ListQuery): Promise<string> {
  const model = h.t.core.registry.get('customer');
  const listSql = buildListSql(model, query);
  return h.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await sql<Record<string, string>>`explain ${listSql.page}`.execute(trx);
    return rows.map((row) => Object.values(row).join(' ')).join('\n');
  });
}

beforeAll(async () => {
  h = await startHarness();
  for (const [name, indexed] of [['account_code', true], ['memo_code', false]] as const) {
    const res = await h.api.post('/api/meta/entities/customer/fields', {
      name,
      schema: { 'x-crm-type': 'text', 'x-crm-label': label(name), 'x-crm-indexed': indexed },
    });
    expect(res.status, res.text).toBe(201);
  }
  for (let start = 0; start < ROWS; start += 1000) {
    await h.api.bulk(
      'customer',
      Array.from({ length: 1000 }, (_, k) => {
        const i = start + k;
        return { name: `n${i}`, customer_type: 'individual', account_code: `AC-${String((i * 7) % ROWS).padStart(5, '0')}`, memo_code: `M-${i % 100}` };
      }),
    );
  }
  // ANALYZE and CREATE INDEX CONCURRENTLY take the same lock level and can deadlock: let the build finish first.
  await waitForIndex('account_code');
  await h.t.core.indexes.idle();
  await sql`analyze crm_records.customer`.execute(h.db);
});
afterAll(async () => {
  await h.t.close();
});

describe('indexes of x-crm-indexed fields', () => {
  it('are built in the background and reported ready; non-indexed fields get none', async () => {
    const status = await waitForIndex('account_code');
    expect(status).toMatchObject({ indexName: INDEX, status: 'ready', error: null });
    expect((await indexes()).map((row) => row.field)).not.toContain('memo_code');
    const { rows } = await sql<{ valid: boolean }>`
      select i.indisvalid as valid from pg_class c join pg_index i on i.indexrelid = c.oid where c.relname = ${INDEX}`.execute(h.db);
    expect(rows).toEqual([{ valid: true }]);
  });

  it('serve an _eq filter on the field (exact list SQL)', async () => {
    await waitForIndex('account_code');
    const plan = await explain({ filter: { account_code: { _eq: 'AC-01234' } }, limit: 50 });
    expect(plan).toContain(INDEX);
    const res = await h.api.list('customer', { filter: { account_code: { _eq: 'AC-01234' } } });
    expect(res.body.data.map((r) => r.account_code)).toEqual(['AC-01234']);
  });

  it.each(['account_code', '-account_code'])('serve sort=%s with limit 50 (exact list SQL)', async (sort) => {
    await waitForIndex('account_code');
    const plan = await explain({ sort, limit: 50 });
    expect(plan).toContain(INDEX);
    const res = await h.api.list('customer', { sort, limit: 50 });
    const codes = res.body.data.map((r) => String(r.account_code));
    expect(codes).toHaveLength(50);
    expect(codes).toEqual([...codes].sort((a, b) => (sort.startsWith('-') ? b.localeCompare(a) : a.localeCompare(b))));
    expect(codes[0]).toBe(sort.startsWith('-') ? `AC-0${ROWS - 1}` : 'AC-00000');
  });

  it('come with statistics on the same expression, so the planner knows how many rows a filter matches', async () => {
    await waitForIndex('account_code');
    const { rows } = await sql`select 1 from pg_statistic_ext where stxname = 'ixs_customer_account_code'`.execute(h.db);
    expect(rows).toHaveLength(1);
    // Without them PostgreSQL assumes 0.5 % of the rows (15 of 3,000) for any value of a partial
    // index's expression; account codes are (nearly) unique.
    const listSql = buildListSql(h.t.core.registry.get('customer'), { filter: { account_code: { _eq: 'AC-01234' } } });
    const plan = await sql<Record<string, unknown>>`explain (format json) ${listSql.matching}`.execute(h.db);
    const json = Object.values(plan.rows[0]!)[0];
    const top = (typeof json === 'string' ? JSON.parse(json) : json) as { Plan: { 'Plan Rows': number } }[];
    expect(top[0]!.Plan['Plan Rows']).toBeLessThanOrEqual(3);
  });

  it('a filter on a non-indexed field still works', async () => {
    const res = await h.api.list('customer', { filter: { memo_code: { _eq: 'M-42' } }, total: true, limit: 500 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.total).toBe(ROWS / 100);
    expect(res.body.data.every((r) => r.memo_code === 'M-42')).toBe(true);
  });

  it('removing the field drops its index', async () => {
    expect((await h.api.delete('/api/meta/entities/customer/fields/account_code')).status).toBe(200);
    await h.t.core.indexes.idle();
    expect((await indexes()).map((row) => row.field)).not.toContain('account_code');
    const { rows } = await sql`select 1 from pg_class where relname = ${INDEX}`.execute(h.db);
    expect(rows).toEqual([]);
    const stats = await sql`select 1 from pg_statistic_ext where stxname = 'ixs_customer_account_code'`.execute(h.db);
    expect(stats.rows).toEqual([]);
  });
});
