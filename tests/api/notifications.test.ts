import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { NotificationList, NotificationView } from '@crm/core';
import { createTestApp, type ApiClient, type TestApp } from '@crm/core/testing';

const PASSWORD = 'notifications-password';
const text = (en: string, zh: string, es: string) => ({ en, 'zh-CN': zh, es });

// In-app notifications: written in the caller's transaction, read only by their recipient.
describe('in-app notifications', () => {
  let t: TestApp;
  const users: Record<string, { id: string; client: ApiClient }> = {};
  const list = async (client: ApiClient, query = '', headers: Record<string, string> = {}) => {
    const response = await client.inject({ method: 'GET', url: `/api/notifications${query}`, headers });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as NotificationList;
  };
  const notify = (userIds: string[], n: number) =>
    t.core.notifications.notify({
      userIds,
      kind: 'task.assigned',
      title: text(`Approve order SO-${n}`, `审批订单 SO-${n}`, `Aprobar el pedido SO-${n}`),
      body: text('Discount 18%', '折扣 18%', 'Descuento 18 %'),
      link: { entity: 'order', id: '0190a7a0-0000-7000-8000-00000000000' + (n % 10) },
      data: { n },
    });

  beforeAll(async () => {
    t = await createTestApp();
    for (const [username, locale] of [['li.na', 'zh-CN'], ['emily', null], ['carlos', 'es']] as const) {
      const created = await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username, displayName: username, password: PASSWORD, locale } });
      expect(created.statusCode, created.body).toBe(201);
      users[username] = { id: created.json().id, client: await t.signIn(username, PASSWORD) };
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not exist when the transaction that created it rolled back', async () => {
    await expect(
      t.core.orm.em.fork().transactional(async (em) => {
        // Written through the caller's transaction (given as its kysely handle).
        const ids = await t.core.notifications.notify(
          { userIds: [users['emily']!.id], kind: 'task.assigned', title: text('In the transaction', '事务中', 'En la transacción') },
          em.getKysely() as Kysely<unknown>,
        );
        expect(ids).toHaveLength(1);
        throw new Error('the approval failed');
      }),
    ).rejects.toThrow('the approval failed');
    const mine = await list(users['emily']!.client);
    expect(mine.data.map((n) => n.title)).not.toContain('In the transaction');

    await t.core.orm.em.fork().transactional(async (em) => {
      await t.core.notifications.notify({ userIds: [users['emily']!.id], kind: 'task.assigned', title: text('Committed', '已提交', 'Confirmada') }, em);
    });
    expect((await list(users['emily']!.client)).data.map((n) => n.title)).toContain('Committed');
  });

  it('shows each user only their own notifications, in their language', async () => {
    await notify([users['li.na']!.id, users['carlos']!.id], 2);
    const liNa = await list(users['li.na']!.client);
    expect(liNa.data.map((n) => n.title)).toEqual(['审批订单 SO-2']);
    expect(liNa.data[0]).toMatchObject({ kind: 'task.assigned', body: '折扣 18%', read: false, data: { n: 2 }, link: { entity: 'order' } });
    expect((await list(users['carlos']!.client)).data.map((n) => n.title)).toEqual(['Aprobar el pedido SO-2']);
    // Without a language of their own, the reader's Accept-Language decides; English by default.
    expect((await list(users['emily']!.client)).data.every((n) => !n.title.includes('SO-2'))).toBe(true);
    await notify([users['emily']!.id], 3);
    expect((await list(users['emily']!.client)).data[0]!.title).toBe('Approve order SO-3');
    expect((await list(users['emily']!.client, '', { 'accept-language': 'es' })).data[0]!.title).toBe('Aprobar el pedido SO-3');

    // Someone else's notification cannot be marked read: it does not exist for them.
    const others = await users['li.na']!.client.inject({ method: 'POST', url: `/api/notifications/${liNa.data[0]!.id}/read` });
    expect(others.statusCode).toBe(200);
    const theirs = (await list(users['carlos']!.client)).data[0]!;
    const refused = await users['li.na']!.client.inject({ method: 'POST', url: `/api/notifications/${theirs.id}/read` });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('CRM_ERR_NOTIFICATION_NOT_FOUND');
    expect((await list(users['carlos']!.client)).data[0]!.read).toBe(false);
    // The administrator has no window into other people's desks either.
    expect((await list(t.app)).total).toBe(0);
  });

  it('lists unread first, newest first, in pages, with the unread count; read and read-all', async () => {
    const carlos = users['carlos']!;
    for (let n = 10; n < 15; n++) await notify([carlos.id], n);
    const firstPage = await list(carlos.client, '?limit=2');
    expect(firstPage.unread).toBe(6);
    expect(firstPage.total).toBe(6);
    expect(firstPage.page).toEqual({ limit: 2, offset: 0, has_more: true });
    expect(firstPage.data.map((n) => n.title)).toEqual(['Aprobar el pedido SO-14', 'Aprobar el pedido SO-13']);

    const read = await carlos.client.inject({ method: 'POST', url: `/api/notifications/${firstPage.data[0]!.id}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json() as NotificationView).toMatchObject({ read: true });
    expect((read.json() as NotificationView).readAt).toBe(t.clock.now().toISOString());

    const all = await list(carlos.client, '?limit=10');
    expect(all.unread).toBe(5);
    // The read one sinks below every unread one.
    expect(all.data.at(-1)!.title).toBe('Aprobar el pedido SO-14');
    expect(all.data.slice(0, 5).every((n) => !n.read)).toBe(true);
    const unreadOnly = await list(carlos.client, '?unread=true');
    expect(unreadOnly.data).toHaveLength(5);
    expect(unreadOnly.total).toBe(5);

    const readAll = await carlos.client.inject({ method: 'POST', url: '/api/notifications/read-all' });
    expect(readAll.json()).toEqual({ updated: 5 });
    expect((await list(carlos.client)).unread).toBe(0);
    expect(await t.core.notifications.unreadCount(carlos.id)).toBe(0);
  });

  it('refuses incomplete texts and unknown users without writing anything', async () => {
    const before = (await list(users['li.na']!.client)).total;
    await expect(
      t.core.notifications.notify({ userIds: [users['li.na']!.id], kind: 'task.assigned', title: { en: 'Only English' } as never }),
    ).rejects.toMatchObject({ code: 'CRM_ERR_VALIDATION', fields: expect.arrayContaining([expect.objectContaining({ path: '/title/zh-CN' })]) });
    await expect(
      t.core.notifications.notify({ userIds: [users['li.na']!.id, '0190a7a0-0000-7000-8000-0000000000ff'], kind: 'task.assigned', title: text('x', 'x', 'x') }),
    ).rejects.toMatchObject({ code: 'CRM_ERR_VALIDATION', fields: [expect.objectContaining({ path: '/userIds/1' })] });
    expect((await list(users['li.na']!.client)).total).toBe(before);
  });

  it('needs a session', async () => {
    for (const [method, url] of [['GET', '/api/notifications'], ['POST', '/api/notifications/read-all']] as const) {
      expect((await t.server.inject({ method, url })).statusCode).toBe(401);
    }
  });
});
