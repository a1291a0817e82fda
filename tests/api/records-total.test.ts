import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/api.js';

/**
 * `total=true` counts exactly up to a limit (5 here, 10,000 by default) and above it answers the
 * planner's estimate, flagged `total_estimated: true`; `total=exact` always counts.
 */
let h: Harness;
const LIMIT = 5;

beforeAll(async () => {
  h = await startHarness({ core: { exactCountLimit: LIMIT } });
  await h.api.bulk(
    'product',
    Array.from({ length: 40 }, (_, i) => ({ sku: `T-${i}`, name: `Item ${i}`, category: i < 3 ? 'parking' : 'other', unit_price: `${i + 1}.00` })),
  );
  await sql`analyze crm_records.product`.execute(h.db);
});

afterAll(async () => {
  await h.t.close();
});

describe('list totals', () => {
  it('are exact, and say so, up to the limit', async () => {
    const res = await h.api.list('product', { filter: { category: { _eq: 'parking' } }, total: true, limit: 1 });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ total: 3, total_estimated: false });
    expect(res.body.data).toHaveLength(1);
  });

  it('are an estimate above the limit, flagged, and never below what was counted', async () => {
    const res = await h.api.list('product', { total: true, limit: 2 });
    expect(res.status, res.text).toBe(200);
    expect(res.body.total_estimated).toBe(true);
    expect(res.body.total).toBeGreaterThan(LIMIT);
    // With fresh statistics the planner's estimate of an unfiltered table is its row count.
    expect(res.body.total).toBe(40);
  });

  it('are exact with total=exact, in the query string and in a query body', async () => {
    const res = await h.api.list('product', { filter: { category: { _eq: 'other' } }, total: 'exact', limit: 1 });
    expect(res.body).toMatchObject({ total: 37, total_estimated: false });
    const body = await h.api.post<{ total: number; total_estimated: boolean }>('/api/records/product/query', { total: 'exact', limit: 1 });
    expect(body.status, body.text).toBe(200);
    expect(body.body).toMatchObject({ total: 40, total_estimated: false });
  });

  it('are absent unless asked for, and refuse other values', async () => {
    const res = await h.api.list('product', { limit: 1 });
    expect(res.body.total).toBeUndefined();
    expect(res.body.total_estimated).toBeUndefined();
    expect((await h.api.list('product', { total: 'maybe' })).status).toBe(400);
  });
});
