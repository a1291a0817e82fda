import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@crm/core/testing';
import { label, startHarness, type ApiRecord, type Harness } from './support/api.js';
import { cents, formatCents, mulberry, roundedAverage } from './support/numbers.js';

const PASSWORD = 'reports-test-password';

interface Report {
  columns: { key: string; role: string; kind: string; ref?: string }[];
  rows: Record<string, unknown>[];
  totals?: Record<string, unknown>;
  truncated: boolean;
}

describe('reports: grouped aggregates computed by PostgreSQL, checked against the raw rows', () => {
  let h: Harness;
  let rep: ApiClient;
  let repId: string;
  let customers: ApiRecord[];
  let orders: ApiRecord[];
  const report = (client: ApiClient | Harness['t']['app'], body: object) =>
    client.inject({ method: 'POST', url: '/api/reports/query', payload: body });

  beforeAll(async () => {
    h = await startHarness();
    const put = (payload: object) => h.t.app.inject({ method: 'PUT', url: '/api/org/roles', payload });
    await put({
      name: 'rep', label: label('Rep'),
      permissions: { entities: {
        customer: { actions: ['read'], scope: 'own', fields: { annual_revenue: 'hidden' } },
        order: { actions: ['read', 'create'], scope: 'own', fields: { discount_pct: 'hidden' } },
      } },
    });
    const user = await h.api.post<{ id: string }>('/api/org/users', { username: 'rep1', displayName: 'Rep One', password: PASSWORD, roles: ['rep'] });
    repId = user.body.id;
    rep = await h.t.signIn('rep1', PASSWORD);
    const random = mulberry(7);
    const regions = ['east_china', 'south_china', 'north_china'];
    const tags = ['key_account', 'fleet', 'investor'];
    customers = await h.api.bulk('customer', Array.from({ length: 12 }, (_, i) => ({
      name: `Customer ${String(i).padStart(2, '0')}`,
      customer_type: i % 2 ? 'enterprise' : 'individual',
      region: regions[i % 3],
      annual_revenue: `${100000 + i * 1234}.5${i % 10}`,
      ...(i % 4 === 3 ? {} : { tags: tags.filter((_, t) => (i + t) % 2 === 0) }),
      owner_id: i < 4 ? repId : null,
    })));
    orders = await h.api.bulk('order', Array.from({ length: 90 }, (_, i) => {
      const month = 1 + Math.floor(random() * 6);
      const day = 1 + Math.floor(random() * 28);
      return {
        order_no: `SO-${1000 + i}`,
        customer: customers[Math.floor(random() * customers.length)]!.id,
        order_date: `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        status: i % 7 === 0 ? 'cancelled' : 'completed',
        lines: [],
        total_amount: `${Math.floor(random() * 500000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`,
        discount_pct: '5.00',
        owner_id: i % 3 === 0 ? repId : null,
      };
    }));
  });
  afterAll(async () => {
    await h.t.close();
  });

  it('groups orders by customer and month with several aggregates, exact decimal sums and titles', async () => {
    const res = await report(h.t.app, {
      entity: 'order',
      filter: { status: { _neq: 'cancelled' } },
      groupBy: [{ field: 'customer' }, { field: 'order_date', bucket: 'month' }],
      aggregates: [
        { fn: 'count' }, { fn: 'sum', field: 'total_amount' }, { fn: 'avg', field: 'total_amount' },
        { fn: 'min', field: 'total_amount' }, { fn: 'max', field: 'order_date' }, { fn: 'count_distinct', field: 'order_no' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as Report;
    const expected = new Map<string, ApiRecord[]>();
    for (const order of orders.filter((o) => o.status !== 'cancelled')) {
      const key = `${order.customer}|${String(order.order_date).slice(0, 7)}-01`;
      expected.set(key, [...(expected.get(key) ?? []), order]);
    }
    expect(body.rows).toHaveLength(expected.size);
    const names = new Map(customers.map((c) => [c.id, c.name]));
    for (const row of body.rows) {
      const customer = row.customer as { id: string; title: string };
      const group = expected.get(`${customer.id}|${row['order_date:month']}`)!;
      expect(group, JSON.stringify(row)).toBeDefined();
      expect(customer.title).toBe(names.get(customer.id));
      const amounts = group.map((o) => cents(String(o.total_amount)));
      const sum = amounts.reduce((a, b) => a + b, 0n);
      expect(row.count).toBe(group.length);
      expect(row['sum:total_amount']).toBe(formatCents(sum));
      expect(row['avg:total_amount']).toBe(roundedAverage(sum, group.length));
      expect(row['min:total_amount']).toBe(formatCents(amounts.reduce((a, b) => (b < a ? b : a))));
      expect(row['max:order_date']).toBe(group.map((o) => String(o.order_date)).sort().at(-1));
      expect(row['count_distinct:order_no']).toBe(group.length);
    }
    const all = orders.filter((o) => o.status !== 'cancelled');
    expect(body.totals!.count).toBe(all.length);
    expect(body.totals!['sum:total_amount']).toBe(formatCents(all.reduce((a, o) => a + cents(String(o.total_amount)), 0n)));
    // Default order: by the groups. Sorting by a sum is numeric, not textual.
    const sorted = (await report(h.t.app, { entity: 'order', groupBy: [{ field: 'customer' }], aggregates: [{ fn: 'sum', field: 'total_amount' }], sort: '-sum:total_amount', limit: 3 })).json() as Report;
    const sums = customers.map((c) => orders.filter((o) => o.customer === c.id).reduce((a, o) => a + cents(String(o.total_amount)), 0n)).sort((a, b) => (a < b ? 1 : -1));
    expect(sorted.rows.map((r) => r['sum:total_amount'])).toEqual(sums.slice(0, 3).map(formatCents));
    expect(sorted.truncated).toBe(true);
  });

  it('groups by a field of the referenced record, by list fields and by quarters', async () => {
    const byRegion = (await report(h.t.app, { entity: 'order', groupBy: [{ field: 'customer.region' }], aggregates: [{ fn: 'count' }] })).json() as Report;
    const regionOf = new Map(customers.map((c) => [c.id, c.region]));
    const counts: Record<string, number> = {};
    for (const o of orders) counts[String(regionOf.get(String(o.customer)))] = (counts[String(regionOf.get(String(o.customer)))] ?? 0) + 1;
    expect(Object.fromEntries(byRegion.rows.map((r) => [r['customer.region'], r.count]))).toEqual(counts);

    const byTag = (await report(h.t.app, { entity: 'customer', groupBy: [{ field: 'tags', as: 'tag' }], aggregates: [{ fn: 'count' }] })).json() as Report;
    const tagCounts: Record<string, number> = {};
    for (const c of customers) for (const tag of (c.tags as string[] | undefined)?.length ? (c.tags as string[]) : ['null']) tagCounts[tag] = (tagCounts[tag] ?? 0) + 1;
    expect(Object.fromEntries(byTag.rows.map((r) => [String(r.tag), r.count]))).toEqual(tagCounts);
    expect(byTag.totals!.count).toBe(customers.length);

    const byQuarter = (await report(h.t.app, { entity: 'order', groupBy: [{ field: 'order_date', bucket: 'quarter' }], aggregates: [{ fn: 'count' }] })).json() as Report;
    const q1 = orders.filter((o) => String(o.order_date) < '2026-04-01').length;
    expect(byQuarter.rows).toEqual([{ 'order_date:quarter': '2026-01-01', count: q1 }, { 'order_date:quarter': '2026-04-01', count: orders.length - q1 }]);

    const byOwner = (await report(h.t.app, { entity: 'order', groupBy: [{ field: 'owner_id' }], aggregates: [{ fn: 'count' }], filter: { owner_id: { _eq: repId } } })).json() as Report;
    expect(byOwner.rows).toEqual([{ owner_id: { id: repId, title: 'Rep One' }, count: orders.filter((o) => o.owner_id === repId).length }]);
  });

  it('applies the record scope and treats hidden fields as unknown', async () => {
    const mine = orders.filter((o) => o.owner_id === repId);
    const res = (await report(rep, { entity: 'order', aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'total_amount' }], groupBy: [{ field: 'customer' }] })).json() as Report;
    expect(res.totals!.count).toBe(mine.length);
    expect(res.totals!['sum:total_amount']).toBe(formatCents(mine.reduce((a, o) => a + cents(String(o.total_amount)), 0n)));
    // Titles only of customers the rep may read (their own); the others stay ids.
    const readable = new Set(customers.filter((c) => c.owner_id === repId).map((c) => c.id));
    for (const row of res.rows) {
      const customer = row.customer as { id: string; title: string | null };
      expect(customer.title === null).toBe(!readable.has(customer.id));
    }
    for (const body of [
      { entity: 'order', groupBy: [{ field: 'discount_pct' }] },
      { entity: 'order', aggregates: [{ fn: 'sum', field: 'discount_pct' }] },
      { entity: 'order', filter: { discount_pct: { _gt: '1' } } },
      { entity: 'order', groupBy: [{ field: 'customer.annual_revenue' }] },
    ]) {
      const refused = await report(rep, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().code).toBe('CRM_ERR_UNKNOWN_FIELD');
    }
    expect((await report(rep, { entity: 'product' })).statusCode).toBe(403);
  });

  it('refuses reports that cannot be computed with a clear 400', async () => {
    const cases: [object, string][] = [
      [{ entity: 'order', groupBy: [{ field: 'lines' }] }, 'CRM_ERR_INVALID_REPORT'],
      [{ entity: 'order', aggregates: [{ fn: 'sum', field: 'order_no' }] }, 'CRM_ERR_INVALID_REPORT'],
      [{ entity: 'order', groupBy: [{ field: 'status', bucket: 'month' }] }, 'CRM_ERR_INVALID_REPORT'],
      [{ entity: 'order', groupBy: [{ field: 'order_date', bucket: 'day' }], timezone: 'Mars/Olympus' }, 'CRM_ERR_INVALID_REPORT'],
      [{ entity: 'order', sort: '-nope' }, 'CRM_ERR_INVALID_REPORT'],
      [{ entity: 'order', groupBy: [{ field: 'nope' }] }, 'CRM_ERR_UNKNOWN_FIELD'],
      [{ entity: 'order', groupBy: [{ field: 'status.x' }] }, 'CRM_ERR_INVALID_REPORT'],
      [{ entity: 'order', aggregates: [{ fn: 'median' }] }, 'CRM_ERR_BAD_REQUEST'],
      [{ entity: 'nothing' }, 'CRM_ERR_ENTITY_NOT_FOUND'],
    ];
    for (const [body, code] of cases) {
      const res = await report(h.t.app, body);
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().code, JSON.stringify(body)).toBe(code);
    }
  });

  it('buckets date-times in the time zone asked for', async () => {
    await h.api.post('/api/meta/entities/activity/fields', { name: 'score', schema: { 'x-crm-type': 'integer', 'x-crm-label': label('Score') } });
    await h.api.bulk('activity', [
      { subject: 'late evening', channel: 'call', occurred_at: '2026-03-31T20:00:00Z', score: 3, customer: customers[0]!.id },
      { subject: 'morning', channel: 'call', occurred_at: '2026-03-31T02:00:00Z', score: 4, customer: customers[0]!.id },
    ]);
    const run = async (timezone: string) => ((await report(h.t.app, {
      entity: 'activity', timezone, groupBy: [{ field: 'occurred_at', bucket: 'month' }], aggregates: [{ fn: 'sum', field: 'score' }],
    })).json() as Report).rows;
    expect(await run('UTC')).toEqual([{ 'occurred_at:month': '2026-03-01', 'sum:score': '7' }]);
    expect(await run('Asia/Shanghai')).toEqual([{ 'occurred_at:month': '2026-03-01', 'sum:score': '4' }, { 'occurred_at:month': '2026-04-01', 'sum:score': '3' }]);
  });
});
