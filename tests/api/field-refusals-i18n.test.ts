import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type ApiClient, type TestApp } from '@crm/core/testing';

const PASSWORD = 'refusals-test-password';
const label = (en: string) => ({ 'zh-CN': en, en, es: en });

// The form shows a refused field's message under the field: it must be in the user's language.
describe('field refusals in the caller\'s language', () => {
  let t: TestApp;
  let rep: ApiClient;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.inject({
      method: 'PUT',
      url: '/api/org/roles',
      payload: { name: 'rep', label: label('Rep'), permissions: { entities: { company: { actions: ['create', 'read'], scope: 'own', fields: { city: 'readonly' }, limits: { employees: { max: 50, min: 1 } } } } } },
    });
    await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username: 'rep', displayName: 'Rep', password: PASSWORD, roles: ['rep'] } });
    rep = await t.signIn('rep', PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  it('words limits and read-only fields in zh-CN, en and es', async () => {
    const create = (payload: object, language: string) =>
      rep.inject({ method: 'POST', url: '/api/records/company', payload, headers: { 'accept-language': language } });
    const tooMany = await create({ name: 'Big', employees: 80 }, 'zh-CN');
    expect(tooMany.statusCode).toBe(403);
    expect(tooMany.json().fields).toEqual([{ path: '/employees', keyword: 'maximum', message: '你的角色最多允许 50' }]);
    expect((await create({ name: 'Big', employees: 0 }, 'es')).json().fields[0].message).toBe('su rol permite como mínimo 1');
    expect((await create({ name: 'Big', city: 'X' }, 'zh-CN')).json().fields[0].message).toBe('你无权修改此字段');
    expect((await create({ name: 'Big', city: 'X' }, 'en')).json().fields[0].message).toBe('you may not change this field');
  });
});
