import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeApi } from '../../test-support/fake-fetch';
import { sampleDefinition } from '../../test-support/definitions';
import { useRecordListStore } from '../record-list.store';

describe('record list store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    localStorage.clear();
  });

  it('asks for the columns, expands references, sorts, filters and pages by cursor', async () => {
    const seen = fakeApi(({ url }) => {
      if (url.pathname === '/api/meta/entities/deal') return { body: { name: 'deal', version: 1, owner: 'core', definition: sampleDefinition() } };
      if (url.pathname === '/api/records/deal') {
        const cursor = url.searchParams.get('cursor');
        return { body: { data: [{ id: cursor ?? 'first', version: 1 }], page: { limit: 20, has_more: !cursor, next_cursor: cursor ? null : 'c2' }, total: 2 } };
      }
      return undefined;
    });
    const list = useRecordListStore('test', 'deal', { rememberColumns: true });
    await list.load();
    let query = seen.at(-1)!.url.searchParams;
    expect(query.get('fields')).toBe('name,stage,amount,customer');
    expect(query.get('expand')).toBe('customer');
    expect(query.get('total')).toBe('true');
    expect(list.total).toBe(2);

    await list.sortBy('amount', false);
    await list.sortBy('name', true);
    await list.setConditions([{ field: 'stage', operator: '_eq', value: 'won' }]);
    query = seen.at(-1)!.url.searchParams;
    expect(query.get('sort')).toBe('amount,name');
    expect(JSON.parse(query.get('filter')!)).toEqual({ stage: { _eq: 'won' } });

    await list.next();
    expect(seen.at(-1)!.url.searchParams.get('cursor')).toBe('c2');
    expect(list.page).toBe(2);
    await list.previous();
    expect(seen.at(-1)!.url.searchParams.get('cursor')).toBeNull();

    await list.setColumns(['name', 'seats']);
    expect(JSON.parse(localStorage.getItem('crm.columns.anonymous.deal')!)).toEqual(['name', 'seats']);
    expect(seen.at(-1)!.url.searchParams.get('fields')).toBe('name,seats');
  });

  it('and-s a related list\'s fixed condition with the user\'s filter', async () => {
    const seen = fakeApi(({ url }) => {
      if (url.pathname === '/api/meta/entities/deal') return { body: { name: 'deal', version: 1, owner: 'core', definition: sampleDefinition() } };
      return { body: { data: [], page: { limit: 5, has_more: false, next_cursor: null }, total: 0 } };
    });
    const list = useRecordListStore('related', 'deal', { baseFilter: { customer: { _eq: 'c1' } } });
    await list.setConditions([{ field: 'stage', operator: '_eq', value: 'open' }]);
    expect(JSON.parse(seen.at(-1)!.url.searchParams.get('filter')!)).toEqual({ _and: [{ customer: { _eq: 'c1' } }, { stage: { _eq: 'open' } }] });
  });
});
