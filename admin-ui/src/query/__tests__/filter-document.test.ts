import { describe, expect, it } from 'vitest';
import { conditionsFromFilter } from '../filter-document';
import { buildFilter, type FilterCondition } from '../filter-model';
import { parseSortParam, sortParam } from '../sort-model';

describe('saved view filters back into builder rows', () => {
  it('turns what the builder made back into the same rows, merged or with _and', () => {
    const merged: FilterCondition[] = [
      { field: 'tier', operator: '_eq', value: 'gold' },
      { field: 'annual_revenue', operator: '_between', value: ['10', '20'] },
      { field: 'annual_revenue', operator: '_neq', value: '15' },
    ];
    expect(conditionsFromFilter(buildFilter(merged))).toEqual(merged);
    const twice: FilterCondition[] = [
      { field: 'city', operator: '_contains', value: 'a' },
      { field: 'city', operator: '_contains', value: 'b' },
    ];
    expect(buildFilter(twice)).toHaveProperty('_and');
    expect(conditionsFromFilter(buildFilter(twice))).toEqual(twice);
    expect(conditionsFromFilter(null)).toEqual([]);
  });

  it('says when a filter cannot be shown as and-ed rows', () => {
    expect(conditionsFromFilter({ _or: [{ tier: { _eq: 'gold' } }, { tier: { _eq: 'vip' } }] })).toBeUndefined();
    expect(conditionsFromFilter({ tier: { _like: 'x' } })).toBeUndefined();
    expect(conditionsFromFilter({ _and: [{ _or: [{ a: { _eq: 1 } }] }] })).toBeUndefined();
  });

  it('reads a sort parameter back into keys', () => {
    const keys = parseSortParam('-amount, name');
    expect(keys).toEqual([{ field: 'amount', descending: true }, { field: 'name', descending: false }]);
    expect(sortParam(keys)).toBe('-amount,name');
    expect(parseSortParam(null)).toEqual([]);
  });
});
