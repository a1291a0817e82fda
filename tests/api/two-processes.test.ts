import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createCore, type Core } from '@crm/core';
import { createTestApp, signInClient, TEST_ADMIN_PASSWORD, type ApiClient, type TestApp } from '@crm/core/testing';
import type { FastifyInstance } from 'fastify';

// Two API processes against one PostgreSQL database must behave as one: a field added through
// one is usable through the other at once. (Always PostgreSQL: the embedded database is one process.)
describe('two API processes on one database', () => {
  let first: TestApp;
  let secondCore: Core;
  let second: ApiClient;
  let secondServer: FastifyInstance;

  beforeAll(async () => {
    first = await createTestApp({ driver: 'postgres' });
    secondCore = await createCore({ databaseUrl: first.databaseUrl, poolSize: 3 });
    secondServer = await buildApp(secondCore);
    second = await signInClient(secondServer, 'admin', TEST_ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await secondServer.close();
    await secondCore.close();
    await first.close();
  });

  it('sees a field added through the other process', async () => {
    const added = await first.app.inject({
      method: 'POST',
      url: '/api/meta/entities/company/fields',
      payload: { name: 'wechat_id', schema: { 'x-crm-type': 'text', 'x-crm-label': { 'zh-CN': '微信号', en: 'WeChat ID', es: 'ID de WeChat' } } },
    });
    expect(added.statusCode).toBe(201);

    let created = await second.inject({ method: 'POST', url: '/api/records/company', payload: { name: 'Li Lei', wechat_id: 'lilei88' } });
    for (let attempt = 0; created.statusCode !== 201 && attempt < 40; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      created = await second.inject({ method: 'POST', url: '/api/records/company', payload: { name: 'Li Lei', wechat_id: 'lilei88' } });
    }
    expect(created.statusCode, created.body).toBe(201);

    const listed = await first.app.inject({
      method: 'GET',
      url: `/api/records/company?filter=${encodeURIComponent(JSON.stringify({ wechat_id: { _eq: 'lilei88' } }))}`,
    });
    expect(listed.json().data.map((r: { name: string }) => r.name)).toEqual(['Li Lei']);
  });

  it('refuses a stale update made through the other process', async () => {
    const created = await first.app.inject({ method: 'POST', url: '/api/records/company', payload: { name: 'Han Meimei' } });
    const { id } = created.json();
    const viaSecond = await second.inject({ method: 'PATCH', url: `/api/records/company/${id}`, headers: { 'if-match': '"1"' }, payload: { city: 'Wuhan' } });
    expect(viaSecond.statusCode).toBe(200);
    const viaFirst = await first.app.inject({ method: 'PATCH', url: `/api/records/company/${id}`, headers: { 'if-match': '"1"' }, payload: { city: 'Xian' } });
    expect(viaFirst.statusCode).toBe(409);
    expect(viaFirst.json().code).toBe('CRM_ERR_VERSION_CONFLICT');
    const stored = await first.app.inject({ method: 'GET', url: `/api/records/company/${id}` });
    expect(stored.json().city).toBe('Wuhan');
  });
});
