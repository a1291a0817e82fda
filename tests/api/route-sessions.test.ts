import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@crm/core/testing';

const PUBLIC = new Set(['POST /api/auth/sign-in', 'GET /api/health', 'GET /api/openapi.json']);
const SAMPLE_ID = '0190a7a0-0000-7000-8000-000000000000';

/** Fills route parameters with plausible values so the request reaches the route's handler. */
function concreteUrl(url: string): string {
  return url
    .replace(':entity', 'customer')
    .replace(':field', 'name')
    .replace(':version', '1')
    .replace(/:id\b/g, SAMPLE_ID);
}

// Walks the route table: a route added tomorrow is covered without touching this test.
describe('every API route needs a session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 401 without one, except sign-in, health and the OpenAPI document', async () => {
    const routes = t.server.routeTable.filter((route) => route.url.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(30);
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const response = await t.server.inject({ method: route.method as 'GET', url: concreteUrl(route.url), payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} });
      if (PUBLIC.has(key)) {
        expect(response.statusCode, key).not.toBe(401);
      } else {
        expect(response.statusCode, key).toBe(401);
        expect(response.json().code, key).toBe('CRM_ERR_UNAUTHENTICATED');
      }
    }
  });

  it('changes nothing when refused', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/records/customer?total=true&limit=1' })).json().total;
    await t.server.inject({ method: 'POST', url: '/api/records/customer', payload: { name: 'x', customer_type: 'individual' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/records/customer?total=true&limit=1' })).json().total).toBe(before);
  });
});
