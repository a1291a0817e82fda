import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { errorOf, label, startHarness, type ApiRecord, type Harness } from './support/api.js';

const GRADES = ['AAA', 'AA', 'A', 'B', 'C'];

const definition = {
  ratingField: 'credit_grade',
  scoreField: 'credit_score',
  indicators: [
    { key: 'revenue', label: label('Revenue'), weight: 2, source: { kind: 'field', field: 'annual_revenue' }, scoring: { linear: { from: 0, to: 1000000 } } },
    {
      key: 'orders', label: label('Completed orders'), weight: 1,
      source: { kind: 'history', entity: 'order', via: 'customer', aggregate: 'count', filter: { status: { _eq: 'completed' } } },
      scoring: { bands: [{ max: 1, points: 0 }, { min: 1, max: 3, points: 50 }, { min: 3, points: 100 }] },
    },
    {
      key: 'arrears', label: label('Arrears'), weight: 1,
      source: { kind: 'history', entity: 'order', via: 'customer', aggregate: 'sum', field: 'total_amount', filter: { status: { _eq: 'pending_approval' } } },
      scoring: { bands: [{ max: 0.01, points: 100 }, { min: 0.01, max: 50000, points: 40 }, { min: 50000, points: 0 }] },
    },
    {
      key: 'punctuality', label: label('Completed share'), weight: 1, missingPoints: 50,
      source: {
        kind: 'ratio',
        numerator: { entity: 'order', via: 'customer', aggregate: 'count', filter: { status: { _eq: 'completed' } } },
        denominator: { entity: 'order', via: 'customer', aggregate: 'count' },
      },
      scoring: { linear: { from: 0, to: 1 } },
    },
  ],
  thresholds: [
    { rating: 'AAA', label: label('AAA'), minScore: 80 }, { rating: 'AA', label: label('AA'), minScore: 65 }, { rating: 'A', label: label('A'), minScore: 50 },
    { rating: 'B', label: label('B'), minScore: 30 }, { rating: 'C', label: label('C'), minScore: 0 },
  ],
};

/** The score computed from the raw records, the way an analyst would on paper. */
function expectedScore(customer: ApiRecord, orders: ApiRecord[]): { score: number; rating: string } {
  const mine = orders.filter((o) => o.customer === customer.id);
  const revenue = customer.annual_revenue === undefined ? 0 : Math.min(100, Math.max(0, (Number(customer.annual_revenue) / 1000000) * 100));
  const completed = mine.filter((o) => o.status === 'completed').length;
  const orderPoints = completed < 1 ? 0 : completed < 3 ? 50 : 100;
  const arrears = mine.filter((o) => o.status === 'pending_approval').reduce((sum, o) => sum + Number(o.total_amount), 0);
  const arrearsPoints = arrears < 0.01 ? 100 : arrears < 50000 ? 40 : 0;
  const share = mine.length ? (completed / mine.length) * 100 : 50;
  const score = Math.round(((Math.round(revenue * 100) / 100) * 2 + orderPoints + arrearsPoints + Math.round(share * 100) / 100) / 5 * 100) / 100;
  const rating = score >= 80 ? 'AAA' : score >= 65 ? 'AA' : score >= 50 ? 'A' : score >= 30 ? 'B' : 'C';
  return { score, rating };
}

describe('scorecards: weighted indicators, ratings written to the record, history, recomputed on change', () => {
  let h: Harness;
  let customers: ApiRecord[];
  let orders: ApiRecord[];
  let scorecardId: string;
  const order = (customer: string, status: string, amount: string, n: number) =>
    ({ order_no: `SC-${n}`, customer, order_date: '2026-05-01', status, total_amount: amount, lines: [] });

  async function stored(): Promise<Map<string, ApiRecord>> {
    return new Map((await h.api.list('customer', { limit: 100 })).body.data.map((c) => [c.id, c]));
  }
  async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    const end = Date.now() + 30_000;
    for (;;) {
      const value = await read();
      if (ok(value) || Date.now() > end) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    h = await startHarness();
    await h.api.post('/api/meta/entities/customer/fields', {
      name: 'credit_grade',
      schema: { 'x-crm-type': 'choice', 'x-crm-label': label('Credit grade'), 'x-crm-choices': Object.fromEntries(GRADES.map((g) => [g, label(g)])) },
    });
    await h.api.post('/api/meta/entities/customer/fields', { name: 'credit_score', schema: { 'x-crm-type': 'decimal', 'x-crm-label': label('Credit score') } });
    customers = await h.api.bulk('customer', Array.from({ length: 10 }, (_, i) => ({
      name: `Rated ${i}`, customer_type: 'enterprise', ...(i === 9 ? {} : { annual_revenue: `${i * 130000}.00` }),
    })));
    let n = 0;
    const list: Record<string, unknown>[] = [];
    customers.forEach((c, i) => {
      for (let j = 0; j < i % 5; j++) list.push(order(c.id, 'completed', '1000.00', n++));
      if (i % 3 === 0) list.push(order(c.id, 'pending_approval', `${i * 20000}.00`, n++));
    });
    orders = await h.api.bulk('order', list);
  });
  afterAll(async () => {
    await h.t.close();
  });

  it('rates every record on request, writes rating and score to its fields, and keeps the history', async () => {
    const created = await h.api.post<{ id: string }>('/api/scorecards', { name: 'credit', label: label('Credit'), definition });
    expect(created.status, created.text).toBe(201);
    scorecardId = created.body.id;
    const queued = await h.api.post<{ queued: number }>(`/api/scorecards/${scorecardId}/recompute`, {});
    expect(queued.status).toBe(202);
    expect(queued.body.queued).toBe(customers.length);
    const byId = await until(stored, (map) => [...map.values()].every((c) => c.credit_grade !== undefined));
    for (const customer of customers) {
      const expected = expectedScore(customer, orders);
      expect({ id: customer.id, grade: byId.get(customer.id)!.credit_grade, score: Number(byId.get(customer.id)!.credit_score) })
        .toEqual({ id: customer.id, grade: expected.rating, score: expected.score });
    }
    expect(new Set([...byId.values()].map((c) => c.credit_grade)).size).toBeGreaterThan(2);
    const history = await h.api.get<{ data: { rating: string; previousRating: string | null; reason: string; indicators: Record<string, { points: number }> }[] }>(`/api/records/customer/${customers[4]!.id}/ratings`);
    expect(history.body.data).toHaveLength(1);
    expect(history.body.data[0]!.previousRating).toBeNull();
    expect(Object.keys(history.body.data[0]!.indicators).sort()).toEqual(['arrears', 'orders', 'punctuality', 'revenue']);
  });

  it('recomputes on change of a field or of the history, and the history shows the step', async () => {
    const target = customers[0]!; // no completed orders, arrears 0 → low score
    const before = (await stored()).get(target.id)!;
    const added = await h.api.bulk('order', [0, 1, 2].map((k) => order(target.id, 'completed', '10.00', 1000 + k)));
    orders.push(...added);
    const expected = expectedScore(target, orders);
    expect(expected.rating).not.toBe(before.credit_grade);
    const after = await until(async () => (await stored()).get(target.id)!, (c) => c.credit_grade === expected.rating);
    expect(after.credit_grade).toBe(expected.rating);
    expect(Number(after.credit_score)).toBe(expected.score);
    const history = (await h.api.get<{ data: { rating: string; previousRating: string | null; reason: string }[] }>(`/api/records/customer/${target.id}/ratings`)).body.data;
    expect(history[0]).toMatchObject({ rating: expected.rating, previousRating: before.credit_grade, reason: 'change' });

    const rich = customers[1]!;
    const current = (await stored()).get(rich.id)!;
    await h.api.patch(`/api/records/customer/${rich.id}`, { annual_revenue: '990000.00' }, { 'if-match': `"${current.version}"` });
    const richExpected = expectedScore({ ...rich, annual_revenue: '990000.00' }, orders);
    const richAfter = await until(async () => (await stored()).get(rich.id)!, (c) => Number(c.credit_score) === richExpected.score);
    expect(richAfter.credit_grade).toBe(richExpected.rating);
  });

  it('recomputes every record each night through a recurring job', async () => {
    // A change made behind the records service (no hook sees it): only the nightly run catches it.
    const target = customers[8]!;
    await sql`update crm_records."order" set data = jsonb_set(data, '{status}', '"pending_approval"') where data ->> 'customer' = ${target.id}`.execute(h.db);
    for (const o of orders) if (o.customer === target.id) o.status = 'pending_approval';
    const expected = expectedScore(target, orders);
    const before = (await stored()).get(target.id)!;
    expect(Number(before.credit_score)).not.toBe(expected.score);
    expect((await h.t.core.jobs.runDue()).done).toBe(0);
    h.t.clock.advance(25 * 3_600_000);
    expect((await h.t.core.jobs.runDue()).done).toBeGreaterThanOrEqual(1);
    await h.t.core.scorecards.drain();
    const after = (await stored()).get(target.id)!;
    expect(Number(after.credit_score)).toBe(expected.score);
    expect(after.credit_grade).toBe(expected.rating);
  });

  it('lets lists and groups use the rating (a watch list)', async () => {
    const watch = await h.api.post<{ id: string }>('/api/groups', { name: 'watch_list', label: label('Watch list'), kind: 'dynamic', filter: { credit_grade: { _in: ['B', 'C'] } } });
    const members = (await h.api.post<{ ids: string[] }>('/api/groups/resolve', { groups: [watch.body.id] })).body.ids;
    const low = [...(await stored()).values()].filter((c) => c.credit_grade === 'B' || c.credit_grade === 'C').map((c) => c.id);
    expect(members.sort()).toEqual(low.sort());
    expect(low.length).toBeGreaterThan(0);
  });

  it('refuses definitions that cannot work, and non-administrators', async () => {
    const bad = async (change: object) => h.api.post('/api/scorecards', { name: `bad_${Math.random().toString(36).slice(2, 8)}`, label: label('Bad'), definition: { ...definition, ...change } });
    for (const change of [
      { ratingField: 'nope' },
      { thresholds: [{ rating: 'X', label: label('X'), minScore: 50 }] },
      { thresholds: [{ rating: 'Z', label: label('Z'), minScore: 0 }] },
      { indicators: [{ ...definition.indicators[1], source: { kind: 'history', entity: 'order', via: 'quote', aggregate: 'count' } }] },
      { indicators: [{ ...definition.indicators[0], source: { kind: 'field', field: 'name' } }] },
    ]) {
      const res = await bad(change);
      expect(res.status, JSON.stringify(change)).toBe(400);
      expect(errorOf(res).code).toBe('CRM_ERR_INVALID_SEGMENT_CONFIG');
    }
    await h.t.app.inject({ method: 'PUT', url: '/api/org/roles', payload: { name: 'clerk', label: label('Clerk'), permissions: { entities: { customer: { actions: ['read'], scope: 'all' } } } } });
    await h.api.post('/api/org/users', { username: 'sc_clerk', displayName: 'Clerk', password: 'scorecard-clerk-pw', roles: ['clerk'] });
    const clerk = await h.t.signIn('sc_clerk', 'scorecard-clerk-pw');
    expect((await clerk.inject({ method: 'POST', url: '/api/scorecards', payload: { name: 'x', label: label('X'), definition } })).statusCode).toBe(403);
    expect((await clerk.inject({ method: 'POST', url: `/api/scorecards/${scorecardId}/recompute`, payload: {} })).statusCode).toBe(403);
    expect((await clerk.inject({ method: 'GET', url: `/api/records/customer/${customers[0]!.id}/ratings` })).statusCode).toBe(200);
  });
});
