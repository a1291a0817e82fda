import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@crm/core/testing';
import { errorOf, label, startHarness, type ApiRecord, type Harness } from './support/api.js';
import { cents, formatCents } from './support/numbers.js';

const PASSWORD = 'dashboards-test-password';

interface Widgets { widgets: Record<string, { data?: { rows: Record<string, unknown>[] }; error?: { code: string } }> }

describe('dashboards per role, their data, and the customer 360 overview', () => {
  let h: Harness;
  let rep: ApiClient;
  let agent: ApiClient;
  let customer: ApiRecord;
  let tickets: ApiRecord[];

  beforeAll(async () => {
    h = await startHarness();
    const put = (payload: object) => h.t.app.inject({ method: 'PUT', url: '/api/org/roles', payload });
    await put({ name: 'sales_rep', label: label('Rep'), permissions: { entities: { customer: { actions: ['read'], scope: 'all' }, order: { actions: ['read'], scope: 'all' }, opportunity: { actions: ['read'], scope: 'all' } } } });
    await put({ name: 'service_agent', label: label('Agent'), permissions: { entities: { service_ticket: { actions: ['read'], scope: 'all' }, customer: { actions: ['read'], scope: 'all' } } } });
    await h.api.post('/api/org/users', { username: 'dash_rep', displayName: 'Rep', password: PASSWORD, roles: ['sales_rep'] });
    await h.api.post('/api/org/users', { username: 'dash_agent', displayName: 'Agent', password: PASSWORD, roles: ['service_agent'] });
    rep = await h.t.signIn('dash_rep', PASSWORD);
    agent = await h.t.signIn('dash_agent', PASSWORD);
    customer = (await h.api.bulk('customer', [{ name: 'Overview Co', customer_type: 'enterprise', tier: 'gold' }]))[0]!;
    await h.api.bulk('order', [1, 2, 3].map((i) => ({ order_no: `OV-${i}`, customer: customer!.id, order_date: `2026-0${i}-10`, status: 'completed', total_amount: `${i}00.10`, lines: [] })));
    const base = Date.now();
    tickets = await h.api.bulk('service_ticket', ['billing', 'billing', 'meter'].map((category, i) => ({
      ticket_no: `T-${i}`, subject: `Ticket ${i}`, category, priority: 'medium', status: 'resolved', customer: customer!.id,
      resolved_at: new Date(base + (i + 1) * 3_600_000 * 1.5).toISOString(),
    })));
    await h.api.bulk('activity', [{ subject: 'Call', channel: 'call', occurred_at: new Date().toISOString(), customer: customer!.id }]);
  });
  afterAll(async () => {
    await h.t.close();
  });

  it('starts with the standard dashboards, each shown to its roles', async () => {
    const all = (await h.api.get<{ data: { name: string }[] }>('/api/dashboards')).body.data.map((d) => d.name);
    expect(all).toEqual(['sales', 'customers', 'service']);
    const forRep = ((await rep.inject({ method: 'GET', url: '/api/dashboards' })).json() as { data: { name: string }[] }).data.map((d) => d.name);
    expect(forRep).toEqual(['sales', 'customers']);
    const forAgent = ((await agent.inject({ method: 'GET', url: '/api/dashboards' })).json() as { data: { name: string; id: string }[] }).data;
    expect(forAgent.map((d) => d.name)).toEqual(['customers', 'service']);
    const sales = (await h.api.get<{ data: { name: string; id: string }[] }>('/api/dashboards')).body.data.find((d) => d.name === 'sales')!;
    expect((await agent.inject({ method: 'GET', url: `/api/dashboards/${sales.id}` })).statusCode).toBe(404);
  });

  it('computes widget data for the viewer: response times by category, a refused widget alone', async () => {
    const service = (await agent.inject({ method: 'GET', url: '/api/dashboards' })).json().data.find((d: { name: string }) => d.name === 'service');
    const data = (await agent.inject({ method: 'POST', url: `/api/dashboards/${service.id}/data`, payload: {} })).json() as Widgets;
    const rows = data.widgets.by_category!.data!.rows;
    for (const category of ['billing', 'meter']) {
      const mine = tickets.filter((t) => t.category === category);
      const hours = mine.map((t) => (Date.parse(String(t.resolved_at)) - Date.parse(String(t.created_at))) / 3_600_000);
      const row = rows.find((r) => r.category === category)!;
      expect(row.count).toBe(mine.length);
      expect(Number(row.avg_resolution_hours)).toBeCloseTo(hours.reduce((a, b) => a + b, 0) / hours.length, 2);
    }
    const mixed = await h.api.post<{ id: string }>('/api/dashboards', {
      name: 'mixed', label: label('Mixed'), roles: ['service_agent'],
      widgets: [
        { id: 'tickets', title: label('Tickets'), chart: 'number', report: { entity: 'service_ticket' } },
        { id: 'orders', title: label('Orders'), chart: 'number', report: { entity: 'order', aggregates: [{ fn: 'sum', field: 'total_amount' }] } },
      ],
    });
    expect(mixed.status, mixed.text).toBe(201);
    const both = (await agent.inject({ method: 'POST', url: `/api/dashboards/${mixed.body.id}/data` })).json() as Widgets;
    expect(both.widgets.tickets!.data!.rows).toEqual([{ count: 3 }]);
    expect(both.widgets.orders!.error!.code).toBe('CRM_ERR_FORBIDDEN');
    const narrowed = await agent.inject({ method: 'POST', url: `/api/dashboards/${mixed.body.id}/widgets/tickets/data`, payload: { filter: { category: { _eq: 'meter' } } } });
    expect(narrowed.json().rows).toEqual([{ count: 1 }]);
    const bad = await h.api.post('/api/dashboards', { name: 'bad', label: label('Bad'), widgets: [{ id: 'w', title: label('W'), chart: 'bar', report: { entity: 'order', groupBy: [{ field: 'nope' }] } }] });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).fields[0]!.path).toBe('/widgets/0/report');
    expect((await rep.inject({ method: 'POST', url: '/api/dashboards', payload: { name: 'x', label: label('X'), widgets: [] } })).statusCode).toBe(403);
  });

  it('gathers a customer 360: record, related lists with counts and sums, groups, ratings, timeline', async () => {
    const group = await h.api.post<{ id: string }>('/api/groups', { name: 'gold', label: label('Gold'), kind: 'dynamic', filter: { tier: { _eq: 'gold' } } });
    expect(group.status).toBe(201);
    const res = await h.api.get<{
      record: ApiRecord; related: { entity: string; total: number; recent: ApiRecord[]; sums: Record<string, string> }[];
      groups: { name: string }[]; timeline: { kind: string; entity: string }[];
    }>(`/api/records/customer/${customer.id}/360?sum=order.total_amount`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.record.name).toBe('Overview Co');
    const byEntity = new Map(res.body.related.map((r) => [r.entity, r]));
    expect(byEntity.get('order')!.total).toBe(3);
    expect(byEntity.get('order')!.sums.total_amount).toBe(formatCents(['100.10', '200.10', '300.10'].reduce((a, v) => a + cents(v), 0n)));
    expect(byEntity.get('service_ticket')!.total).toBe(3);
    expect(byEntity.get('activity')!.total).toBe(1);
    expect(byEntity.get('contact')!.total).toBe(0);
    expect(res.body.groups.map((g) => g.name)).toEqual(['gold']);
    expect(res.body.timeline.some((e) => e.kind === 'change' && e.entity === 'customer')).toBe(true);
    expect(res.body.timeline.filter((e) => e.kind === 'related').length).toBe(7);
    // The agent may not read orders: they are not in the agent's overview.
    const forAgent = (await agent.inject({ method: 'GET', url: `/api/records/customer/${customer.id}/360` })).json() as { related: { entity: string }[] };
    expect(forAgent.related.map((r) => r.entity)).toEqual(['service_ticket']);
  });
});
