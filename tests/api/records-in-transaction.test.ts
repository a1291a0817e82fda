import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@crm/core/testing';
import type { Em, RecordActor } from '@crm/core';

/**
 * Workflow decisions, triggers and jobs write records inside their own transaction: the records
 * service joins it (`{ em }`), so everything commits or rolls back together — and on PGlite,
 * which has one session, a write from inside a transaction does not wait for itself.
 */
describe('records written inside a caller’s transaction', () => {
  let t: TestApp;
  const system: RecordActor = { userId: null, departmentId: null, locale: 'en', requestId: 'trx-test' };
  const db = () => t.core.orm.em.fork().getKysely() as Kysely<unknown>;
  const companies = async (name: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from crm_records.company where data->>'name' = ${name}`.execute(db())).rows[0]!.n);
  const auditEntries = async (id: string) =>
    Number((await sql<{ n: string }>`select count(*) as n from crm_audit_entry where record_id = ${id}::uuid`.execute(db())).rows[0]!.n);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('commits a create, a read and an update together with the caller', async () => {
    const id = await t.core.orm.em.fork().transactional(async (em) => {
      const created = await t.core.records.create('company', { name: 'Joined Ltd' }, system, { em: em as Em });
      const read = await t.core.records.get('company', created.id, { em: em as Em });
      expect(read.name).toBe('Joined Ltd');
      const listed = await t.core.records.list('company', { filter: { name: { _eq: 'Joined Ltd' } } }, system, { em: em as Em });
      expect(listed.data.map((record) => record.id)).toEqual([created.id]);
      await t.core.records.update('company', created.id, { city: '杭州' }, created.version, system, { em: em as Em });
      return created.id;
    });
    const stored = await t.core.records.get('company', id);
    expect(stored).toMatchObject({ name: 'Joined Ltd', city: '杭州', version: 2 });
    expect(await auditEntries(id)).toBe(2);
  });

  it('leaves no record and no audit entry when the caller rolls back', async () => {
    let createdId = '';
    await expect(
      t.core.orm.em.fork().transactional(async (em) => {
        const created = await t.core.records.create('company', { name: 'Rolled Back Ltd' }, system, { em: em as Em });
        createdId = created.id;
        throw new Error('the caller gives up');
      }),
    ).rejects.toThrow('the caller gives up');
    expect(await companies('Rolled Back Ltd')).toBe(0);
    expect(await auditEntries(createdId)).toBe(0);
  });

  it('keeps the caller’s transaction usable when one joined write is refused', async () => {
    await t.core.orm.em.fork().transactional(async (em) => {
      await expect(t.core.records.create('company', { name: 42 }, system, { em: em as Em })).rejects.toMatchObject({ code: 'CRM_ERR_VALIDATION' });
      await t.core.records.create('company', { name: 'After Refusal Ltd' }, system, { em: em as Em });
    });
    expect(await companies('After Refusal Ltd')).toBe(1);
  });
});
