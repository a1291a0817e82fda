import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, rowCount, startHarness, type ApiRecord, type Harness } from './support/api.js';

/**
 * The contract of record hooks (core/src/modules/records/record-hooks.ts) that rules, workflows
 * and plugins build on: hooks run for every record of a write, inside its transaction, so what a
 * hook writes commits or rolls back with the record; and every write leaves its audit entries.
 */
let h: Harness;
const seen: { operation: string; id: string; phase: string }[] = [];
let failAfter = false;

async function history(entity: string, id: string): Promise<{ action: string; changes: Record<string, { before: unknown; after: unknown }> }[]> {
  const res = await h.api.get<{ data: { action: string; changes: Record<string, { before: unknown; after: unknown }> }[] }>(
    `/api/records/${entity}/${id}/history`,
  );
  expect(res.status, res.text).toBe(200);
  return res.body.data;
}

beforeAll(async () => {
  h = await startHarness();
  const hooks = h.t.core.hooks;
  hooks.before('company', (event) => {
    seen.push({ operation: event.operation, id: event.id, phase: 'before' });
    // A before hook may change the payload; the change is validated and stored like any value.
    if (event.operation !== 'delete' && event.operation !== 'restore' && typeof event.data.name === 'string') {
      event.data.city = `${event.data.name} city`;
    }
  });
  hooks.after('company', async (event) => {
    seen.push({ operation: event.operation, id: event.id, phase: 'after' });
    // Written on the hook's entity manager: part of the write's transaction.
    await sql`insert into hook_log (record_id, operation) values (${event.id}::uuid, ${event.operation})`.execute(event.em.getKysely());
    if (failAfter) throw new Error('refused by an after hook');
  });
  // Narrowed by `when`: never applies, so product writes stay single statements.
  hooks.before('*', () => {
    throw new Error('a hook whose condition does not hold must not run');
  }, { when: (model) => model.name === 'no_such_entity' });
  await sql`create table hook_log (record_id uuid not null, operation text not null)`.execute(h.db);
});

afterAll(async () => {
  await h.t.close();
});

describe('record hooks', () => {
  it('run for every record of a bulk create, and what a before hook sets is stored and audited', async () => {
    seen.length = 0;
    const created = await h.api.bulk('company', [{ name: 'Alpha' }, { name: 'Beta' }, { name: 'Gamma' }]);
    expect(created.map((r) => r.city)).toEqual(['Alpha city', 'Beta city', 'Gamma city']);
    expect(seen.filter((s) => s.phase === 'before').map((s) => s.id)).toEqual(created.map((r) => r.id));
    expect(seen.filter((s) => s.phase === 'after').map((s) => s.id)).toEqual(created.map((r) => r.id));
    const stored = await h.api.get<ApiRecord>(`/api/records/company/${created[1]!.id}`);
    expect(stored.body.city).toBe('Beta city');
    const [entry] = await history('company', created[1]!.id);
    expect(entry).toMatchObject({ action: 'create', changes: { name: { before: null, after: 'Beta' }, city: { before: null, after: 'Beta city' } } });
  });

  it('roll the write back, audit entry and hook writes included, when an after hook throws', async () => {
    const ok = await h.api.post('/api/records/company', { name: 'Keeper' });
    expect(ok.status, ok.text).toBe(201);
    const companies = await rowCount(h.db, 'company');
    const logged = Number((await sql<{ n: string }>`select count(*) as n from hook_log`.execute(h.db)).rows[0]!.n);
    const audited = Number((await sql<{ n: string }>`select count(*) as n from crm_audit_entry where entity = 'company'`.execute(h.db)).rows[0]!.n);
    failAfter = true;
    try {
      const refusedCreate = await h.api.post('/api/records/company', { name: 'Doomed' });
      expect(refusedCreate.status).toBe(500);
      const refusedUpdate = await h.api.patch(`/api/records/company/${ok.body.id}`, { employees: 5 }, { 'if-match': '"1"' });
      expect(refusedUpdate.status).toBe(500);
      const refusedDelete = await h.api.delete(`/api/records/company/${ok.body.id}`);
      expect(refusedDelete.status).toBe(500);
    } finally {
      failAfter = false;
    }
    expect(await rowCount(h.db, 'company')).toBe(companies);
    expect(Number((await sql<{ n: string }>`select count(*) as n from hook_log`.execute(h.db)).rows[0]!.n)).toBe(logged);
    expect(Number((await sql<{ n: string }>`select count(*) as n from crm_audit_entry where entity = 'company'`.execute(h.db)).rows[0]!.n)).toBe(audited);
    const unchanged = await h.api.get<ApiRecord>(`/api/records/company/${ok.body.id}`);
    expect(unchanged.body).toMatchObject({ version: 1, name: 'Keeper' });
    expect(unchanged.body.employees).toBeUndefined();
  });

  it('see the stored data before an update, and the after hook sees the new version', async () => {
    const created = await h.api.post('/api/records/company', { name: 'Delta' });
    seen.length = 0;
    const updated = await h.api.patch(`/api/records/company/${created.body.id}`, { employees: 40 }, { 'if-match': '"1"' });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, employees: 40, city: 'Delta city' });
    expect(seen.map((s) => `${s.phase}:${s.operation}`)).toEqual(['before:update', 'after:update']);
    const entries = await history('company', created.body.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]!.changes).toEqual({ employees: { before: null, after: 40 } });
  });
});

describe('writes without hooks', () => {
  it('let exactly one of several updates from the same version win; the others get 409 with the current record', async () => {
    const created = await h.api.post('/api/records/product', { sku: 'RACE-1', name: 'Race', category: 'other', unit_price: '1.00' });
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) => h.api.patch(`/api/records/product/${created.body.id}`, { unit_price: `${i + 2}.00` }, { 'if-match': '"1"' })),
    );
    const winners = attempts.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const loser of attempts.filter((r) => r.status !== 200)) {
      expect(loser.status).toBe(409);
      expect(errorOf(loser).code).toBe('CRM_ERR_VERSION_CONFLICT');
      expect((errorOf(loser).details as { current: ApiRecord }).current.version).toBe(2);
    }
    const entries = await history('product', created.body.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]!.changes.unit_price).toEqual({ before: '1.00', after: winners[0]!.body.unit_price });
  });

  it('audit exactly the fields a patch changed: a value sent unchanged is not a change, a cleared one is', async () => {
    const created = await h.api.post('/api/records/product', { sku: 'AUD-1', name: 'Same', category: 'other', unit_price: '1.00', unit: 'pcs' });
    const res = await h.api.patch(`/api/records/product/${created.body.id}`, { name: 'Same', unit: null, unit_price: '9.00' }, { 'if-match': '"1"' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ version: 2, name: 'Same', unit_price: '9.00' });
    expect(res.body.unit).toBeUndefined();
    const entries = await history('product', created.body.id);
    expect(entries[1]!.changes).toEqual({ unit: { before: 'pcs', after: null }, unit_price: { before: '1.00', after: '9.00' } });
  });

  it('audit the records an upsert updates', async () => {
    const created = await h.api.post('/api/records/product', { sku: 'UPS-1', name: 'Ups', category: 'other', unit_price: '1.00' });
    const actor = { userId: null, departmentId: null, locale: 'en' as const, requestId: 'upsert-audit' };
    const outcome = await h.t.core.records.upsertMany('product', [{ sku: 'UPS-1', unit_price: '2.00' }], 'sku', actor);
    expect(outcome).toEqual([{ id: created.body.id, action: 'updated' }]);
    const entries = await history('product', created.body.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]!.changes).toEqual({ unit_price: { before: '1.00', after: '2.00' } });
  });

  it('delete a record changed meanwhile when no version was given, and refuse a stale version', async () => {
    const created = await h.api.post('/api/records/product', { sku: 'DEL-1', name: 'Del', category: 'other', unit_price: '1.00' });
    const [updated, deleted] = await Promise.all([
      h.api.patch(`/api/records/product/${created.body.id}`, { name: 'Del 2' }, { 'if-match': '"1"' }),
      h.api.delete(`/api/records/product/${created.body.id}`),
    ]);
    expect(deleted.status, deleted.text).toBe(204);
    expect([200, 404]).toContain(updated.status);
    const again = await h.api.post('/api/records/product', { sku: 'DEL-2', name: 'Del', category: 'other', unit_price: '1.00' });
    await h.api.patch(`/api/records/product/${again.body.id}`, { name: 'Del 3' }, { 'if-match': '"1"' });
    const stale = await h.api.delete(`/api/records/product/${again.body.id}`, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect((await h.api.get(`/api/records/product/${again.body.id}`)).status).toBe(200);
  });
});
