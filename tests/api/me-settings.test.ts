import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@crm/core/testing';

const PASSWORD = 'me-test-password';

describe('the signed-in user: profile and language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the department and the role labels, and remembers the language per user', async () => {
    const dept = (await t.app.inject({ method: 'POST', url: '/api/org/departments', payload: { name: 'East branch' } })).json();
    await t.app.inject({ method: 'PUT', url: '/api/org/roles', payload: { name: 'rep', label: { 'zh-CN': '销售代表', en: 'Sales rep', es: 'Representante' }, permissions: {} } });
    await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username: 'li', displayName: 'Li', password: PASSWORD, departmentId: dept.id, roles: ['rep'] } });
    const li = await t.signIn('li', PASSWORD);
    const me = (await li.inject({ method: 'GET', url: '/api/auth/me' })).json();
    expect(me).toMatchObject({ username: 'li', locale: null, roles: ['rep'], department: { id: dept.id, name: 'East branch' } });
    expect(me.roleLabels).toEqual({ rep: { 'zh-CN': '销售代表', en: 'Sales rep', es: 'Representante' } });

    const changed = await li.inject({ method: 'PATCH', url: '/api/auth/me', payload: { locale: 'zh-CN' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().locale).toBe('zh-CN');
    // Another session (another device) of the same user starts in that language.
    const again = await t.signIn('li', PASSWORD);
    expect((await again.inject({ method: 'GET', url: '/api/auth/me' })).json().locale).toBe('zh-CN');
    // Other users are untouched.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).json().locale).toBeNull();

    const refused = await li.inject({ method: 'PATCH', url: '/api/auth/me', payload: { locale: 'fr' } });
    expect(refused.statusCode).toBe(400);
    const sneaky = await li.inject({ method: 'PATCH', url: '/api/auth/me', payload: { locale: 'en', roles: ['admin'] } });
    expect(sneaky.statusCode).toBe(400);
    expect((await li.inject({ method: 'PATCH', url: '/api/auth/me', payload: { locale: null } })).json().locale).toBeNull();
  });
});
