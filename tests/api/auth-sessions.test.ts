import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '@crm/core/testing';

describe('sign-in and sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/org/users',
      payload: { username: 'chen.jie', displayName: '陈杰', password: 'first-password-1', roles: [] },
    });
    expect(created.statusCode, created.body).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers nothing but sign-in, health and the OpenAPI document without a session', async () => {
    for (const url of ['/api/records/customer', '/api/meta/entities', '/api/org/users', '/api/auth/me']) {
      const response = await t.server.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().code).toBe('CRM_ERR_UNAUTHENTICATED');
    }
    expect((await t.server.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await t.server.inject({ method: 'GET', url: '/api/openapi.json' })).statusCode).toBe(200);
    const forged = await t.server.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer not-a-token' } });
    expect(forged.statusCode).toBe(401);
  });

  it('signs in with a cookie for browsers and a bearer token for API clients', async () => {
    const response = await t.server.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'admin', password: TEST_ADMIN_PASSWORD } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'crm_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const me = await t.server.inject({ method: 'GET', url: '/api/auth/me', cookies: { crm_session: cookie.value } });
    expect(me.json()).toMatchObject({ username: 'admin', isAdmin: true, roles: ['admin'] });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('stores passwords as argon2id hashes', async () => {
    const { rows } = await t.core.orm.em.fork().getConnection().execute<{ password_hash: string }[]>(
      `select password_hash from crm_user where username = 'chen.jie'`,
    ).then((result) => ({ rows: result }));
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('signs out: the token stops working', async () => {
    const client = await t.signIn('chen.jie', 'first-password-1');
    expect((await client.inject({ method: 'POST', url: '/api/auth/sign-out' })).statusCode).toBe(204);
    expect((await client.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });

  it('changes a password, ending the other sessions', async () => {
    const first = await t.signIn('chen.jie', 'first-password-1');
    const second = await t.signIn('chen.jie', 'first-password-1');
    const weak = await first.inject({ method: 'POST', url: '/api/auth/password', payload: { current: 'first-password-1', next: 'short' } });
    expect(weak.json().code).toBe('CRM_ERR_WEAK_PASSWORD');
    const changed = await first.inject({ method: 'POST', url: '/api/auth/password', payload: { current: 'first-password-1', next: 'second-password-2' } });
    expect(changed.statusCode).toBe(204);
    expect((await first.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
    expect((await second.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    await expect(t.signIn('chen.jie', 'first-password-1')).rejects.toThrow();
    await t.signIn('chen.jie', 'second-password-2');
  });

  it('locks an account after five failed sign-ins, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const failed = await t.server.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'chen.jie', password: `wrong-${i}` } });
      expect(failed.json().code).toBe('CRM_ERR_SIGN_IN_FAILED');
    }
    const locked = await t.server.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'chen.jie', password: 'second-password-2' } });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('CRM_ERR_ACCOUNT_LOCKED');
    const unknown = await t.server.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'nobody', password: 'whatever-1' } });
    expect(unknown.json().code).toBe('CRM_ERR_SIGN_IN_FAILED');
  });

  it('writes sign-ins to the audit trail', async () => {
    const rows = await t.core.orm.em.fork().getConnection().execute<{ action: string }[]>(
      `select action from crm_audit_entry where action in ('sign_in', 'sign_in_failed', 'password_change')`,
    );
    const actions = new Set(rows.map((row) => row.action));
    expect([...actions].sort()).toEqual(['password_change', 'sign_in', 'sign_in_failed']);
  });
});

describe('session lookups are cached, but never outlive a change made here', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.inject({ method: 'PUT', url: '/api/org/roles', payload: { name: 'viewer', label: { 'zh-CN': '查看', en: 'Viewer', es: 'Lector' }, permissions: { entities: { company: { actions: ['read'], scope: 'all' } } } } });
    await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username: 'cached', displayName: 'Cached', password: 'cached-password-1', roles: ['viewer'] } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('applies a role change and a deactivation to a signed-in user at once', async () => {
    const user = await t.signIn('cached', 'cached-password-1');
    expect((await user.inject({ method: 'GET', url: '/api/records/company' })).statusCode).toBe(200);
    await t.app.inject({ method: 'PUT', url: '/api/org/roles', payload: { name: 'viewer', label: { 'zh-CN': '查看', en: 'Viewer', es: 'Lector' }, permissions: { entities: {} } } });
    expect((await user.inject({ method: 'GET', url: '/api/records/company' })).statusCode).toBe(403);
    const me = (await user.inject({ method: 'GET', url: '/api/auth/me' })).json();
    await t.app.inject({ method: 'PATCH', url: `/api/org/users/${me.id}`, payload: { active: false } });
    expect((await user.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
  });
});
