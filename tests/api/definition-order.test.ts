import { coreEntitySchemas } from '@crm/schemas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@crm/core/testing';

// Regression: definitions stored as jsonb came back with their properties reordered, and forms,
// lists and the designer showed fields shuffled.
describe('definition key order', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps the fields in the order of the schema file, and new fields at the end', async () => {
    const shipped = coreEntitySchemas.find((d) => d['x-crm-entity'] === 'customer')!;
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/meta/entities/customer/fields',
      payload: { name: 'aa_first_alphabetically', schema: { 'x-crm-type': 'text', 'x-crm-label': { 'zh-CN': '甲', en: 'A', es: 'A' } } },
    });
    expect(added.statusCode).toBe(201);
    const served = (await t.app.inject({ method: 'GET', url: '/api/meta/entities/customer' })).json();
    expect(Object.keys(served.definition.properties)).toEqual([...Object.keys(shipped.properties), 'aa_first_alphabetically']);
  });
});
