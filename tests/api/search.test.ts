import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type ApiClient, type TestApp } from '@crm/core/testing';

const PASSWORD = 'search-test-password';
const label = (en: string) => ({ 'zh-CN': en, en, es: en });

interface Group {
  entity: string;
  hits: { id: string; title: string; matches: Record<string, string> }[];
  hasMore: boolean;
}

describe('global search', () => {
  let t: TestApp;
  let rep: ApiClient;
  let repId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.inject({
      method: 'PUT',
      url: '/api/org/roles',
      payload: { name: 'rep', label: label('Rep'), permissions: { entities: { customer: { actions: ['read'], scope: 'own', fields: { email: 'hidden' } }, contact: { actions: ['read'], scope: 'all' } } } },
    });
    const user = await t.app.inject({ method: 'POST', url: '/api/org/users', payload: { username: 'rep', displayName: 'Rep', password: PASSWORD, roles: ['rep'] } });
    repId = user.json().id;
    rep = await t.signIn('rep', PASSWORD);
    const bulk = async (entity: string, records: object[]) => {
      const response = await t.app.inject({ method: 'POST', url: `/api/records/${entity}/bulk`, payload: { records } });
      expect(response.statusCode, response.body).toBe(201);
      return response.json().data as { id: string }[];
    };
    const [mine] = await bulk('customer', [
      { name: 'Zephyr Mine', customer_type: 'individual', owner_id: repId },
      { name: 'Zephyr Theirs', customer_type: 'individual' },
      { name: 'Plain', customer_type: 'individual', email: 'zephyr@example.com', owner_id: repId },
      { name: 'Percent 100%', customer_type: 'individual', owner_id: repId },
    ]);
    await bulk('contact', [{ name: 'Ann Zephyr', customer: mine!.id }, { name: 'Bob', phone: '+86 10 1234', customer: mine!.id }]);
    await bulk('product', [{ sku: 'ZEPHYR-1', name: 'Zephyr fan', category: 'vehicle', unit_price: '10.00' }]);
  });
  afterAll(async () => {
    await t.close();
  });

  const search = async (client: ApiClient, q: string, extra = '') => {
    const response = await client.inject({ method: 'GET', url: `/api/search?q=${encodeURIComponent(q)}${extra}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().data as Group[];
  };

  it('finds records of every entity in their searchable fields, case-insensitively', async () => {
    const groups = await search(t.app, 'zephyr');
    const byEntity = Object.fromEntries(groups.map((g) => [g.entity, g.hits.map((h) => h.title).sort()]));
    expect(byEntity).toEqual({
      customer: ['Plain', 'Zephyr Mine', 'Zephyr Theirs'],
      contact: ['Ann Zephyr'],
      product: ['Zephyr fan'],
    });
    const plain = groups.find((g) => g.entity === 'customer')!.hits.find((h) => h.title === 'Plain')!;
    expect(plain.matches).toEqual({ email: 'zephyr@example.com' });
    // A phone number is searchable too, and LIKE wildcards are plain text.
    expect((await search(t.app, '1234')).map((g) => g.entity)).toEqual(['contact']);
    expect((await search(t.app, '0%')).flatMap((g) => g.hits.map((h) => h.title))).toEqual(['Percent 100%']);
  });

  it('applies the reader\'s record scope, readable entities and hidden fields', async () => {
    const groups = await search(rep, 'zephyr');
    // Own customers only, no match through the hidden email, no products (not readable).
    expect(Object.fromEntries(groups.map((g) => [g.entity, g.hits.map((h) => h.title)]))).toEqual({ customer: ['Zephyr Mine'], contact: ['Ann Zephyr'] });
  });

  it('limits the hits per entity and says when there are more', async () => {
    const groups = await search(t.app, 'zephyr', '&limit=2&entities=customer');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.hits).toHaveLength(2);
    expect(groups[0]!.hasMore).toBe(true);
    const refused = await t.app.inject({ method: 'GET', url: '/api/search?q=' });
    expect(refused.statusCode).toBe(400);
  });
});
