import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi, type SeenRequest } from '../../test-support/fake-fetch';
import { sampleDefinition } from '../../test-support/definitions';
import { NO_VALUE, useKanbanStore } from '../kanban.store';

const card = (id: string, stage?: string, version = 1) => ({ id, version, name: id, ...(stage ? { stage } : {}) });

function server(patch: (request: SeenRequest) => { status?: number; body?: unknown }) {
  return fakeApi((request) => {
    const { url, method } = request;
    if (url.pathname === '/api/meta/entities/deal') return { body: { name: 'deal', version: 1, owner: 'core', definition: sampleDefinition() } };
    if (url.pathname === '/api/records/deal' && method === 'GET') {
      const filter = JSON.parse(url.searchParams.get('filter')!);
      const own = filter._and ? filter._and[1] : filter;
      if (own.stage._empty) return { body: { data: [], page: { limit: 20, has_more: false, next_cursor: null }, total: 0 } };
      const rows = own.stage._eq === 'open' ? [card('a', 'open'), card('b', 'open')] : [card('c', 'won')];
      return { body: { data: rows, page: { limit: 20, has_more: false, next_cursor: null }, total: rows.length } };
    }
    if (method === 'PATCH') return patch(request);
    return undefined;
  });
}

describe('kanban store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('loads one page per choice (and one for no value), each with the user\'s filter', async () => {
    const seen = server(() => ({ status: 500 }));
    const board = useKanbanStore('deal', 'stage', { filter: () => ({ amount: { _gt: '5' } }), cardFields: () => ['name', 'amount'] });
    await board.load();
    expect(board.columns.map((c) => [c.value, c.records.map((r) => r.id), c.total])).toEqual([['open', ['a', 'b'], 2], ['won', ['c'], 1], [NO_VALUE, [], 0]]);
    const first = seen.find((r) => r.url.pathname === '/api/records/deal')!.url.searchParams;
    expect(JSON.parse(first.get('filter')!)).toEqual({ _and: [{ amount: { _gt: '5' } }, { stage: { _eq: 'open' } }] });
    expect(first.get('fields')).toBe('name,stage,amount');
  });

  it('moves a card with the version it was shown with, and keeps it there once saved', async () => {
    const seen = server(({ body }) => ({ body: { ...card('a', (body as { stage: string }).stage, 2) } }));
    const board = useKanbanStore('deal', 'stage', { filter: () => undefined, cardFields: () => [] });
    await board.load();
    expect(await board.move('a', 'won')).toEqual({ ok: true });
    const patch = seen.find((r) => r.method === 'PATCH')!;
    expect(patch.headers['if-match']).toBe('"1"');
    expect(patch.body).toEqual({ stage: 'won' });
    expect(board.columns[0]!.records.map((r) => r.id)).toEqual(['b']);
    expect(board.columns[1]!.records.map((r) => [r.id, r.version])).toEqual([['a', 2], ['c', 1]]);
    expect([board.columns[0]!.total, board.columns[1]!.total]).toEqual([1, 2]);
  });

  it('puts a refused card back where it was and says why', async () => {
    let answer: { status: number; body: unknown } = { status: 409, body: { code: 'CRM_ERR_VERSION_CONFLICT', message: 'changed by someone else', details: {} } };
    server(() => answer);
    const board = useKanbanStore('deal', 'stage', { filter: () => undefined, cardFields: () => [] });
    await board.load();
    const conflict = await board.move('b', 'won');
    expect(conflict).toEqual({ ok: false, reason: 'conflict', message: 'changed by someone else' });
    expect(board.columns[0]!.records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(board.columns[1]!.records.map((r) => r.id)).toEqual(['c']);

    answer = { status: 400, body: { code: 'CRM_ERR_VALIDATION', message: 'The data is not valid', fields: [{ path: '/stage', keyword: 'x', message: 'a won deal needs an amount' }] } };
    const invalid = await board.move('a', NO_VALUE);
    expect(invalid).toEqual({ ok: false, reason: 'invalid', message: 'The data is not valid: a won deal needs an amount' });
    expect(board.columns[0]!.records.map((r) => r.id)).toEqual(['a', 'b']);
    expect(board.columns[2]!.total).toBe(0);
  });
});
