import { describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-support/fake-fetch';
import { runBulk } from '../bulk-actions';

const rows = [1, 2, 3, 4, 5].map((n) => ({ id: `r${n}`, version: n, name: `Row ${n}` }));

describe('bulk actions', () => {
  it('sends one request per row with the version shown, and reports each row', async () => {
    const seen = fakeApi(({ url, method }) => {
      if (url.pathname === '/api/records/deal/r3') return { status: 409, body: { code: 'CRM_ERR_VERSION_CONFLICT', message: 'changed by someone else' } };
      if (url.pathname === '/api/records/deal/r5') return { status: 400, body: { code: 'CRM_ERR_VALIDATION', message: 'not valid', fields: [{ path: '/stage', keyword: 'enum', message: 'must be one of open, won' }] } };
      return method === 'PATCH' ? { body: { id: url.pathname.split('/').pop(), version: 9 } } : undefined;
    });
    const progress: number[] = [];
    const results = await runBulk('deal', rows, { kind: 'set-field', field: 'stage', value: 'won' }, (r) => String(r.name), (n) => progress.push(n));
    expect(results).toEqual([
      { id: 'r1', title: 'Row 1', ok: true },
      { id: 'r2', title: 'Row 2', ok: true },
      { id: 'r3', title: 'Row 3', ok: false, message: 'changed by someone else' },
      { id: 'r4', title: 'Row 4', ok: true },
      { id: 'r5', title: 'Row 5', ok: false, message: 'not valid: must be one of open, won' },
    ]);
    expect(seen.map((r) => [r.url.pathname, r.headers['if-match'], r.body])).toEqual(
      expect.arrayContaining([['/api/records/deal/r4', '"4"', { stage: 'won' }]]),
    );
    expect(seen).toHaveLength(5);
    expect(progress).toEqual([1, 2, 3, 4, 5]);
  });

  it('deletes and changes owners the same way; an empty value clears the field', async () => {
    const seen = fakeApi(({ method }) => (method === 'DELETE' ? { status: 204 } : { body: { id: 'x', version: 2 } }));
    await runBulk('deal', rows.slice(0, 1), { kind: 'delete' }, () => '');
    await runBulk('deal', rows.slice(0, 1), { kind: 'change-owner', ownerId: 'u-9' }, () => '');
    await runBulk('deal', rows.slice(0, 1), { kind: 'set-field', field: 'stage', value: undefined }, () => '');
    expect(seen.map((r) => [r.method, r.body])).toEqual([['DELETE', undefined], ['PATCH', { owner_id: 'u-9' }], ['PATCH', { stage: null }]]);
  });
});
