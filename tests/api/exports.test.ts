import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '@crm/core/testing';
import { label, startHarness, type ApiRecord, type Harness, type ListBody } from './support/api.js';
import { parseCsv, readXlsx } from './support/imports.js';

const PASSWORD = 'exports-test-password';

describe('export: the filtered list (or a report) as CSV and XLSX, within permissions', () => {
  let h: Harness;
  let rep: ApiClient;
  let viewer: ApiClient;
  let repId: string;

  beforeAll(async () => {
    h = await startHarness();
    const put = (payload: object) => h.t.app.inject({ method: 'PUT', url: '/api/org/roles', payload });
    await put({ name: 'rep', label: label('Rep'), permissions: { entities: { customer: { actions: ['read', 'export'], scope: 'own', fields: { annual_revenue: 'hidden' } } } } });
    await put({ name: 'viewer', label: label('Viewer'), permissions: { entities: { customer: { actions: ['read'], scope: 'all' } } } });
    repId = (await h.api.post<{ id: string }>('/api/org/users', { username: 'exp_rep', displayName: 'Exp Rep', password: PASSWORD, roles: ['rep'] })).body.id;
    await h.api.post('/api/org/users', { username: 'exp_viewer', displayName: 'Viewer', password: PASSWORD, roles: ['viewer'] });
    rep = await h.t.signIn('exp_rep', PASSWORD);
    viewer = await h.t.signIn('exp_viewer', PASSWORD);
    // More than one export page (500), so the export has to follow the cursor.
    await h.api.bulk('customer', Array.from({ length: 1234 }, (_, i) => ({
      name: `Export ${String(i).padStart(4, '0')}, "quoted"`, customer_type: i % 2 ? 'enterprise' : 'individual', region: i % 3 ? 'east_china' : 'south_china',
      annual_revenue: `${i}.${String(i % 100).padStart(2, '0')}`, tags: i % 5 ? [] : ['fleet', 'investor'], owner_id: i % 4 === 0 ? repId : null,
    })));
  });
  afterAll(async () => {
    await h.t.close();
  });

  async function wholeList(client: ApiClient, query: string): Promise<ApiRecord[]> {
    const all: ApiRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = (await client.inject({ method: 'GET', url: `/api/records/customer?limit=500&${query}${cursor ? `&cursor=${cursor}` : ''}` })).json() as ListBody;
      all.push(...page.data);
      cursor = page.page.next_cursor;
    } while (cursor);
    return all;
  }

  it('exports exactly what the list holds, in its order, with field names as headers', async () => {
    const filter = encodeURIComponent(JSON.stringify({ region: { _eq: 'east_china' } }));
    const res = await h.t.app.inject({ method: 'GET', url: `/api/records/customer/export?format=csv&header=name&sort=-annual_revenue&filter=${filter}` });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="customer-.*\.csv"/);
    const [header, ...rows] = parseCsv(res.body);
    const list = await wholeList(h.t.app, `sort=-annual_revenue&filter=${filter}`);
    expect(rows.length).toBe(list.length);
    const at = (name: string) => header!.indexOf(name);
    expect(at('annual_revenue')).toBeGreaterThan(0);
    rows.forEach((row, i) => {
      expect(row[at('id')]).toBe(list[i]!.id);
      expect(row[at('name')]).toBe(list[i]!.name);
      expect(row[at('annual_revenue')]).toBe(list[i]!.annual_revenue);
      expect(row[at('tags')]).toBe(((list[i]!.tags as string[] | undefined) ?? []).join('; '));
    });
  });

  it('keeps to the exporter scope and hides hidden fields; needs the export right', async () => {
    const res = await rep.inject({ method: 'POST', url: '/api/records/customer/export', payload: { format: 'xlsx', sort: 'name' } });
    expect(res.statusCode).toBe(200);
    const [header, ...rows] = await readXlsx(res.rawPayload);
    const list = await wholeList(rep, 'sort=name');
    expect(list.length).toBe(Math.ceil(1234 / 4));
    expect(rows.length).toBe(list.length);
    // Headers are the labels in the reader's language; the hidden field is not there.
    expect(header).toContain('Name');
    expect(header).not.toContain('Annual revenue');
    expect(rows.map((row) => row[header!.indexOf('Name')])).toEqual(list.map((r) => r.name));
    const refused = await viewer.inject({ method: 'GET', url: '/api/records/customer/export' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('CRM_ERR_FORBIDDEN');
    const hiddenFilter = await rep.inject({ method: 'GET', url: `/api/records/customer/export?filter=${encodeURIComponent(JSON.stringify({ annual_revenue: { _gt: '1' } }))}` });
    expect(hiddenFilter.statusCode).toBe(400);
    expect(hiddenFilter.json().code).toBe('CRM_ERR_UNKNOWN_FIELD');
  });

  it('exports a report with its column labels', async () => {
    const spec = { entity: 'customer', groupBy: [{ field: 'region' }], aggregates: [{ fn: 'count' }, { fn: 'sum', field: 'annual_revenue' }] };
    const res = await h.t.app.inject({ method: 'POST', url: '/api/reports/export?format=csv', headers: { 'accept-language': 'zh-CN' }, payload: spec });
    expect(res.statusCode, res.body).toBe(200);
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual(['区域', '数量', '合计 · 年营业额']);
    const report = (await h.api.post<{ rows: Record<string, unknown>[] }>('/api/reports/query', spec)).body;
    expect(rows).toEqual(report.rows.map((r) => [String(r.region), String(r.count), String(r['sum:annual_revenue'])]));
    expect((await viewer.inject({ method: 'POST', url: '/api/reports/export', payload: spec })).statusCode).toBe(403);
    expect((await viewer.inject({ method: 'POST', url: '/api/reports/query', payload: spec })).statusCode).toBe(200);
  });
});
