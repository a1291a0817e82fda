import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Logger, OutboxList, OutboxView, OutgoingMessage } from '@crm/core';
import { createTestApp, type ApiClient, type TestApp } from '@crm/core/testing';

const PASSWORD = 'outbox-password';
const text = (en: string, zh: string, es: string) => ({ en, 'zh-CN': zh, es });
const minute = 60_000;

// Outgoing messages: outbox row in the caller's transaction, delivery by a durable job, retries.
describe('outbox and message channels', () => {
  let t: TestApp;
  let rep: ApiClient;
  const userIds: Record<string, string> = {};
  const delivered: OutgoingMessage[] = [];
  const logged: { object: Record<string, unknown>; message: string | undefined }[] = [];
  let failuresLeft = 0;

  const logger: Logger = {
    info: () => undefined,
    warn: (object, message) => logged.push({ object, message }),
    error: () => undefined,
  };
  const message = (id: string) => t.core.outbox.get(id);
  const overdue = (to: { userId?: string; address?: string }, channel = 'email') =>
    t.core.outbox.send({
      channel,
      to,
      subject: text('Payment overdue: SO-1001', '付款逾期：SO-1001', 'Pago vencido: SO-1001'),
      body: text('Please pay 12,000.00 CNY.', '请支付 12,000.00 元。', 'Pague 12.000,00 CNY.'),
      data: { order: 'SO-1001' },
    });

  beforeAll(async () => {
    t = await createTestApp({ core: { logger } });
    t.core.outbox.registerChannel('email', {
      send(outgoing) {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('SMTP 421 service not available');
        }
        delivered.push(outgoing);
        return { providerMessageId: `smtp-${delivered.length}` };
      },
    });
    for (const [username, locale, email] of [['wang.fang', 'zh-CN', 'wang.fang@example.cn'], ['ana', 'es', 'ana@example.es'], ['nomail', null, null]] as const) {
      const created = await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username, displayName: username, password: PASSWORD, locale, email } });
      expect(created.statusCode, created.body).toBe(201);
      userIds[username] = created.json().id;
    }
    rep = await t.signIn('ana', PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  it('records a message in the recipient language and delivers it through the channel', async () => {
    const id = await overdue({ userId: userIds['wang.fang']! });
    expect(await message(id)).toMatchObject({
      status: 'pending',
      channel: 'email',
      recipient: 'wang.fang@example.cn',
      locale: 'zh-CN',
      subject: '付款逾期：SO-1001',
      body: '请支付 12,000.00 元。',
      attempts: 0,
    });
    expect(delivered).toHaveLength(0);
    await t.core.jobs.runDue();
    expect(delivered.map((m) => [m.id, m.to, m.subject, m.locale, m.attempt])).toEqual([[id, 'wang.fang@example.cn', '付款逾期：SO-1001', 'zh-CN', 1]]);
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 1, providerMessageId: 'smtp-1', error: null, sentAt: t.clock.now().toISOString() });
    await t.core.jobs.runDue();
    expect(delivered).toHaveLength(1);
  });

  it('writes nothing and sends nothing when the caller transaction rolls back', async () => {
    let id: string | undefined;
    await expect(
      t.core.orm.em.fork().transactional(async (em) => {
        id = await t.core.outbox.send(
          { channel: 'email', to: { userId: userIds['ana']! }, body: text('Reminder', '提醒', 'Recordatorio') },
          em.getKysely() as Kysely<unknown>,
        );
        throw new Error('the dunning step failed');
      }),
    ).rejects.toThrow('the dunning step failed');
    await expect(message(id!)).rejects.toMatchObject({ code: 'CRM_ERR_OUTBOX_MESSAGE_NOT_FOUND' });
    const before = delivered.length;
    await t.core.jobs.runDue();
    expect(delivered).toHaveLength(before);
  });

  it('retries a failing channel with backoff and records each failure', async () => {
    failuresLeft = 2;
    const id = await overdue({ userId: userIds['ana']! });
    await t.core.jobs.runDue();
    expect(await message(id)).toMatchObject({ status: 'pending', attempts: 1, error: 'SMTP 421 service not available' });
    await t.core.jobs.runDue();
    expect((await message(id)).attempts).toBe(1);
    t.clock.advance(minute);
    await t.core.jobs.runDue();
    expect(await message(id)).toMatchObject({ status: 'pending', attempts: 2 });
    t.clock.advance(2 * minute);
    await t.core.jobs.runDue();
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(delivered.filter((m) => m.id === id).map((m) => [m.subject, m.attempt])).toEqual([['Pago vencido: SO-1001', 3]]);
  });

  it('marks a message failed after its last attempt, and an administrator can send it again', async () => {
    failuresLeft = 100;
    const id = await overdue({ address: 'finance@customer.example' });
    for (let attempt = 0; attempt < 6; attempt++) {
      await t.core.jobs.runDue();
      t.clock.advance(60 * minute);
    }
    const failed = await message(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 5, error: 'SMTP 421 service not available', locale: 'en', subject: 'Payment overdue: SO-1001' });

    const listed = (await t.app.inject({ method: 'GET', url: '/api/outbox?status=failed' })).json() as OutboxList;
    expect(listed.data.map((m) => m.id)).toEqual([id]);
    failuresLeft = 0;
    const retried = await t.app.inject({ method: 'POST', url: `/api/outbox/${id}/retry` });
    expect(retried.statusCode, retried.body).toBe(200);
    expect((retried.json() as OutboxView).status).toBe('pending');
    await t.core.jobs.runDue();
    expect(await message(id)).toMatchObject({ status: 'sent', attempts: 6 });
    const again = await t.app.inject({ method: 'POST', url: `/api/outbox/${id}/retry` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CRM_ERR_OUTBOX_NOT_RETRYABLE');
  });

  it('delivers through the default log channel, which writes the message to the server log', async () => {
    const id = await overdue({ address: '+86 138 0000 0000' }, 'sms');
    await t.core.jobs.runDue();
    expect(await message(id)).toMatchObject({ status: 'sent', channel: 'sms', recipient: '+86 138 0000 0000', providerMessageId: `log:${id}` });
    const line = logged.find((entry) => entry.object.messageId === id);
    expect(line?.message).toContain('server log');
    expect(line?.object).toMatchObject({ channel: 'sms', to: '+86 138 0000 0000', body: 'Please pay 12,000.00 CNY.' });
  });

  it('refuses a user without an address, an unknown channel and incomplete texts', async () => {
    await expect(overdue({ userId: userIds['nomail']! })).rejects.toMatchObject({ code: 'CRM_ERR_NO_RECIPIENT_ADDRESS' });
    await expect(overdue({ userId: userIds['wang.fang']! }, 'sms')).rejects.toMatchObject({ code: 'CRM_ERR_NO_RECIPIENT_ADDRESS' });
    await expect(overdue({ address: 'x@example.com' }, 'wechat')).rejects.toMatchObject({ code: 'CRM_ERR_UNKNOWN_CHANNEL' });
    await expect(t.core.outbox.send({ channel: 'email', to: { address: 'x@example.com' }, body: { en: 'hi' } as never })).rejects.toMatchObject({
      code: 'CRM_ERR_VALIDATION',
    });
    expect((await t.core.outbox.list({ userId: userIds['nomail']! })).total).toBe(0);
  });

  it('lets only administrators read the outbox', async () => {
    for (const [method, url] of [['GET', '/api/outbox'], ['POST', '/api/outbox/0190a7a0-0000-7000-8000-000000000000/retry']] as const) {
      expect((await t.server.inject({ method, url })).statusCode, url).toBe(401);
      const refused = await rep.inject({ method, url });
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().code).toBe('CRM_ERR_ADMIN_ONLY');
    }
    const sms = (await t.app.inject({ method: 'GET', url: '/api/outbox?channel=sms' })).json() as OutboxList;
    expect(sms.data.every((m) => m.channel === 'sms')).toBe(true);
    expect(sms.total).toBe(1);
    const page = (await t.app.inject({ method: 'GET', url: '/api/outbox?limit=2' })).json() as OutboxList;
    expect(page.data).toHaveLength(2);
    expect(page.page.has_more).toBe(true);
  });
});
