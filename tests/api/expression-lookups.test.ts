import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely, KyselyPlugin } from 'kysely';
import { loadLookups } from '@crm/core';
import { buildExpressionScope, checkExpression, evaluateExpression, toJsonValue } from '@crm/core/expression';
import { startHarness, type Harness } from './support/api.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.t.close());

/** A view of the database that counts the statements sent through it. */
function counting(db: Kysely<unknown>): { db: Kysely<unknown>; count: () => number } {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => ((statements += 1), args.node),
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), count: () => statements };
}

async function create(entity: string, body: Record<string, unknown>): Promise<string> {
  const res = await h.api.post(`/api/records/${entity}`, body);
  if (res.status !== 201) throw new Error(`${entity}: ${res.text}`);
  return res.body.id;
}

describe('loadLookups', () => {
  it('loads two hops and line products for many orders with one query per hop', async () => {
    const east = await create('company', { name: 'East Grid Co.', city: 'Shanghai' });
    const south = await create('company', { name: 'South Power', city: 'Guangzhou' });
    const customers = [
      await create('customer', { name: 'A', customer_type: 'enterprise', company: east, credit_rating: 'excellent' }),
      await create('customer', { name: 'B', customer_type: 'enterprise', company: south, credit_rating: 'fair' }),
      await create('customer', { name: 'C', customer_type: 'individual' }),
    ];
    const meter = await create('product', { sku: 'M-1', name: 'Meter', category: 'other', unit_price: '120.00' });
    const cable = await create('product', { sku: 'C-1', name: 'Cable', category: 'other', unit_price: '0.35' });
    const orders = [];
    for (let i = 0; i < 12; i += 1) {
      const lines = [
        { product: meter, quantity: '2', unit_price: '110.00', amount: '220.00' },
        { product: cable, quantity: '100', unit_price: '0.30', amount: '30.00' },
      ];
      const id = await create('order', { order_no: `SO-${i}`, customer: customers[i % 3], order_date: '2026-01-15', status: 'draft', currency: 'CNY', lines });
      orders.push((await h.api.get<Record<string, unknown>>(`/api/records/order/${id}`)).body);
    }

    const registry = h.t.core.registry;
    const model = registry.get('order');
    const scope = buildExpressionScope(model, (name) => registry.find(name));
    const expression = {
      cat: [
        { coalesce: [{ var: 'customer.company.city' }, '-'] },
        '/',
        { var: 'customer.credit_rating' },
        '/',
        { to_fixed: [{ sum: [{ var: 'lines' }, { '*': [{ var: 'quantity' }, { var: 'product.unit_price' }] }] }, 2] },
      ],
    };
    const check = checkExpression(expression, scope);
    expect(check.lookups.map((l) => l.path)).toEqual(['customer', 'customer.company', 'lines.product']);

    const { db, count } = counting(h.db);
    const lookups = await loadLookups(db, registry, model, orders, check.lookups);
    // customer and lines.product are the first hop (two entities), customer.company the second.
    expect(count()).toBe(3);

    const results = orders.map((record) => toJsonValue(evaluateExpression(expression, { scope, record, lookups })));
    expect(results.slice(0, 3)).toEqual(['Shanghai/excellent/275.00', 'Guangzhou/fair/275.00', '-//275.00']);
    expect(new Set(results.slice(3))).toEqual(new Set(results.slice(0, 3)));
  });

  it('maps a deleted or missing referenced record to null and sends no query when there is nothing to load', async () => {
    const company = await create('company', { name: 'Gone Ltd.' });
    const customer = await create('customer', { name: 'Orphan', customer_type: 'enterprise', company });
    expect((await h.api.delete(`/api/records/company/${company}`)).status).toBe(204);
    const registry = h.t.core.registry;
    const model = registry.get('customer');
    const scope = buildExpressionScope(model, (name) => registry.find(name));
    const check = checkExpression({ var: 'company.name' }, scope);
    const record = (await h.api.get<Record<string, unknown>>(`/api/records/customer/${customer}`)).body;
    const lookups = await loadLookups(h.db, registry, model, [record], check.lookups);
    expect(lookups.get(company)).toBeNull();
    expect(evaluateExpression({ var: 'company.name' }, { scope, record, lookups })).toBeNull();

    const { db, count } = counting(h.db);
    await loadLookups(db, registry, model, [{ name: 'no company' }], check.lookups);
    expect(count()).toBe(0);
  });
});
