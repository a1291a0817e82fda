import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@crm/core/testing';
import type { ActionContext, ActionSpec, Em, RecordActor } from '@crm/core';

/** The shared actions rules and workflows run: checked when saved, run in the caller's transaction. */
describe('actions', () => {
  let t: TestApp;
  let users: Record<string, string>;
  let departments: Record<string, string>;
  const db = () => t.core.orm.em.fork().getKysely() as Kysely<unknown>;
  const post = async (url: string, payload: unknown) => {
    const res = await t.app.inject({ method: 'POST', url, payload: payload as object });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json();
  };
  const actorOf = (userId: string): RecordActor => ({ userId, departmentId: null, locale: 'en', requestId: 'actions-test' });
  const check = (entity: string, actions: unknown[]) => {
    const model = t.core.registry.get(entity);
    return () => t.core.actions.check(actions, { model, resolve: (name) => t.core.registry.find(name), path: '/actions', locale: 'en' });
  };
  const run = (actions: ActionSpec[], record: { id: string } & Record<string, unknown>, entity: string, actor: RecordActor) =>
    t.core.orm.em.fork().transactional(async (em) => {
      const context: ActionContext = { em: em as Em, actor, record: { entity, id: record.id, values: { ...record } }, source: 'test' };
      await t.core.actions.run(actions, context);
    });
  const notificationsOf = async (userId: string) =>
    (await sql<{ kind: string; title: Record<string, string>; link_id: string }>`
      select kind, title, link_id from crm_notification where user_id = ${userId}::uuid order by created_at`.execute(db())).rows;

  beforeAll(async () => {
    t = await createTestApp();
    // head office (head: boss) › east branch (no head) › east sales (head: lead); rep reports to lead
    const head = await post('/api/org/departments', { name: 'Head office' });
    const east = await post('/api/org/departments', { name: 'East branch', parentId: head.id });
    const sales = await post('/api/org/departments', { name: 'East sales', parentId: east.id });
    departments = { head: head.id, east: east.id, sales: sales.id };
    await t.app.inject({
      method: 'PUT', url: '/api/org/roles',
      payload: { name: 'finance', label: { 'zh-CN': '财务', en: 'Finance', es: 'Finanzas' }, permissions: { entities: { '*': { actions: ['read'], scope: 'all' } } } },
    });
    const user = (username: string, extra: Record<string, unknown>) =>
      post('/api/org/users', { username, displayName: username, password: 'a-long-password-1', ...extra });
    const boss = await user('boss', { departmentId: head.id });
    const lead = await user('lead', { departmentId: sales.id, managerId: boss.id });
    const rep = await user('rep', { departmentId: sales.id, managerId: lead.id, email: 'rep@example.com' });
    const cashier = await user('cashier', { departmentId: head.id, roles: ['finance'] });
    await t.app.inject({ method: 'PATCH', url: `/api/org/departments/${head.id}`, payload: { headId: boss.id } });
    await t.app.inject({ method: 'PATCH', url: `/api/org/departments/${sales.id}`, payload: { headId: lead.id } });
    users = { boss: boss.id, lead: lead.id, rep: rep.id, cashier: cashier.id };
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses unknown actions, bad settings and values that do not fit the field, with paths', () => {
    expect(check('customer', [{ type: 'launch_rocket' }])).toThrowError(expect.objectContaining({
      code: 'CRM_ERR_INVALID_ACTION', fields: [expect.objectContaining({ path: '/actions/0/type' })],
    }));
    expect(check('customer', [{ type: 'set_fields', values: { no_such_field: 'x' } }])).toThrowError(expect.objectContaining({
      fields: [expect.objectContaining({ path: '/actions/0/values/no_such_field', keyword: 'unknown_field' })],
    }));
    expect(check('customer', [{ type: 'notify', to: [{ kind: 'role' }], title: { en: 'x' } }])).toThrowError(expect.objectContaining({ code: 'CRM_ERR_INVALID_ACTION' }));
    try {
      check('customer', [{ type: 'set_fields', values: { annual_revenue: { cat: ['a', 'b'] } } }])();
      expect.unreachable();
    } catch (error) {
      expect((error as { fields: { path: string }[] }).fields[0]!.path).toMatch(/^\/actions\/0\/values\/annual_revenue/);
    }
    expect(check('customer', [
      { type: 'set_fields', values: { annual_revenue: { '*': [{ var: 'annual_revenue' }, 1.1] } } },
      { type: 'create_record', entity: 'activity', values: { subject: { cat: ['Follow-up: ', { var: 'name' }] }, channel: 'call', occurred_at: { var: '$now' }, customer: { var: 'id' } } },
      { type: 'send_message', channel: 'email', toField: 'email', body: { 'zh-CN': '您好', en: 'Hello', es: 'Hola' } },
    ])).not.toThrow();
  });

  it('sets fields and creates a related record in the caller’s transaction, attributed to the user', async () => {
    const customer = await t.core.records.create('customer', { name: '华东电力', customer_type: 'enterprise', annual_revenue: '1000.10' }, { ...actorOf(users.rep!), departmentId: departments.sales! });
    await run([
      { type: 'set_fields', values: { annual_revenue: { '*': [{ var: 'annual_revenue' }, 1.1] }, tier: 'vip' } },
      { type: 'create_record', entity: 'activity', values: { subject: { cat: ['VIP: ', { var: 'name' }] }, channel: 'call', occurred_at: { var: '$now' }, customer: { var: 'id' } } },
    ], customer, 'customer', actorOf(users.rep!));
    const stored = await t.core.records.get('customer', customer.id);
    expect(stored).toMatchObject({ annual_revenue: '1100.11', tier: 'vip', version: 2, updated_by: users.rep });
    const activities = await t.core.records.list('activity', { filter: { customer: { _eq: customer.id } } });
    expect(activities.data.map((a) => a.subject)).toEqual(['VIP: 华东电力']);
    expect(activities.data[0]!.owner_id).toBe(users.rep);
  });

  it('rolls every action back when a later one fails', async () => {
    const customer = await t.core.records.create('customer', { name: 'Rollback Co', customer_type: 'enterprise' }, actorOf(users.rep!));
    await expect(run([
      { type: 'set_fields', values: { tier: 'gold' } },
      { type: 'create_record', entity: 'activity', values: { subject: 'missing channel and customer' } },
    ], customer, 'customer', actorOf(users.rep!))).rejects.toMatchObject({ code: 'CRM_ERR_VALIDATION' });
    expect((await t.core.records.get('customer', customer.id)).tier).toBe('standard');
  });

  it('notifies the people a spec names: manager, department heads up the tree, a role, the owner', async () => {
    const customer = await t.core.records.create('customer', { name: 'Notify Co', customer_type: 'enterprise' }, { ...actorOf(users.rep!), departmentId: departments.sales! });
    const title = { 'zh-CN': '客户 {name} 需要关注', en: 'Customer {name} needs attention', es: 'El cliente {name} requiere atención' };
    await run([
      { type: 'notify', kind: 'customer.attention', to: [{ kind: 'owner_manager' }], title },
      { type: 'notify', to: [{ kind: 'department_head', of: 'record', levelsUp: 1 }], title },
      { type: 'notify', to: [{ kind: 'role', role: 'finance' }, { kind: 'owner' }], title },
    ], customer, 'customer', actorOf(users.rep!));
    const lead = await notificationsOf(users.lead!);
    expect(lead).toEqual([expect.objectContaining({ kind: 'customer.attention', link_id: customer.id })]);
    expect(lead[0]!.title.en).toBe('Customer Notify Co needs attention');
    // one level up from East sales is East branch, which has no head: its parent's head answers
    expect((await notificationsOf(users.boss!)).length).toBe(1);
    expect((await notificationsOf(users.cashier!)).length).toBe(1);
    expect((await notificationsOf(users.rep!)).length).toBe(1);
  });

  it('sends no notification and no message when the transaction rolls back', async () => {
    const customer = await t.core.records.create('customer', { name: 'Quiet Co', customer_type: 'enterprise', email: 'buyer@quiet.example' }, actorOf(users.rep!));
    const before = (await notificationsOf(users.lead!)).length;
    await expect(t.core.orm.em.fork().transactional(async (em) => {
      await t.core.actions.run([
        { type: 'notify', to: [{ kind: 'owner_manager' }], title: { 'zh-CN': '甲', en: 'A', es: 'A' } },
        { type: 'send_message', channel: 'email', toField: 'email', body: { 'zh-CN': '乙', en: 'B', es: 'B' } },
      ], { em: em as Em, actor: actorOf(users.rep!), record: { entity: 'customer', id: customer.id, values: customer }, source: 'test' });
      throw new Error('abandoned');
    })).rejects.toThrow('abandoned');
    expect((await notificationsOf(users.lead!)).length).toBe(before);
    const outbox = await sql`select 1 from crm_outbox_message where recipient = 'buyer@quiet.example'`.execute(db());
    expect(outbox.rows.length).toBe(0);
  });

  it('puts a message to the address in a record field and to users into the outbox', async () => {
    const customer = await t.core.records.create('customer', { name: 'Mail Co', customer_type: 'enterprise', email: 'buyer@mail.example' }, actorOf(users.rep!));
    await run([{
      type: 'send_message', channel: 'email', toField: 'email', to: [{ kind: 'owner' }],
      subject: { 'zh-CN': '付款提醒', en: 'Payment reminder', es: 'Recordatorio de pago' },
      body: { 'zh-CN': '{name}，您好', en: 'Dear {name}', es: 'Estimado {name}' },
    }], customer, 'customer', actorOf(users.rep!));
    const { rows } = await sql<{ recipient: string; body: string }>`
      select recipient, body from crm_outbox_message where data->>'id' = ${customer.id} order by recipient`.execute(db());
    expect(rows).toEqual([{ recipient: 'buyer@mail.example', body: 'Dear Mail Co' }, { recipient: 'rep@example.com', body: 'Dear Mail Co' }]);
  });
});
