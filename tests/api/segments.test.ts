import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@crm/core/testing';
import { errorOf, label, startHarness, type ApiRecord, type Harness, type ListBody } from './support/api.js';
import { cents, mulberry } from './support/numbers.js';

const PASSWORD = 'segments-test-password';
const AS_OF = '2026-06-30';

interface Score { customer: { id: string }; recencyDays: number; frequency: number; monetary: string; r: number; f: number; m: number; segment: string; tier: string | null }

/** Days between two YYYY-MM-DD dates, computed without the database. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** ceil(k · (number of values v' with v' ≤ v, in the order that favours the customer) / n), in integers. */
function quantileScores(values: number[], k: number, better: 'low' | 'high'): number[] {
  const n = values.length;
  return values.map((v) => {
    const atMost = values.filter((x) => (better === 'high' ? x <= v : x >= v)).length;
    return Math.floor((k * atMost + n - 1) / n);
  });
}

describe('segmentation: groups and RFM', () => {
  let h: Harness;
  let rep: ApiClient;
  let repId: string;
  let customers: ApiRecord[];
  let orders: ApiRecord[];

  beforeAll(async () => {
    h = await startHarness();
    await h.t.app.inject({
      method: 'PUT', url: '/api/org/roles',
      payload: { name: 'rep', label: label('Rep'), permissions: { entities: { customer: { actions: ['read', 'update'], scope: 'own', fields: { annual_revenue: 'hidden' } }, order: { actions: ['read'], scope: 'own' } } } },
    });
    repId = (await h.api.post<{ id: string }>('/api/org/users', { username: 'seg_rep', displayName: 'Seg Rep', password: PASSWORD, roles: ['rep'] })).body.id;
    rep = await h.t.signIn('seg_rep', PASSWORD);
    for (const [name, type] of [['rfm_segment', 'text'], ['value_tier', 'text'], ['rfm_score', 'text']] as const) {
      const added = await h.api.post('/api/meta/entities/customer/fields', { name, schema: { 'x-crm-type': type, 'x-crm-label': label(name) } });
      expect(added.status, added.text).toBe(201);
    }
    customers = await h.api.bulk('customer', Array.from({ length: 16 }, (_, i) => ({
      name: `Buyer ${String(i).padStart(2, '0')}`, customer_type: 'enterprise', region: i % 2 ? 'east_china' : 'south_china',
      annual_revenue: `${i * 100000}.00`, owner_id: i < 6 ? repId : null,
    })));
    const random = mulberry(42);
    const list: Record<string, unknown>[] = [];
    customers.forEach((customer, i) => {
      if (i === 15) return; // one customer never orders
      const count = 1 + Math.floor(random() * 6);
      for (let j = 0; j < count; j++) {
        const daysAgo = Math.floor(random() * 500); // some fall outside the 365-day window
        const date = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);
        list.push({
          order_no: `RFM-${i}-${j}`, customer: customer.id, order_date: date, lines: [],
          status: random() < 0.15 ? 'cancelled' : 'completed',
          total_amount: `${Math.floor(random() * 90000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`,
        });
      }
    });
    orders = await h.api.bulk('order', list);
  });
  afterAll(async () => {
    await h.t.close();
  });

  /** RFM values per customer from the raw orders: completed ones in the 365 days up to AS_OF. */
  function expectedRfm() {
    const inWindow = orders.filter((o) => o.status !== 'cancelled' && daysBetween(String(o.order_date), AS_OF) >= 0 && daysBetween(String(o.order_date), AS_OF) < 365);
    const byCustomer = new Map<string, ApiRecord[]>();
    for (const o of inWindow) byCustomer.set(String(o.customer), [...(byCustomer.get(String(o.customer)) ?? []), o]);
    return [...byCustomer].map(([id, list]) => ({
      id,
      recency: Math.min(...list.map((o) => daysBetween(String(o.order_date), AS_OF))),
      frequency: list.length,
      monetary: list.reduce((sum, o) => sum + cents(String(o.total_amount)), 0n),
    }));
  }

  it('scores customers by quantiles, names segments and tiers, and writes them to the customer records', async () => {
    const created = await h.api.post<{ id: string }>('/api/segments/rfm', {
      name: 'default', label: label('Default RFM'),
      config: {
        orders: { filter: { status: { _eq: 'completed' } } }, windowDays: 365, asOf: AS_OF, bins: { method: 'quantile', count: 5 },
        tiers: [{ name: 'gold', label: label('Gold'), minMonetary: '150000' }, { name: 'silver', label: label('Silver'), minMonetary: '60000' }],
        fields: { segment: 'rfm_segment', tier: 'value_tier', score: 'rfm_score' },
      },
    });
    expect(created.status, created.text).toBe(201);
    const run = await h.api.post<{ scored: number; written: number }>(`/api/segments/rfm/${created.body.id}/run`, {});
    expect(run.status, run.text).toBe(200);
    const expected = expectedRfm();
    expect(run.body.scored).toBe(expected.length);
    const r = quantileScores(expected.map((e) => e.recency), 5, 'low');
    const f = quantileScores(expected.map((e) => e.frequency), 5, 'high');
    const m = quantileScores(expected.map((e) => Number(e.monetary)), 5, 'high');
    const scores = (await h.api.get<{ data: Score[] }>(`/api/segments/rfm/${created.body.id}/scores?limit=1000`)).body.data;
    const byId = new Map(scores.map((s) => [s.customer.id, s]));
    const stored = new Map((await h.api.list('customer', { limit: 100 })).body.data.map((c) => [c.id, c]));
    expected.forEach((e, i) => {
      const score = byId.get(e.id)!;
      expect({ recency: score.recencyDays, frequency: score.frequency, monetary: cents(score.monetary), r: score.r, f: score.f, m: score.m })
        .toEqual({ recency: e.recency, frequency: e.frequency, monetary: e.monetary, r: r[i], f: f[i], m: m[i] });
      const segment = r[i]! >= 4 && f[i]! >= 4 ? 'champions' : r[i]! >= 3 && f[i]! >= 3 ? 'loyal' : r[i]! >= 4 ? 'new' : r[i]! <= 2 && f[i]! >= 3 ? 'at_risk'
        : r[i] === 1 ? 'lost' : r[i] === 2 ? 'hibernating' : 'need_attention';
      expect(score.segment).toBe(segment);
      const tier = e.monetary >= 15_000_000n ? 'gold' : e.monetary >= 6_000_000n ? 'silver' : null;
      expect(score.tier).toBe(tier);
      const customer = stored.get(e.id)!;
      expect(customer.rfm_segment).toBe(segment);
      expect(customer.value_tier).toBe(tier ?? undefined);
      expect(customer.rfm_score).toBe(`${r[i]}${f[i]}${m[i]}`);
    });
    // The customer without orders has no score and no segment.
    expect(byId.has(customers[15]!.id)).toBe(false);
    expect(stored.get(customers[15]!.id)!.rfm_segment).toBeUndefined();
    // The writes went through the records service: they are in the audit trail.
    const history = await h.api.get<{ data: { changes: Record<string, unknown> }[] }>(`/api/records/customer/${expected[0]!.id}/history`);
    expect(history.body.data.some((entry) => 'rfm_segment' in entry.changes)).toBe(true);
    // A re-run with nothing changed writes nothing.
    const again = await h.api.post<{ written: number }>(`/api/segments/rfm/${created.body.id}/run`, {});
    expect(again.body.written).toBe(0);
  });

  it('scores by fixed thresholds', async () => {
    const created = await h.api.post<{ id: string }>('/api/segments/rfm', {
      name: 'fixed', label: label('Fixed'),
      config: { orders: { filter: { status: { _neq: 'cancelled' } } }, windowDays: 365, asOf: AS_OF, bins: { method: 'thresholds', recency: [30, 90, 180], frequency: [2, 3, 5], monetary: ['20000', '80000', '150000'] } },
    });
    expect(created.status, created.text).toBe(201);
    await h.api.post(`/api/segments/rfm/${created.body.id}/run`, {});
    const scores = new Map((await h.api.get<{ data: Score[] }>(`/api/segments/rfm/${created.body.id}/scores?limit=1000`)).body.data.map((s) => [s.customer.id, s]));
    for (const e of expectedRfm()) {
      const s = scores.get(e.id)!;
      expect(s.r).toBe(e.recency <= 30 ? 4 : e.recency <= 90 ? 3 : e.recency <= 180 ? 2 : 1);
      expect(s.f).toBe(e.frequency >= 5 ? 4 : e.frequency >= 3 ? 3 : e.frequency >= 2 ? 2 : 1);
      expect(s.m).toBe(e.monetary >= 15_000_000n ? 4 : e.monetary >= 8_000_000n ? 3 : e.monetary >= 2_000_000n ? 2 : 1);
    }
    const bad = await h.api.post('/api/segments/rfm', {
      name: 'bad', label: label('Bad'), config: { windowDays: 30, bins: { method: 'thresholds', recency: [90, 30], frequency: [1, 2], monetary: ['1', '2'] } },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('CRM_ERR_INVALID_SEGMENT_CONFIG');
  });

  it('keeps static and dynamic groups, a customer in several, usable as a records filter and as campaign targets', async () => {
    const vip = await h.api.post<{ id: string; memberCount: number }>('/api/groups', {
      entity: 'customer', name: 'vip_list', label: label('VIP list'), kind: 'static', members: [customers[0]!.id, customers[1]!.id, customers[7]!.id],
    });
    expect(vip.status, vip.text).toBe(201);
    expect(vip.body.memberCount).toBe(3);
    const east = await h.api.post<{ id: string }>('/api/groups', { name: 'east', label: label('East'), kind: 'dynamic', filter: { region: { _eq: 'east_china' } } });
    expect(east.status, east.text).toBe(201);
    const names = async (filter: unknown, client: ApiClient = h.t.app) =>
      ((await client.inject({ method: 'GET', url: `/api/records/customer?limit=100&sort=name&filter=${encodeURIComponent(JSON.stringify(filter))}` })).json() as ListBody).data.map((c) => c.name);
    const eastNames = customers.filter((c) => c.region === 'east_china').map((c) => c.name).sort();
    expect(await names({ _in_group: east.body.id })).toEqual(eastNames);
    expect(await names({ _in_group: vip.body.id })).toEqual(['Buyer 00', 'Buyer 01', 'Buyer 07']);
    // In both groups (Buyer 01 and 07 are east), in either, and combined with other conditions.
    expect(await names({ _in_group: vip.body.id, _and: [{ _in_group: east.body.id }] })).toEqual(['Buyer 01', 'Buyer 07']);
    expect((await names({ _in_group: [vip.body.id, east.body.id] })).length).toBe(eastNames.length + 1);
    // Dynamic membership is always current.
    await h.api.patch(`/api/records/customer/${customers[0]!.id}`, { region: 'east_china' }, { 'if-match': `"${(await h.api.get<ApiRecord>(`/api/records/customer/${customers[0]!.id}`)).body.version}"` });
    expect(await names({ _in_group: east.body.id })).toContain('Buyer 00');
    const groupsOf = await h.api.get<{ data: { name: string }[] }>(`/api/records/customer/${customers[0]!.id}/groups`);
    expect(groupsOf.body.data.map((g) => g.name).sort()).toEqual(['east', 'vip_list']);
    // The rep sees members within their scope only.
    expect(await names({ _in_group: vip.body.id }, rep)).toEqual(['Buyer 00', 'Buyer 01']);
    // A group in a report filter.
    const report = await h.api.post<{ totals: { count: number } }>('/api/reports/query', { entity: 'order', filter: { customer: { _in: [customers[0]!.id] } }, groupBy: [{ field: 'status' }] });
    expect(report.status, report.text).toBe(200);
    const byGroup = await h.api.post<{ rows: { count: number }[] }>('/api/reports/query', { entity: 'customer', filter: { _in_group: east.body.id } });
    expect(byGroup.body.rows[0]!.count).toBe(eastNames.length + 1);
    // Campaign targets: member ids in pages.
    const first = await h.api.post<{ ids: string[]; next_cursor: string | null }>('/api/groups/resolve', { groups: [east.body.id, vip.body.id], limit: 5 });
    expect(first.status, first.text).toBe(200);
    const rest = await h.api.post<{ ids: string[]; next_cursor: string | null }>('/api/groups/resolve', { groups: [east.body.id, vip.body.id], limit: 100, cursor: first.body.next_cursor });
    const all = [...first.body.ids, ...rest.body.ids];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort()).toEqual(customers.filter((c, i) => c.region === 'east_china' || [0, 1, 7].includes(i)).map((c) => c.id).sort());
    // A group over a segment written by the RFM run.
    const champions = await h.api.post<{ id: string }>('/api/groups', { name: 'champions', label: label('Champions'), kind: 'dynamic', filter: { rfm_segment: { _eq: 'champions' } } });
    const championIds = (await h.api.post<{ ids: string[] }>('/api/groups/resolve', { groups: [champions.body.id] })).body.ids;
    const listed = (await h.api.list('customer', { filter: { rfm_segment: { _eq: 'champions' } }, limit: 100 })).body.data.map((c) => c.id);
    expect(championIds.sort()).toEqual(listed.sort());
  });

  it('refuses what does not fit', async () => {
    const dynamic = (await h.api.get<{ data: { id: string; name: string }[] }>('/api/groups?entity=customer')).body.data.find((g) => g.name === 'east')!;
    const add = await h.api.post(`/api/groups/${dynamic.id}/members`, { ids: [customers[2]!.id] });
    expect(add.status).toBe(409);
    expect(errorOf(add).code).toBe('CRM_ERR_GROUP_NOT_STATIC');
    const hidden = await rep.inject({ method: 'POST', url: '/api/groups', payload: { name: 'rich', label: label('Rich'), kind: 'dynamic', filter: { annual_revenue: { _gt: '1' } } } });
    expect(hidden.statusCode).toBe(400);
    expect(hidden.json().code).toBe('CRM_ERR_UNKNOWN_FIELD');
    const taken = await h.api.post('/api/groups', { name: 'east', label: label('East'), kind: 'dynamic', filter: {} });
    expect(taken.status).toBe(409);
    const unknown = await h.api.list('customer', { filter: { _in_group: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.status).toBe(400);
    const runAsRep = await rep.inject({ method: 'POST', url: `/api/segments/rfm/${'0'.repeat(8)}-0000-4000-8000-000000000000/run` });
    expect(runAsRep.statusCode).toBe(403);
  });
});
