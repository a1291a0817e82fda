import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/api.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.t.close();
});

describe('security headers and the request id', () => {
  it.each([
    ['a public route', '/api/health', 200],
    ['a signed-out request', '/api/records/customer', 401],
  ])('are on every response: %s', async (_what, url, status) => {
    const res = await h.t.server.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-security-policy']).toContain("script-src 'self' 'unsafe-eval'");
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data:");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echo a well-formed request id and replace any other', async () => {
    const given = await h.t.server.inject({ method: 'GET', url: '/api/records/customer', headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');
    const odd = await h.t.server.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'no spaces allowed' } });
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
