import { describe, expect, it } from 'vitest';
import { sampleDefinition } from '../../test-support/definitions';
import { buildFilter, isComplete } from '../filter-model';
import { operatorsFor, valueSchemaFor } from '../filter-operators';

describe('filter builder → filter JSON', () => {
  it('and-s conditions on different fields into one object', () => {
    expect(
      buildFilter([
        { field: 'tier', operator: '_eq', value: 'gold' },
        { field: 'city', operator: '_contains', value: 'Bei' },
      ]),
    ).toEqual({ tier: { _eq: 'gold' }, city: { _contains: 'Bei' } });
  });

  it('puts two operators on one field side by side', () => {
    expect(
      buildFilter([
        { field: 'amount', operator: '_gte', value: '100' },
        { field: 'amount', operator: '_lt', value: '200.50' },
      ]),
    ).toEqual({ amount: { _gte: '100', _lt: '200.50' } });
  });

  it('falls back to _and when the same field and operator appear twice', () => {
    expect(
      buildFilter([
        { field: 'name', operator: '_contains', value: 'a' },
        { field: 'name', operator: '_contains', value: 'b' },
      ]),
    ).toEqual({ _and: [{ name: { _contains: 'a' } }, { name: { _contains: 'b' } }] });
  });

  it('keeps value types: numbers, decimal strings, booleans, lists and pairs', () => {
    expect(
      buildFilter([
        { field: 'seats', operator: '_gt', value: 3 },
        { field: 'active', operator: '_eq', value: false },
        { field: 'stage', operator: '_in', value: ['open', 'won'] },
        { field: 'closed_on', operator: '_between', value: ['2024-01-01', '2024-12-31'] },
        { field: 'notes', operator: '_empty', value: true },
      ]),
    ).toEqual({
      seats: { _gt: 3 },
      active: { _eq: false },
      stage: { _in: ['open', 'won'] },
      closed_on: { _between: ['2024-01-01', '2024-12-31'] },
      notes: { _empty: true },
    });
  });

  it('wraps a single value for _in / _nin', () => {
    expect(buildFilter([{ field: 'stage', operator: '_nin', value: 'won' }])).toEqual({ stage: { _nin: ['won'] } });
  });

  it('leaves out unfinished conditions, and returns nothing when none is finished', () => {
    expect(isComplete({ field: '', operator: '_eq', value: 'x' })).toBe(false);
    expect(isComplete({ field: 'a', operator: '_between', value: ['1', undefined] })).toBe(false);
    expect(buildFilter([{ field: 'name', operator: '_eq', value: '' }])).toBeUndefined();
    expect(buildFilter([{ field: 'name', operator: '_eq', value: '' }, { field: 'stage', operator: '_eq', value: 'won' }])).toEqual({
      stage: { _eq: 'won' },
    });
  });
});

describe('operators per field type', () => {
  const def = sampleDefinition();
  const field = (name: string) => def.properties[name]!;

  it('offers text operators for text, ordering for numbers, set operators for choices', () => {
    expect(operatorsFor(field('name'))).toContain('_contains');
    expect(operatorsFor(field('name'))).not.toContain('_gt');
    expect(operatorsFor(field('amount'))).toEqual(expect.arrayContaining(['_gt', '_lte', '_between']));
    expect(operatorsFor(field('amount'))).not.toContain('_contains');
    expect(operatorsFor(field('stage'))).toEqual(expect.arrayContaining(['_eq', '_in', '_nin']));
    expect(operatorsFor(field('lines'))).toEqual([]);
  });

  it('picks a value widget schema that fits the operator', () => {
    expect(valueSchemaFor(field('stage'), '_in')['x-crm-type']).toBe('multichoice');
    expect(valueSchemaFor(field('stage'), '_eq')['x-crm-type']).toBe('choice');
    expect(valueSchemaFor(field('amount'), '_empty')['x-crm-type']).toBe('boolean');
    expect(valueSchemaFor(field('email'), '_contains')['x-crm-type']).toBe('text');
  });
});
