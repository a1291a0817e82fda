import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@crm/core/testing';

describe('audit trail', () => {
  let t: TestApp;
  const db = () => t.core.orm.em.fork().getKysely() as Kysely<unknown>;
  const auditCount = async () => Number((await sql<{ n: string }>`select count(*) as n from crm_audit_entry`.execute(db())).rows[0]!.n);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('records who changed which field from what to what, for every write', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/records/company', headers: { 'x-request-id': 'req-create-1' }, payload: { name: '华南物流有限公司', city: '广州' } });
    const { id } = created.json();
    await t.app.inject({ method: 'PATCH', url: `/api/records/company/${id}`, headers: { 'if-match': '"1"' }, payload: { city: '深圳', employees: 120 } });
    await t.app.inject({ method: 'DELETE', url: `/api/records/company/${id}` });
    await t.app.inject({ method: 'POST', url: `/api/records/company/${id}/restore` });

    const history = (await t.app.inject({ method: 'GET', url: `/api/records/company/${id}/history` })).json().data;
    expect(history.map((entry: { action: string }) => entry.action)).toEqual(['create', 'update', 'delete', 'restore']);
    expect(history[0].request_id).toBe('req-create-1');
    expect(history[0].changes.name).toEqual({ before: null, after: '华南物流有限公司' });
    expect(history[1].changes).toEqual({ city: { before: '广州', after: '深圳' }, employees: { before: null, after: 120 } });
    expect(history[1].context.version).toBe(2);
  });

  it('writes nothing for a refused write', async () => {
    const before = await auditCount();
    const refused = await t.app.inject({ method: 'POST', url: '/api/records/company', payload: { name: 42 } });
    expect(refused.statusCode).toBe(400);
    const stale = await t.app.inject({ method: 'POST', url: '/api/records/company', payload: { name: 'Acme' } });
    await t.app.inject({ method: 'PATCH', url: `/api/records/company/${stale.json().id}`, headers: { 'if-match': '"7"' }, payload: { city: 'X' } });
    expect(await auditCount()).toBe(before + 1);
  });

  it('records definition changes', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/meta/entities/company/fields',
      payload: { name: 'stock_code', schema: { 'x-crm-type': 'text', 'x-crm-label': { 'zh-CN': '股票代码', en: 'Stock code', es: 'Código bursátil' } } },
    });
    const { rows } = await sql<{ context: { op: string; field: string; version: number } }>`
      select context from crm_audit_entry where action = 'definition_change' and entity = 'company' order by occurred_at desc limit 1`.execute(db());
    expect(rows[0]!.context).toMatchObject({ op: 'add_field', field: 'stock_code', version: 2 });
  });

  it('cannot be edited or deleted, not even with SQL', async () => {
    await expect(sql`update crm_audit_entry set action = 'forged'`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from crm_audit_entry`.execute(db())).rejects.toThrow(/append-only/);
    expect(await auditCount()).toBeGreaterThan(0);
  });

  it('hides the history of a removed field', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/records/company', payload: { name: 'Hidden Co', stock_code: '600000' } });
    await t.app.inject({ method: 'DELETE', url: '/api/meta/entities/company/fields/stock_code' });
    const history = (await t.app.inject({ method: 'GET', url: `/api/records/company/${created.json().id}/history` })).json().data;
    expect(history[0].changes.name.after).toBe('Hidden Co');
    expect(history[0].changes.stock_code).toBeUndefined();
  });
});
