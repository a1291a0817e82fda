import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-support/fake-fetch';
import { useSessionStore } from '../session.store';

const me = (locale: string | null) => ({
  id: 'u1', username: 'li', displayName: 'Li', locale, roles: ['rep'], isAdmin: false,
  department: { id: 'd1', name: 'East' }, roleLabels: { rep: { 'zh-CN': '销售代表', en: 'Sales rep', es: 'Representante' } },
});

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    localStorage.clear();
  });

  it('takes the language the user chose before, on any browser, and shows role names in it', async () => {
    fakeApi(({ url }) => (url.pathname === '/api/auth/me' ? { body: me('zh-CN') } : undefined));
    const session = useSessionStore();
    session.locale = 'en';
    await session.loadUser();
    expect(session.locale).toBe('zh-CN');
    expect(session.roleNames).toEqual(['销售代表']);
    expect(localStorage.getItem('crm.locale')).toBe('zh-CN');
  });

  it('remembers a switch on the server for a signed-in user only', async () => {
    const seen = fakeApi(({ url, method, body }) => {
      if (url.pathname === '/api/auth/me' && method === 'PATCH') return { body: me((body as { locale: string }).locale) };
      if (url.pathname === '/api/auth/me') return { body: me(null) };
      return undefined;
    });
    const session = useSessionStore();
    await session.setLocale('es');
    expect(seen).toHaveLength(0);
    await session.loadUser();
    expect(session.locale).toBe('es');
    await session.setLocale('zh-CN');
    expect(seen.at(-1)).toMatchObject({ method: 'PATCH', body: { locale: 'zh-CN' } });
    expect(session.user?.locale).toBe('zh-CN');
    expect(session.user?.department?.name).toBe('East');
  });
});
